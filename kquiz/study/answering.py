"""What one answer changes (and what undoing it puts back): log row and progress (pure; no I/O).

Scheduled mode: the new memory state comes from the scheduler; the stored content hash is brought
up to date and the ``changed`` mark cleared (the learner has now studied the current text). At
``leech_threshold`` lapses (counted when a Review card is forgotten) the card is marked leech and
suspended, once. Practice mode: the log row has ``before == after`` and progress is not touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import Scheduler


@dataclass(frozen=True, slots=True)
class Answer:
    record: ReviewRecord
    progress: Progress | None  # None in practice mode: the schedule is untouched
    became_leech: bool = False


def practice_answer(
    key: CardKey, previous: Progress | None, rating: Rating, now: datetime, duration_ms: int
) -> Answer:
    memory = previous.memory if previous is not None else MemoryState()
    return Answer(ReviewRecord(key, now, rating, StudyMode.PRACTICE, duration_ms, memory, memory), None)


def scheduled_answer(
    scheduler: Scheduler,
    key: CardKey,
    previous: Progress | None,
    rating: Rating,
    now: datetime,
    duration_ms: int,
    *,
    content_hash: str,
    leech_threshold: int,
) -> Answer:
    base = previous or Progress(key)
    before = base.memory
    after = scheduler.next_state(key, before, rating, now)
    progress = replace(base, memory=after, content_hash=content_hash, changed=False)
    leech = after.lapses > before.lapses and after.lapses >= leech_threshold and not base.leech
    if leech:
        progress = replace(progress, leech=True, suspended=True)
    record = ReviewRecord(key, now, rating, StudyMode.SCHEDULED, duration_ms, before, after)
    return Answer(record, progress, leech)


def keeping_flag(key: CardKey, previous: Progress | None, current: Progress | None) -> Progress | None:
    """What undo puts back: ``previous``, with the card's flag as it is now (a flag is not an answer)."""
    flagged = current is not None and current.flagged
    if current is None or flagged == (previous is not None and previous.flagged):
        return previous
    return replace(previous or Progress(key, content_hash=current.content_hash), flagged=flagged)
