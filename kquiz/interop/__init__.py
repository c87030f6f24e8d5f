"""Moving decks to and from other tools: CSV/TSV, Quizlet and Anki-text import; Anki .apkg export.

No Qt here. Parsers return plain data (``ParseResult``) or raise ``InteropError``; the importer turns
rows into a deck the real loader accepts; the exporter writes an Anki package with genanki.
"""

from kquiz.interop.importer import ImportOptions, ImportReport, detect_format, import_file, import_text
from kquiz.interop.model import ImportedNote, ImportFormat, ParseResult

__all__ = [
    "ImportFormat",
    "ImportOptions",
    "ImportReport",
    "ImportedNote",
    "ParseResult",
    "detect_format",
    "import_file",
    "import_text",
]
