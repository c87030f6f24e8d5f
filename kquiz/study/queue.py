"""The study queue: which card comes next.

Order, in a scheduled session:

1. **Learning cards** (new cards in their learning steps, forgotten cards in relearning) come back as
   soon as they are due, before anything else, so short steps (1 m, 10 m) are honoured.
2. **The main line**: due reviews with new cards mixed in evenly (with 100 reviews and 10 new cards a
   new card comes about every 11th card).
   * Reviews due by the end of the study day are taken **lowest retrievability first**: the card most
     at risk of being forgotten (most overdue relative to its stability) comes first, ties by due time,
     then by key. When the daily review limit cuts the list, the weakest memories get the slots.
   * New cards keep the author's order within a deck; several decks take turns.
3. **Learn ahead**: when nothing else is left, a learning card due within ``LEARN_AHEAD`` (20 minutes,
   like Anki's learn-ahead limit) is shown early rather than making the learner wait. A learning card
   due later than that ends the session; it is counted in ``next_learning_due``.

Limits are per deck and per study day: ``new_per_day`` new cards introduced and ``reviews_per_day``
reviews of cards in Review state, minus what the log says was already done this study day (which
rolls over at ``rollover_hour`` local time). Learning cards are not limited. Suspended cards and cards
buried until a later time are left out. Limits are fixed when the queue is built (at session start).

Practice queues hold every selected card (suspended ones too, so leeches can be practised) in a
seeded-shuffled order; a card answered Again comes back ``PRACTICE_AGAIN_GAP`` cards later.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from kquiz.domain import CardKey, CardState, Deck, Progress, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import Scheduler
from kquiz.study.model import Counts, Selection

LEARN_AHEAD = timedelta(minutes=20)
PRACTICE_AGAIN_GAP = 4


class Kind(StrEnum):
    NEW = "new"
    LEARNING = "learning"
    REVIEW = "review"


def kind_of(progress: Progress | None) -> Kind:
    if progress is None or progress.memory.state == CardState.NEW:
        return Kind.NEW
    if progress.memory.state == CardState.REVIEW:
        return Kind.REVIEW
    return Kind.LEARNING


@dataclass
class DayTally:
    """What was already studied (scheduled mode) in one deck this study day."""

    new: int = 0
    review: int = 0


def tally_day(records: Iterable[ReviewRecord]) -> dict[str, DayTally]:
    """Per deck: new cards introduced and Review-state cards reviewed, from scheduled log rows."""
    tallies: dict[str, DayTally] = {}
    for record in records:
        if record.mode != StudyMode.SCHEDULED:
            continue
        tally = tallies.setdefault(record.key.deck_id, DayTally())
        if record.before.state == CardState.NEW:
            tally.new += 1
        elif record.before.state == CardState.REVIEW:
            tally.review += 1
    return tallies


def failed_keys(records: Iterable[ReviewRecord]) -> set[CardKey]:
    return {r.key for r in records if r.rating == Rating.AGAIN}


def select_keys(
    decks: Sequence[Deck],
    selection: Selection,
    progress: Mapping[CardKey, Progress],
    failed_today: Set[CardKey] = frozenset(),
) -> list[CardKey]:
    """The cards a selection names, in deck order (decks in the given order)."""
    wanted = set(selection.deck_ids)
    only = set(selection.keys)
    keys: list[CardKey] = []
    for deck in decks:
        if wanted and deck.id not in wanted:
            continue
        for card in deck.cards:
            if selection.topic is not None and card.topic != selection.topic:
                continue
            if selection.tag is not None and selection.tag not in card.tags:
                continue
            key = CardKey(deck.id, card.id)
            if selection.leeches and not (key in progress and progress[key].leech):
                continue
            if selection.failed_today and key not in failed_today:
                continue
            if only and key not in only:
                continue
            mark = progress.get(key)
            if selection.flagged and not (mark is not None and mark.flagged):
                continue
            if selection.changed and not (mark is not None and mark.changed):
                continue
            keys.append(key)
    return keys


def available(progress: Progress | None, now: datetime) -> bool:
    """Not suspended and not buried (a bury lasts until the next study day starts)."""
    if progress is None:
        return True
    if progress.suspended:
        return False
    return progress.buried_until is None or progress.buried_until <= now


def spare_new(
    keys: Sequence[CardKey],
    progress: Mapping[CardKey, Progress],
    queued: set[CardKey],
    freed: CardKey,
    now: datetime,
) -> CardKey | None:
    """The next new card of ``freed``'s deck that the daily limit kept out of the queue (in deck order):
    it takes the slot of the new card ``freed`` that was suspended or buried (None: no such card)."""
    for key in keys:
        if key.deck_id != freed.deck_id or key == freed or key in queued:
            continue
        prog = progress.get(key)
        if kind_of(prog) == Kind.NEW and available(prog, now):
            return key
    return None


def interleave(reviews: Sequence[CardKey], new: Sequence[CardKey]) -> list[tuple[CardKey, Kind]]:
    """Spread new cards evenly through the reviews, a review first (N new in R reviews: one new
    card after about every R/(N+1) reviews)."""
    total, n_new = len(reviews) + len(new), len(new)
    out: list[tuple[CardKey, Kind]] = []
    ri = ni = 0
    for pos in range(total):
        target = (pos + 1) * n_new // (total + 1)
        if ni < n_new and (ni < target or ri >= len(reviews)):
            out.append((new[ni], Kind.NEW))
            ni += 1
        else:
            out.append((reviews[ri], Kind.REVIEW))
            ri += 1
    return out


def _round_robin(groups: Sequence[Sequence[CardKey]]) -> list[CardKey]:
    out: list[CardKey] = []
    longest = max((len(g) for g in groups), default=0)
    for i in range(longest):
        out.extend(g[i] for g in groups if i < len(g))
    return out


class StudyQueue:
    """Main line (reviews + new, consumed from the front) plus learning cards ordered by due time.

    Cheap at any size: taking the next card, removing a card and counting are O(1) or O(log n) on
    the main line; ``snapshot``/``restore`` (for undo) record a cursor and a journal of changes
    rather than copying the line.
    """

    def __init__(
        self,
        main: Iterable[tuple[CardKey, Kind]] = (),
        learning: Iterable[tuple[datetime, CardKey]] = (),
        learn_ahead: timedelta = LEARN_AHEAD,
    ):
        self._main: list[tuple[CardKey, Kind]] = list(main)
        self._pos = 0
        self._removed: set[CardKey] = set()
        self._journal: list[tuple[Any, ...]] = []
        self.learning: list[tuple[datetime, CardKey]] = sorted(learning)
        self.learn_ahead = learn_ahead
        self._recount()

    def _recount(self) -> None:
        self._pending: dict[CardKey, Kind] = {}
        for key, kind in self._main[self._pos :]:
            if key not in self._removed and key not in self._pending:
                self._pending[key] = kind
        self._n_new = sum(1 for kind in self._pending.values() if kind == Kind.NEW)

    def _pop_main(self) -> tuple[CardKey, Kind] | None:
        while self._pos < len(self._main):
            key, kind = self._main[self._pos]
            self._pos += 1
            if self._pending.get(key) is kind:
                del self._pending[key]
                self._n_new -= kind == Kind.NEW
                return key, kind
        return None

    def pop_next(self, now: datetime) -> tuple[CardKey, Kind] | None:
        if self.learning and self.learning[0][0] <= now:
            return self.learning.pop(0)[1], Kind.LEARNING
        item = self._pop_main()
        if item is not None:
            return item
        if self.learning and self.learning[0][0] <= now + self.learn_ahead:
            return self.learning.pop(0)[1], Kind.LEARNING
        return None

    def add_learning(self, key: CardKey, due: datetime) -> None:
        self.learning = [item for item in self.learning if item[1] != key]
        bisect.insort(self.learning, (due, key))

    def insert_main(self, key: CardKey, kind: Kind, position: int) -> None:
        """Put ``key`` back in the main line ``position`` cards from now (practice: Again)."""
        if key in self._pending:
            return
        index = min(self._pos + max(position, 0), len(self._main))
        self._main.insert(index, (key, kind))
        self._journal.append(("insert", index, key, key in self._removed))
        self._removed.discard(key)
        self._pending[key] = kind
        self._n_new += kind == Kind.NEW

    def discard(self, keys: Iterable[CardKey]) -> None:
        gone = set(keys)
        for key in gone:
            kind = self._pending.pop(key, None)
            if kind is not None:
                self._n_new -= kind == Kind.NEW
                self._removed.add(key)
                self._journal.append(("remove", key))
        if any(item[1] in gone for item in self.learning):
            self.learning = [item for item in self.learning if item[1] not in gone]

    @property
    def next_learning_due(self) -> datetime | None:
        return self.learning[0][0] if self.learning else None

    def snapshot(self) -> tuple[int, int, tuple[tuple[datetime, CardKey], ...]]:
        return self._pos, len(self._journal), tuple(self.learning)

    def restore(self, snap: tuple[int, int, tuple[tuple[datetime, CardKey], ...]]) -> None:
        pos, journal_length, learning = snap
        while len(self._journal) > journal_length:
            entry = self._journal.pop()
            if entry[0] == "insert":
                del self._main[entry[1]]
                if entry[3]:
                    self._removed.add(entry[2])
            else:
                self._removed.discard(entry[1])
        self._pos = pos
        self.learning = list(learning)
        self._recount()

    def counts(self) -> Counts:
        return Counts(new=self._n_new, learning=len(self.learning), review=len(self._pending) - self._n_new)

    def keys(self) -> set[CardKey]:
        return set(self._pending) | {k for _, k in self.learning}

    def __len__(self) -> int:
        return len(self._pending) + len(self.learning)


@dataclass
class _DueToday:
    """The selected cards a scheduled session may show today, before daily limits."""

    new: dict[str, list[CardKey]]  # per deck, in the given (author's) order
    reviews: dict[str, list[Progress]]  # per deck
    learning: list[tuple[datetime, CardKey]]


def _due_today(
    keys: Sequence[CardKey], progress: Mapping[CardKey, Progress], now: datetime, day_end: datetime
) -> _DueToday:
    """New cards, and learning / review cards due before ``day_end``; suspended and buried ones left out."""
    today = _DueToday({}, {}, [])
    for key in keys:
        prog = progress.get(key)
        if not available(prog, now):
            continue
        kind = kind_of(prog)
        if kind == Kind.NEW:
            today.new.setdefault(key.deck_id, []).append(key)
            continue
        assert prog is not None
        due = prog.memory.due or now
        if due >= day_end:
            continue
        if kind == Kind.LEARNING:
            today.learning.append((due, key))
        else:
            today.reviews.setdefault(key.deck_id, []).append(prog)
    return today


def _room(limit: int, done: int) -> int:
    return max(0, limit - done)


def build_scheduled_queue(
    keys: Sequence[CardKey],
    progress: Mapping[CardKey, Progress],
    *,
    scheduler: Scheduler,
    new_per_day: int,
    reviews_per_day: int,
    now: datetime,
    day_end: datetime,
    done_today: Mapping[str, DayTally],
) -> StudyQueue:
    """The queue for a scheduled session (see the module docstring for the order and limits)."""
    today = _due_today(keys, progress, now, day_end)
    none_done = DayTally()
    reviews: list[tuple[float, datetime, CardKey]] = []
    for deck_id, progs in today.reviews.items():
        ranked = sorted((scheduler.retrievability(p.memory, now), p.memory.due or now, p.key) for p in progs)
        reviews.extend(ranked[: _room(reviews_per_day, done_today.get(deck_id, none_done).review)])
    reviews.sort()
    new_groups = [
        items[: _room(new_per_day, done_today.get(deck_id, none_done).new)]
        for deck_id, items in today.new.items()
    ]
    main = interleave([k for _, _, k in reviews], _round_robin(new_groups))
    return StudyQueue(main, today.learning)


def scheduled_counts(
    keys: Sequence[CardKey],
    progress: Mapping[CardKey, Progress],
    *,
    new_per_day: int,
    reviews_per_day: int,
    now: datetime,
    day_end: datetime,
    done_today: Mapping[str, DayTally],
) -> Counts:
    """Exactly ``build_scheduled_queue(...).counts()``, without ordering anything (for deck lists)."""
    today = _due_today(keys, progress, now, day_end)
    none_done = DayTally()
    return Counts(
        new=sum(
            min(len(v), _room(new_per_day, done_today.get(d, none_done).new)) for d, v in today.new.items()
        ),
        learning=len(today.learning),
        review=sum(
            min(len(v), _room(reviews_per_day, done_today.get(d, none_done).review))
            for d, v in today.reviews.items()
        ),
    )


def build_practice_queue(
    keys: Sequence[CardKey], progress: Mapping[CardKey, Progress], rng: random.Random
) -> StudyQueue:
    """Every selected card once, in a seeded-shuffled order; the schedule is not consulted."""
    order = list(keys)
    rng.shuffle(order)
    return StudyQueue((k, kind_of(progress.get(k))) for k in order)
