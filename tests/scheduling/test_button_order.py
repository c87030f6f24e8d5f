"""The rating buttons' intervals are in order (Again < Hard ≤ Good < Easy, as Anki enforces) and each
is exactly what that rating saves."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from kquiz.domain import CardKey, CardState, MemoryState, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings, format_interval

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def states(n: int, seed: int) -> list[MemoryState]:
    rng = random.Random(seed)
    out = [MemoryState()]
    for _ in range(n):
        kind = rng.choice([CardState.LEARNING, CardState.REVIEW, CardState.RELEARNING])
        last = NOW - timedelta(days=rng.choice([0, 1, 2, 3, 5, 8, 20, 60, 200]), hours=rng.randint(0, 20))
        out.append(
            MemoryState(
                state=kind,
                step=0 if kind != CardState.REVIEW else None,
                stability=rng.choice([0.1, 0.5, 1.0, 1.3, 2.3, 4.0, 9.0, 30.0, 120.0, 400.0]),
                difficulty=rng.uniform(1, 10),
                due=last + timedelta(days=1),
                last_review=last,
                reps=rng.randint(1, 20),
                lapses=rng.randint(0, 3),
            )
        )
    return out


@pytest.mark.parametrize("fuzz", [False, True])
def test_intervals_are_ordered_and_saved_as_shown(fuzz: bool) -> None:
    scheduler = Scheduler(SchedulingSettings(fuzz=fuzz, maximum_interval_days=36500))
    key = CardKey("deck", "card")
    for memory in states(300, seed=int(fuzz)):
        preview = scheduler.preview(key, memory, NOW)
        span = {r: (s.due or NOW) - NOW for r, s in preview.items()}
        assert span[Rating.AGAIN] < span[Rating.HARD] <= span[Rating.GOOD] < span[Rating.EASY], memory
        if span[Rating.EASY] < timedelta(days=29):  # labels in days: never two the same
            labels = [format_interval(d) for d in span.values()]
            assert len(set(labels)) == 4 or labels[1] == labels[2], (labels, memory)
        for rating in Rating:
            assert scheduler.next_state(key, memory, rating, NOW) == preview[rating]


def test_good_and_easy_never_both_one_day() -> None:
    """A learning card on its last step: Good graduates it, Easy must still be longer."""
    scheduler = Scheduler(SchedulingSettings(fuzz=False, learning_steps=(timedelta(minutes=1),)))
    key = CardKey("deck", "card")
    memory = scheduler.next_state(key, MemoryState(), Rating.GOOD, NOW)
    later = NOW + timedelta(minutes=2)
    preview = scheduler.preview(key, memory, later)
    good, easy = (format_interval(preview[r].due - later) for r in (Rating.GOOD, Rating.EASY))
    assert good != easy
