"""Everything a queue needs to know about "today", read once from the store, and queue planning.

Shared by the session (its queue) and the front door (due counts per deck and per topic).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from kquiz.clock import Clock
from kquiz.domain import CardKey, CardState, Deck, Progress, StudyMode
from kquiz.scheduling import Scheduler, day_bounds, study_day
from kquiz.study import queue as q
from kquiz.study.model import Counts, Selection
from kquiz.study.ports import ProgressStoreLike
from kquiz.study.settings import Settings


@dataclass
class DayContext:
    now: datetime
    day_start: datetime
    day_end: datetime
    progress: dict[CardKey, Progress]
    tallies: dict[str, q.DayTally]
    failed_today: set[CardKey]


def study_day_bounds(moment: datetime, clock: Clock, rollover_hour: int) -> tuple[datetime, datetime]:
    """UTC [start, end) of the study day ``moment`` falls in, in the learner's local time."""
    tz = clock.local_tz
    return day_bounds(study_day(moment, tz, rollover_hour), tz, rollover_hour)


def day_context(
    store: ProgressStoreLike, deck_ids: Sequence[str], settings: Settings, clock: Clock
) -> DayContext:
    """Progress of the given decks and what the log says was done in them this study day."""
    now = clock.now()
    start, end = study_day_bounds(now, clock, settings.rollover_hour)
    progress = dict(store.all_progress(list(deck_ids)))
    today = list(store.iter_reviews(since=start, until=end, deck_ids=list(deck_ids)))
    return DayContext(now, start, end, progress, q.tally_day(today), q.failed_keys(today))


def plan_queue(
    decks: Sequence[Deck],
    selection: Selection,
    mode: StudyMode,
    ctx: DayContext,
    *,
    scheduler: Scheduler,
    settings: Settings,
    rng: random.Random | None = None,
) -> tuple[list[CardKey], q.StudyQueue]:
    """The selected cards (deck order) and the queue to study them in."""
    keys = q.select_keys(decks, selection, ctx.progress, ctx.failed_today)
    if mode == StudyMode.PRACTICE:
        return keys, q.build_practice_queue(keys, ctx.progress, rng or random.Random(0))
    queue = q.build_scheduled_queue(
        keys,
        ctx.progress,
        scheduler=scheduler,
        new_per_day=settings.new_per_day,
        reviews_per_day=settings.reviews_per_day,
        now=ctx.now,
        day_end=ctx.day_end,
        done_today=ctx.tallies,
    )
    return keys, queue


def plan_counts(
    decks: Sequence[Deck], selection: Selection, ctx: DayContext, *, settings: Settings
) -> Counts:
    """What a scheduled session on ``selection`` would show today (same numbers as its queue)."""
    keys = q.select_keys(decks, selection, ctx.progress, ctx.failed_today)
    return q.scheduled_counts(
        keys,
        ctx.progress,
        new_per_day=settings.new_per_day,
        reviews_per_day=settings.reviews_per_day,
        now=ctx.now,
        day_end=ctx.day_end,
        done_today=ctx.tallies,
    )


def due_before(keys: Sequence[CardKey], progress: dict[CardKey, Progress], end: datetime) -> int:
    """How many of ``keys`` (studied, not suspended) fall due before ``end`` (overdue ones included)."""
    count = 0
    for key in keys:
        prog = progress.get(key)
        if prog is None or prog.suspended or prog.memory.state == CardState.NEW:
            continue
        if prog.memory.due is not None and prog.memory.due < end:
            count += 1
    return count
