"""Siblings: cards of one deck that share a ``group:`` test the same fact and would give each other away.

Within a session a card is never shown while one of the last ``SPACING`` cards shown was a sibling
(it is put back ``SPACING`` cards later, unless nothing else is left to show). With the
``bury_siblings`` setting (on by default, like Anki's), answering a card in a scheduled session
buries its new and review siblings until the next study day starts; learning siblings, already
mid-way, are left alone. Undo puts the siblings back as they were.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime

from kquiz.domain import Card, CardKey, CardState, Deck, Progress

SPACING = 5  # a sibling waits until this many other cards have been shown

Groups = dict[CardKey, tuple[CardKey, ...]]  # a grouped card -> its siblings (itself left out)


def sibling_index(cards: Mapping[CardKey, tuple[Deck, Card]]) -> Groups:
    """Each grouped card's siblings (same deck, same group)."""
    members: dict[tuple[str, str], list[CardKey]] = {}
    for key, (_deck, card) in cards.items():
        if card.group:
            members.setdefault((key.deck_id, card.group), []).append(key)
    return {
        key: tuple(k for k in keys if k != key) for keys in members.values() if len(keys) > 1 for key in keys
    }


def too_close(key: CardKey, recent: Iterable[CardKey], groups: Groups) -> bool:
    """Was a sibling of ``key`` among the ``recent`` cards shown?"""
    siblings = groups.get(key, ())
    return bool(siblings) and any(k in siblings for k in recent)


def to_bury(key: CardKey, groups: Groups, progress: Mapping[CardKey, Progress]) -> list[CardKey]:
    """The siblings answering ``key`` buries: new and review cards, not suspended, not learning."""
    out = []
    for sibling in groups.get(key, ()):
        prog = progress.get(sibling)
        if prog is not None and (
            prog.suspended or prog.memory.state in (CardState.LEARNING, CardState.RELEARNING)
        ):
            continue
        out.append(sibling)
    return out


def buried(key: CardKey, previous: Progress | None, content_hash: str, until: datetime) -> Progress:
    """``key``'s progress row, buried until ``until``."""
    return replace(previous or Progress(key, content_hash=content_hash), buried_until=until)
