"""Bulk actions on cards: each is planned as a ``Change`` (every touched row before and after), written
in one transaction, and can be undone by writing the rows back (skipping any card changed since).

Reset ("forget") deletes the card's stored row, as ``Core.reset_progress`` does and as the sync
journal reads a reset (answers in the log, no progress row): the card is new again, its marks go with
the row, its answer history stays."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from kquiz.domain import CardKey, CardState, MemoryState, Progress

ACTIONS = ("suspend", "unsuspend", "unbury", "flag", "unflag", "reset", "due")
_DONE = {
    "suspend": "suspended",
    "unsuspend": "unsuspended",
    "unbury": "unburied",
    "flag": "flagged",
    "unflag": "unflagged",
    "reset": "reset to new",
    "due": "rescheduled",
}
NEW_CARD_DIFFICULTY = 5.0  # a new card given a due date becomes a review card of middling difficulty


class ProgressWriter(Protocol):
    def all_progress(self, deck_ids: Iterable[str] | None = None) -> dict[CardKey, Progress]: ...

    def write_progress(self, save: Iterable[Progress], delete: Iterable[CardKey]) -> None: ...


@dataclass(frozen=True, slots=True)
class Change:
    """One action as planned or applied. ``before``/``after`` hold only the rows it changes (None: no
    stored row). ``asked`` is how many cards were selected."""

    action: str
    before: Mapping[CardKey, Progress | None]
    after: Mapping[CardKey, Progress | None]
    asked: int

    @property
    def count(self) -> int:
        return len(self.after)

    @property
    def message(self) -> str:
        done = _DONE[self.action]
        if not self.after:
            return f"Nothing to change: {_cards(self.asked)} already {done}." if self.asked else "No card."
        return f"{_cards(self.count)} {done}."

    @property
    def undo_message(self) -> str:
        return f"Undone: {_cards(self.count)} no longer {_DONE[self.action]}."


def _cards(n: int) -> str:
    return f"{n} card" if n == 1 else f"{n} cards"


def parse_days(text: str) -> tuple[int, int]:
    """``"7"`` → (7, 7); ``"3-7"`` → (3, 7); ValueError for anything else (0 means today)."""
    low, sep, high = text.strip().partition("-")
    try:
        first, last = int(low), int(high) if sep else int(low)
    except ValueError:
        raise ValueError(f"A due date is a number of days or a range like 3-7, not '{text}'") from None
    if not 0 <= first <= last <= 36500:
        raise ValueError(f"A due date range runs from 0 up, the smaller number first (got '{text}')")
    return first, last


def _changed(action: str, p: Progress, now: datetime, day_start: datetime, days: int) -> Progress:
    if action in ("suspend", "unsuspend"):
        return replace(p, suspended=action == "suspend")
    if action in ("flag", "unflag"):
        return replace(p, flagged=action == "flag")
    if action == "unbury":
        return replace(p, buried_until=None) if p.buried_until is not None and p.buried_until > now else p
    due = now if days == 0 else day_start + timedelta(days=days)
    m = p.memory
    if m.state == CardState.NEW or m.stability is None:
        m = MemoryState(
            state=CardState.REVIEW,
            stability=float(max(days, 1)),
            difficulty=m.difficulty or NEW_CARD_DIFFICULTY,
            due=due,
            last_review=now,
            reps=m.reps,
            lapses=m.lapses,
        )
        return replace(p, memory=m)
    return replace(p, memory=replace(m, due=due))


def plan(
    action: str,
    keys: Iterable[CardKey],
    stored: Mapping[CardKey, Progress],
    *,
    now: datetime,
    day_start: datetime,
    days: tuple[int, int] = (0, 0),
    rng: random.Random | None = None,
) -> Change:
    """What ``action`` would change for ``keys`` (nothing is written). ``days`` is the due-date range."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action '{action}'; actions: {', '.join(ACTIONS)}")
    rng = rng or random.Random(0)
    wanted = list(dict.fromkeys(keys))
    before: dict[CardKey, Progress | None] = {}
    after: dict[CardKey, Progress | None] = {}
    for key in wanted:
        old = stored.get(key)
        if action == "reset":  # forget: the stored row goes (as Core.reset_progress; the log stays)
            if old is not None and old.memory != MemoryState():
                before[key], after[key] = old, None
            continue
        base = old or Progress(key)
        n = days[0] if days[0] == days[1] else rng.randint(days[0], days[1])
        new = _changed(action, base, now, day_start, n)
        if new != base:
            before[key], after[key] = old, new
    return Change(action, before, after, len(wanted))


def _write(store: ProgressWriter, rows: Mapping[CardKey, Progress | None]) -> None:
    store.write_progress(
        [p for p in rows.values() if p is not None], [k for k, p in rows.items() if p is None]
    )


def apply(store: ProgressWriter, change: Change) -> Change:
    """Write ``change`` in one transaction."""
    if change.after:
        _write(store, change.after)
    return change


def undo(store: ProgressWriter, change: Change) -> int:
    """Put back the rows ``change`` replaced, in one transaction; a card changed since (answered,
    marked again) is left as it is now. Returns how many cards were put back."""
    current = store.all_progress(sorted({k.deck_id for k in change.after}))
    back = {k: p for k, p in change.before.items() if current.get(k) == change.after[k]}
    if back:
        _write(store, back)
    return len(back)
