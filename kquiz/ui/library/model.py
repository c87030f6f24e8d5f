"""Plain data the library screen draws, and how to get it from the core."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kquiz.errors import DeckError

if TYPE_CHECKING:
    from kquiz.app import Core


@dataclass(frozen=True, slots=True)
class CountRow:
    id: str
    title: str
    new: int
    learning: int
    due: int


@dataclass(frozen=True, slots=True)
class DeckRow:
    id: str
    title: str
    new: int
    learning: int
    due: int
    path: str | None
    topics: tuple[CountRow, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FailedRow:
    path: str
    problems: tuple[str, ...]  # "path:line:col: message" each
    details: tuple[str, ...] = ()  # the same with the offending line, a caret and the hint (tooltips)


@dataclass(frozen=True, slots=True)
class LibraryData:
    decks: tuple[DeckRow, ...]
    failed: tuple[FailedRow, ...]


def failed_row(error: DeckError) -> FailedRow:
    problems = tuple(str(p) for p in error.problems) or (str(error),)
    details = tuple(p.render() for p in error.problems) or problems
    path = error.problems[0].path if error.problems else "?"
    return FailedRow(path=path, problems=problems, details=details)


def library_data(core: Core, known: LibraryData | None = None) -> LibraryData:
    """Read the last loaded library and its counts from the core (fast: SQLite reads only).
    ``known``: rows counted a moment ago, kept for the decks they show (a load drawn deck by deck
    counts only the decks it added)."""
    library = core.library
    rows = []
    kept = {(row.id, row.path): row for row in known.decks} if known is not None else {}
    for deck in library.decks:
        row = kept.get((deck.id, deck.path))
        if row is not None:
            rows.append(row)
            continue
        counts = core.counts(deck.id)
        per_topic = core.topic_counts(deck.id)
        topics = []
        for topic in deck.topics:
            tc = per_topic.get(topic.id)
            if tc is None:
                continue
            topics.append(CountRow(topic.id, topic.title, tc.new, tc.learning, tc.review))
        tags = sorted({t for card in deck.cards for t in card.tags})
        rows.append(
            DeckRow(
                deck.id,
                deck.title,
                counts.new,
                counts.learning,
                counts.review,
                deck.path,
                tuple(topics),
                tuple(tags),
            )
        )
    failed = tuple(failed_row(e) for e in library.failures)
    return LibraryData(tuple(sorted(rows, key=lambda r: r.title.lower())), failed)
