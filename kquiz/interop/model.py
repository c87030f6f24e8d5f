"""Plain data passed between the import parsers and the deck writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kquiz.errors import Problem


class ImportFormat(StrEnum):
    CSV = "csv"
    TSV = "tsv"
    QUIZLET = "quizlet"
    ANKI_TEXT = "anki-text"
    ANKI_PACKAGE = "anki-package"  # .apkg / .colpkg, read with the anki library


@dataclass(frozen=True, slots=True)
class ImportedNote:
    """One usable row of an import file, as plain text.

    ``front`` is the question (for a cloze note: the text with ``{{cN::...}}`` markers), ``back`` the
    answer. ``line`` is the 1-based line where the row starts. ``topic`` is a topic *title* from the
    file (``None``: the deck's default topic). ``card_id`` is an explicit id from an ``id`` column;
    ``stable_key`` (e.g. an Anki note GUID) is what the card id is derived from when present.
    A typed card's further accepted ``answers``, a choice card's ``choices`` (text, correct), a
    true/false card's answer as ``back`` ("true"/"false"), an ``image`` path relative to the new deck
    and ``citations`` (source title, section) come from Anki packages.
    """

    line: int
    front: str
    back: str = ""
    kind: str = "basic"  # basic | reversed | cloze | typed | choice | truefalse
    tags: tuple[str, ...] = ()
    explanation: str = ""
    note: str = ""
    topic: str | None = None
    card_id: str | None = None
    stable_key: str | None = None
    answers: tuple[str, ...] = ()
    choices: tuple[tuple[str, bool], ...] = ()
    image: str | None = None
    citations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What a parser found: the usable notes, the rows it could not use, and what it had to leave out.

    ``problems`` are rows that were *not* imported (each with its line). ``warnings`` are rows that
    were imported but lost something (an image reference, a sound, an extra column) — also with lines.
    """

    format: ImportFormat
    notes: tuple[ImportedNote, ...]
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    details: dict[str, str] = field(default_factory=dict)  # e.g. {"delimiter": "tab", "header": "yes"}
