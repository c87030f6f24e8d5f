"""Renamed cards keep their history: a card's ``was: [old-id, ...]`` moves the progress and answers
stored under an old id to its new id. Planned here (pure), written by the store in one transaction.

Idempotent: once moved, the old id holds nothing, so the next load finds nothing to move. Refused
(nothing moved, a message instead) when the old and the new id both hold progress: merging two
schedules would invent one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass

from kquiz.domain import CardKey, Deck, Progress


@dataclass(frozen=True, slots=True)
class RenamePlan:
    moves: tuple[tuple[CardKey, CardKey], ...] = ()  # (old, new)
    refused: tuple[str, ...] = ()

    @property
    def messages(self) -> list[str]:
        moved = [
            f"Moved the progress and history of {old} to {new} (was: in its deck)." for old, new in self.moves
        ]
        return moved + list(self.refused)


def former_keys(decks: Iterable[Deck]) -> dict[CardKey, CardKey]:
    """old key -> new key for every ``was`` id of the loaded decks."""
    out: dict[CardKey, CardKey] = {}
    for deck in decks:
        for card in deck.cards:
            for old in card.was:
                out[CardKey(deck.id, old)] = CardKey(deck.id, card.id)
    return out


def plan_renames(
    formers: Mapping[CardKey, CardKey], progress: Mapping[CardKey, Progress], reviewed: Set[CardKey]
) -> RenamePlan:
    """What to move: old keys holding progress or answers (``reviewed``) whose new key holds no progress."""
    moves: list[tuple[CardKey, CardKey]] = []
    refused: list[str] = []
    taken: set[CardKey] = set()
    for old, new in sorted(formers.items()):
        if old not in progress and old not in reviewed:
            continue  # nothing there (never studied, or already moved)
        if new in progress or new in taken:
            refused.append(
                f"Not moved: both {old} (listed in 'was' of {new.card_id}) and {new} hold progress. "
                f"Keep one: `kquiz orphans --delete` removes {old}'s once it is no longer listed in 'was', "
                f"or reset {new} in the browser."
            )
            continue
        moves.append((old, new))
        taken.add(new)
    return RenamePlan(tuple(moves), tuple(refused))
