"""Replaying a card's review log through the scheduler: its memory state as today's rules compute it.

Used once when upgrading from 24-hour elapsed steps to study days, and by ``kquiz reschedule``.
Only scheduled reviews count (practice never changes a schedule). A card whose progress was reset
starts again from New: its replay starts at its last review from New. A card whose log does not reach
back to New starts from the state logged before its first review.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from kquiz.domain import CardKey, CardState, MemoryState, ReviewRecord, StudyMode
from kquiz.scheduling.scheduler import Scheduler


def replay_reviews(scheduler: Scheduler, reviews: Iterable[ReviewRecord]) -> dict[CardKey, MemoryState]:
    """Each card's state after its scheduled reviews, recomputed by ``scheduler`` (pure)."""
    per_card: dict[CardKey, list[ReviewRecord]] = defaultdict(list)
    for record in reviews:
        if record.mode == StudyMode.SCHEDULED:
            per_card[record.key].append(record)
    replayed: dict[CardKey, MemoryState] = {}
    for key, records in per_card.items():
        records.sort(key=lambda r: (r.reviewed_at, r.id or 0))
        starts = [i for i, r in enumerate(records) if r.before.state == CardState.NEW]
        first = starts[-1] if starts else 0
        memory = MemoryState() if starts else records[0].before
        for record in records[first:]:
            memory = scheduler.next_state(key, memory, record.rating, record.reviewed_at)
        replayed[key] = memory
    return replayed
