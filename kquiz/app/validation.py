"""Check deck files without opening the progress store (for ``kquiz validate`` and editors)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kquiz.decks import find_deck_files, load_deck
from kquiz.decks.loader import deck_id_line
from kquiz.domain import Deck
from kquiz.errors import DeckError, Problem


@dataclass(frozen=True, slots=True)
class FileReport:
    path: Path
    deck: Deck | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_paths(paths: Iterable[Path]) -> list[FileReport]:
    """Load every deck file under ``paths`` (files, or folders searched for *.yaml/*.yml).

    Deck ids used by more than one of the files are reported on each later file.
    """
    reports: list[FileReport] = []
    owners: dict[str, Path] = {}
    for file in find_deck_files(paths):
        try:
            deck = load_deck(file)
        except DeckError as exc:
            reports.append(FileReport(file, None, tuple(exc.problems)))
            continue
        owner = owners.setdefault(deck.id, file)
        if owner != file:
            line = deck_id_line(file)
            problem = Problem(
                str(file),
                f"deck id '{deck.id}' is already used by {owner}; every deck needs its own id",
                line,
                1 if line else None,
            )
            reports.append(FileReport(file, deck, (problem,)))
            continue
        reports.append(FileReport(file, deck, ()))
    return reports
