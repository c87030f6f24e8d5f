"""Import a CSV/TSV/Quizlet/Anki-text file into a kquiz YAML deck that the deck loader accepts.

Policy: every usable row is written; every row that cannot be used is reported with its line
(``ImportReport.problems``), and the caller (``kquiz import``) exits 1 when there is any. Rows that were
imported but lost something (media, unnamed columns) are ``warnings``. If no row is usable nothing is
written. The deck is validated with the real loader before it is written, atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kquiz.errors import DeckError, InteropError, Problem
from kquiz.interop.anki_text import parse_anki_text, read_headers
from kquiz.interop.deck_writer import BuiltDeck, DeckMeta, build_document
from kquiz.interop.delimited import looks_like_table, parse_delimited
from kquiz.interop.files import atomic_write
from kquiz.interop.html_text import looks_like_html
from kquiz.interop.ids import is_valid_id, is_valid_slug, slugify
from kquiz.interop.model import ImportFormat, ParseResult
from kquiz.interop.quizlet import parse_quizlet
from kquiz.interop.schema_ref import resolve_schema_ref, schema_comment
from kquiz.interop.textfile import ANKI_PACKAGE, read_text_with_encoding, sniff_file
from kquiz.interop.yaml_emit import dump_deck


@dataclass(frozen=True, slots=True)
class ImportOptions:
    format: ImportFormat | None = None  # None: from the extension and content (see detect_format)
    delimiter: str | None = None  # CSV/TSV/Anki: None = sniffed
    header: bool | None = None  # CSV/TSV: None = detected
    term_sep: str | None = None  # Quizlet: None = tab
    row_sep: str | None = None  # Quizlet: None = new line
    encoding: str | None = None
    deck_id: str | None = None  # None: from the output file name
    title: str | None = None  # None: from the input file name
    topic: str = "general"
    topic_title: str | None = None
    language: str = "en"
    schema_ref: str | None = None  # the yaml-language-server line: see kquiz.interop.schema_ref


@dataclass(frozen=True, slots=True)
class ImportReport:
    source: Path
    out: Path
    format: ImportFormat
    deck_id: str
    cards: int
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    details: dict[str, str] = field(default_factory=dict)
    text: str = ""


def detect_format(path: Path, text: str, options: ImportOptions) -> ImportFormat:
    """``--format`` wins; Quizlet separators mean Quizlet; ``.csv``/``.tsv``/``.tab`` by extension;
    otherwise Anki text when the file starts with Anki's ``#key:value`` headers or holds HTML, a
    TSV table when its rows have three or more tab-separated columns or a header row (or --header or
    --no-header is given), else Quizlet's default export (term TAB definition, one per line)."""
    if options.format is not None:
        return options.format
    if options.term_sep is not None or options.row_sep is not None:
        return ImportFormat.QUIZLET
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return ImportFormat.CSV
    if suffix in {".tsv", ".tab"}:
        return ImportFormat.TSV
    headers, _, _ = read_headers(text, str(path))
    if headers or looks_like_html(text[:65536]):
        return ImportFormat.ANKI_TEXT
    if options.header is not None or looks_like_table(text):
        return ImportFormat.TSV
    return ImportFormat.QUIZLET


def parse(text: str, path: str, fmt: ImportFormat, options: ImportOptions) -> ParseResult:
    if fmt in (ImportFormat.CSV, ImportFormat.TSV):
        return parse_delimited(text, path, delimiter=options.delimiter, header=options.header, fmt=fmt)
    if fmt == ImportFormat.QUIZLET:
        return parse_quizlet(text, path, term_sep=options.term_sep or "\t", row_sep=options.row_sep or "\n")
    return parse_anki_text(text, path, delimiter=options.delimiter)


def _title_from(path: Path) -> str:
    words = path.stem.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() or "Imported deck"


def import_text(text: str, source: Path, out: Path, options: ImportOptions = ImportOptions()) -> ImportReport:
    """Parse ``text`` (the content of ``source``) into deck YAML for ``out``; nothing is written."""
    fmt = detect_format(source, text, options)
    _check_ids(out, options)
    return build_report(parse(text, str(source), fmt, options), source, out, options)


def _check_ids(out: Path, options: ImportOptions) -> str:
    deck_id = options.deck_id or slugify(out.stem, max_len=64, empty="imported-deck")
    if not is_valid_slug(deck_id):
        raise InteropError(
            f"deck id {deck_id!r} is not valid: use lower-case letters, digits and single "
            "dashes, e.g. ketamine-basics"
        )
    if not is_valid_id(options.topic):
        raise InteropError(f"topic id {options.topic!r} is not valid: use letters, digits, '.', '-' and '_'")
    return deck_id


def build_report(
    result: ParseResult, source: Path, out: Path, options: ImportOptions, *, title: str = ""
) -> ImportReport:
    """The deck YAML for ``out`` from parsed rows, validated by the real loader; nothing is written."""
    fmt = result.format
    deck_id = _check_ids(out, options)
    meta = DeckMeta(
        deck_id=deck_id,
        title=options.title or title or _title_from(source),
        topic_id=options.topic,
        topic_title=options.topic_title or options.topic.replace("-", " ").replace("_", " ").capitalize(),
        description=f"Imported from {source.name} ({fmt.value}).",
        language=options.language,
    )
    built = build_document(result.notes, meta, str(source))
    problems = list(result.problems) + list(built.problems)
    if not built.document["cards"]:
        problems.sort(key=lambda p: p.line or 0)
        detail = "\n".join(str(p) for p in problems[:20])
        raise InteropError(
            f"{source}: no usable rows; nothing was written" + (f"\n{detail}" if detail else ""), problems
        )
    header = [
        schema_comment(resolve_schema_ref(options.schema_ref, out)),
        f"Imported by kquiz from {source.name} ({fmt.value}). Card ids come from each front (or the",
        "Anki note id), so importing an updated file again keeps your progress: see docs/authoring.md.",
    ]
    yaml_text, dropped, cards = _validated(built, header, out, str(source))
    problems += dropped
    problems.sort(key=lambda p: p.line or 0)
    return ImportReport(
        source, out, fmt, deck_id, cards, tuple(problems), result.warnings, dict(result.details), yaml_text
    )


def _validated(built: BuiltDeck, header: list[str], out: Path, source: str) -> tuple[str, list[Problem], int]:
    """Emit and load the deck with the real loader; a card the loader refuses is dropped and reported
    (one problem per dropped card). Returns the text, those problems and how many cards it holds."""
    from kquiz.decks import load_text

    document = dict(built.document)
    dropped: list[Problem] = []
    for _ in range(3):
        text = dump_deck(document, header)
        try:
            load_text(text, str(out), base_dir=out.parent.resolve())
            return text, dropped, len(document["cards"])
        except DeckError as exc:
            bad = {p.card_id for p in exc.problems if p.card_id and p.card_id in built.lines}
            if not bad or any(p.card_id not in bad for p in exc.problems):
                raise InteropError(
                    f"the imported deck does not validate (a kquiz bug, please report):\n{exc}", exc.problems
                ) from None
            for card_id in sorted(bad, key=lambda cid: built.lines[cid]):
                prefix = f"card {card_id!r}: "
                why = "; ".join(p.message.removeprefix(prefix) for p in exc.problems if p.card_id == card_id)
                dropped.append(
                    Problem(source, f"{prefix}{why}; not imported", built.lines[card_id], 1, card_id)
                )
            document["cards"] = [c for c in document["cards"] if c["id"] not in bad]
            if not document["cards"]:
                raise InteropError(f"{source}: no usable rows; nothing was written", dropped) from None
    raise InteropError("the imported deck does not validate (a kquiz bug, please report)", dropped)


def import_file(
    source: Path, out: Path, options: ImportOptions = ImportOptions(), *, overwrite: bool = False
) -> ImportReport:
    """Read, convert, validate and write. Raises InteropError when nothing usable was found."""
    if not overwrite and out.exists():
        raise InteropError(f"{out}: already exists; choose another name (or pass --force to replace it)")
    kind = sniff_file(source)
    if options.format == ImportFormat.ANKI_PACKAGE or kind == ANKI_PACKAGE:
        return _import_package(source, out, options, overwrite=overwrite)
    if kind is not None:
        raise InteropError(f"{source}: this is {kind}, not a text export; nothing was written")
    if source.suffix.lower() in {".apkg", ".colpkg"} and source.is_file():
        raise InteropError(f"{source}: not a zip archive, so not an Anki package (a damaged download?)")
    text, encoding = read_text_with_encoding(source, options.encoding)
    if options.format is None and encoding == "utf-16" and source.suffix.lower() not in {".csv", ".tsv"}:
        options = replace(options, format=ImportFormat.TSV)  # Excel's "Unicode Text": UTF-16, tabs
    report = import_text(text, source, out, options)
    if encoding != "utf-8":
        report = replace(report, details={"encoding": encoding, **report.details})
    atomic_write(out, report.text, overwrite=overwrite)
    return report


def _import_package(source: Path, out: Path, options: ImportOptions, *, overwrite: bool) -> ImportReport:
    from kquiz.interop.anki_import import parse_package

    _check_ids(out, options)
    result, title, images = parse_package(source, out)
    try:
        report = build_report(result, source, out, options, title=title)
        atomic_write(out, report.text, overwrite=overwrite)
    except BaseException:
        images.remove_created()
        raise
    return report
