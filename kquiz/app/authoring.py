"""Authoring entry points for the CLI and the UI: import, new deck, schema, Anki export, reload.

The fronts (``kquiz.cli``, ``kquiz.ui``) call these; the work is done in ``kquiz.interop`` and
``kquiz.decks``. Every failure is a KQuizError (InteropError / DeckError) with plain-words problems.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.domain import Deck
from kquiz.errors import DeckError, InteropError, Problem
from kquiz.interop.importer import ImportOptions, ImportReport, import_file
from kquiz.interop.model import ImportFormat
from kquiz.interop.textfile import unescape_separator

if TYPE_CHECKING:
    from kquiz.app.core import Core

__all__ = [
    "ExportResult",
    "ImportFormat",
    "ImportOptions",
    "ImportReport",
    "export_anki",
    "import_deck",
    "import_messages",
    "install_reloaded_deck",
    "load_decks",
    "new_deck",
    "reload_deck",
    "schema_path",
    "schema_text",
    "unescape_separator",
    "write_schema",
]


@dataclass(frozen=True, slots=True)
class ExportResult:
    out: Path
    notes: int
    decks: tuple[str, ...]
    media: int
    warnings: tuple[str, ...] = ()


def import_deck(
    source: Path, out: Path, options: ImportOptions | None = None, *, overwrite: bool = False
) -> ImportReport:
    """Convert ``source`` to a deck at ``out``; see kquiz.interop.importer for the policy."""
    return import_file(source, out, options or ImportOptions(), overwrite=overwrite)


def import_messages(report: ImportReport) -> tuple[str, list[str]]:
    """What an import says, the same in the CLI and the app: a summary sentence, then one line per
    warning (``warning: ...``, imported but changed) and per row or note not imported (``skipped: ...``)."""
    lines = [f"warning: {w}" for w in report.warnings] + [f"skipped: {p}" for p in report.problems]
    how = ", ".join(f"{key} {value}" for key, value in report.details.items())
    rows = len({(p.path, p.line) for p in report.problems})  # a row may have several problems
    unit = "note(s)" if report.format == ImportFormat.ANKI_PACKAGE else "row(s)"
    skipped = f"; {rows} {unit} skipped" if rows else ""
    summary = (
        f"Imported {report.cards} card(s) from {report.source} ({report.format.value}: {how}) into "
        f"{report.out} (deck id {report.deck_id}){skipped}."
    )
    return summary, lines


def new_deck(out: Path, title: str, *, deck_id: str | None = None, schema: str | None = None) -> str:
    """Write a starter deck (refuses to overwrite); returns the deck id."""
    from kquiz.interop.starter import write_starter

    return write_starter(out, title, deck_id=deck_id, schema=schema)


def schema_path() -> Path:
    from kquiz.decks import SCHEMA_PATH

    return Path(SCHEMA_PATH)


def schema_text() -> str:
    from kquiz.decks import schema

    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(out: Path) -> None:
    from kquiz.interop.files import atomic_write

    atomic_write(out, schema_text())


def reload_deck(path: Path | str) -> Deck:
    """Load one deck file again (live reload). Raises DeckError with every problem."""
    from kquiz.decks import load_deck

    return load_deck(Path(path))


def _same_file(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def install_reloaded_deck(core: Core, deck: Deck) -> None:
    """Put a reloaded deck into ``core``'s library in place of the one read from the same file.

    A load failure recorded for that file is dropped (it is fixed now). A deck whose id is already
    used by another file is refused with a DeckError, as when the library is read.
    """
    from kquiz.app.library import Library

    library = core.library
    clash = next((d for d in library.decks if d.id == deck.id and not _same_file(d.path, deck.path)), None)
    if clash is not None:
        raise DeckError(
            [
                Problem(
                    deck.path or "<deck>",
                    f"deck id '{deck.id}' is already used by {clash.path}; give this deck another id",
                )
            ]
        )
    decks: list[Deck] = []
    placed = False
    for old in library.decks:
        if _same_file(old.path, deck.path):
            if not placed:
                decks.append(deck)
                placed = True
        else:
            decks.append(old)
    if not placed:
        decks.append(deck)
    failures = tuple(
        f for f in library.failures if not any(_same_file(p.path, deck.path) for p in f.problems)
    )
    core.install_library(Library(tuple(decks), failures, library.missing_folders))


def load_decks(paths: Iterable[Path]) -> list[Deck]:
    """Load deck files and folders (recursively); any invalid deck raises one DeckError with all
    problems, so nothing half-valid is exported."""
    from kquiz.decks import find_deck_files, load_deck

    paths = [Path(p) for p in paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InteropError(f"no such file or folder: {', '.join(missing)}")
    files = find_deck_files(paths)
    if not files:
        raise InteropError("no deck files (*.yaml, *.yml) found in the given paths")
    decks: list[Deck] = []
    problems: list[Problem] = []
    for path in files:
        try:
            decks.append(load_deck(path))
        except DeckError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DeckError(problems)
    return decks


def export_anki(paths: Sequence[Path], out: Path, *, timestamp: float | None = None) -> ExportResult:
    """Export decks to an Anki package; re-exporting an edited deck updates the notes in Anki."""
    from kquiz.interop.anki_export import export_apkg

    if out.suffix.lower() != ".apkg":
        raise InteropError(f"{out}: an Anki package name ends in .apkg")
    report = export_apkg(load_decks(paths), out, timestamp=timestamp)
    return ExportResult(report.out, report.notes, report.decks, report.media, report.warnings)
