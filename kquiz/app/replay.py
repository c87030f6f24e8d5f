"""Recomputing memory states from the review log with today's scheduler (issue 23).

* ``finish_pending``: after the v3 upgrade (elapsed time in study days, no longer 24-hour steps) the
  store holds a ``replay_pending`` mark. On the next open each card's log is replayed; stability and
  difficulty are stored and the mark deleted in one transaction, so it runs once, and again after a
  crash. Due dates are left alone: nobody's plan for today moves under them.
* ``reschedule`` (``kquiz reschedule``): the same, and due dates too, on request; the report says how
  many cards moved and by how much.

A card is recomputed only where its log explains its stored progress (same state, reps, lapses and
last review); others (progress imported or edited outside a review) are left alone and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kquiz.domain import CardState, MemoryState, Progress
from kquiz.scheduling import study_day
from kquiz.scheduling.replay import replay_reviews
from kquiz.storage import REPLAY_PENDING

if TYPE_CHECKING:
    from kquiz.app.core import Core


@dataclass(frozen=True, slots=True)
class ReplayReport:
    cards: int  # cards recomputed from their log
    changed: int  # of them, cards whose stored state changed
    skipped: int  # cards with progress their log does not explain (left alone)
    moved: int = 0  # due dates moved (reschedule only)
    earlier: int = 0
    later: int = 0
    median_shift_days: float = 0.0  # of the moved cards, absolute shift in study days
    max_shift_days: int = 0


def _explains(replayed: MemoryState, stored: MemoryState) -> bool:
    return (replayed.state, replayed.reps, replayed.lapses, replayed.last_review) == (
        stored.state,
        stored.reps,
        stored.lapses,
        stored.last_review,
    )


def recompute(
    core: Core, *, reschedule: bool, save: bool = True, done_setting: str | None = None
) -> ReplayReport:
    """Replay every card's log; store new stability and difficulty (and due dates if ``reschedule``)."""
    import statistics  # imports fractions and decimal: not on the start path (``finish_pending``)

    scheduler = core.scheduler()
    replayed = replay_reviews(scheduler, core.store.iter_reviews())
    stored = core.store.all_progress()
    updates: list[Progress] = []
    shifts: list[int] = []
    cards = skipped = 0
    for key, progress in stored.items():
        memory = replayed.get(key)
        if memory is None or progress.memory.state == CardState.NEW:
            continue
        if not _explains(memory, progress.memory):
            skipped += 1
            continue
        cards += 1
        new = replace(progress.memory, stability=memory.stability, difficulty=memory.difficulty)
        old_due = progress.memory.due
        if reschedule and memory.due is not None and old_due is not None:
            new = replace(new, due=memory.due)
            zone, hour = scheduler.tz, scheduler.rollover_hour
            shift = (study_day(memory.due, zone, hour) - study_day(old_due, zone, hour)).days
            if shift:
                shifts.append(shift)
        if new != progress.memory:
            updates.append(replace(progress, memory=new))
    if save and (updates or done_setting is not None):
        core.store.save_progress_batch(updates, done_setting=done_setting)
    moved = [abs(s) for s in shifts]
    return ReplayReport(
        cards=cards,
        changed=len(updates),
        skipped=skipped,
        moved=len(shifts),
        earlier=sum(s < 0 for s in shifts),
        later=sum(s > 0 for s in shifts),
        median_shift_days=float(statistics.median(moved)) if moved else 0.0,
        max_shift_days=max(moved, default=0),
    )


def finish_pending(core: Core) -> ReplayReport | None:
    """Recompute stability and difficulty once after the study-days upgrade (None: nothing pending)."""
    if core.store.get_setting(REPLAY_PENDING) is None:
        return None
    return recompute(core, reschedule=False, done_setting=REPLAY_PENDING)


def reschedule(core: Core, *, save: bool = True) -> ReplayReport:
    """Recompute memory states and due dates from the log (``kquiz reschedule``)."""
    pending = core.store.get_setting(REPLAY_PENDING) is not None
    return recompute(core, reschedule=True, save=save, done_setting=REPLAY_PENDING if pending else None)
