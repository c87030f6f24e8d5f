"""Replaying a card's log: a chain of answers (one device answered them all) is taken as recorded only
when the scheduler here gives its last answer's state; otherwise every answer is replayed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from study_builders import START  # type: ignore[import-not-found]

from kquiz.domain import CardKey, MemoryState, Rating
from kquiz.scheduling import Scheduler
from kquiz.scheduling.settings import SchedulingSettings
from kquiz.storage import codec
from kquiz.sync.merge import replay

KEY = CardKey("alpha", "basic-00001")
RATINGS = (Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY, Rating.HARD, Rating.GOOD)


def _chain(scheduler: Scheduler, days: list[float], tag: str) -> list[tuple[Any, ...]]:
    """Log rows (REVIEW_SYNC_COLUMNS) of answers given on one device with ``scheduler``."""
    rows: list[tuple[Any, ...]] = []
    memory = MemoryState()
    for i, day in enumerate(days):
        at = START + timedelta(days=day)
        after = scheduler.next_state(KEY, memory, RATINGS[i % len(RATINGS)], at)
        before_values, after_values = codec.memory_values(memory), codec.memory_values(after)
        rows.append((f"{tag}{i:03d}", codec.to_us(at), KEY.deck_id, KEY.card_id, int(RATINGS[i % len(RATINGS)]), "scheduled", 4000,
                     *before_values, *after_values))  # fmt: skip
        memory = after
    return rows


def _full(scheduler: Scheduler, rows: list[tuple[Any, ...]]) -> MemoryState:
    memory = MemoryState()
    for row in sorted(rows, key=lambda r: (r[1], r[0])):
        at = codec.from_us(row[1])
        assert at is not None
        memory = scheduler.next_state(KEY, memory, Rating(row[4]), at)
    return memory


def test_a_chain_from_one_device_is_its_replay() -> None:
    here = Scheduler()
    rows = _chain(here, [0, 0.01, 1, 4, 12, 40], "a")
    assert replay(here, KEY, rows, None) == _full(here, rows) == codec.memory_from(rows[-1], 15)
    assert replay(here, KEY, rows[:3], None, codec.memory_from(rows[2], 15)) == _full(here, rows[:3])


def test_a_chain_scheduled_with_other_parameters_is_replayed_here() -> None:
    there = Scheduler(SchedulingSettings(desired_retention=0.8))
    here = Scheduler()
    rows = _chain(there, [0, 0.01, 1, 4, 12, 40], "a")
    assert replay(here, KEY, rows, None) == _full(here, rows) != codec.memory_from(rows[-1], 15)


def test_answers_from_two_devices_interleaved_are_replayed_in_time_order() -> None:
    here = Scheduler()
    rows = _chain(here, [0, 2, 9], "a") + _chain(here, [1, 5], "b")
    merged = replay(here, KEY, rows, None)
    assert merged == _full(here, rows) and merged.reps == 5
    cut = (rows[1][1], rows[1][0])  # a reset after a's second answer: b's at day 5, a's at day 9 count
    assert replay(here, KEY, rows, cut) == _full(here, [r for r in rows if (r[1], r[0]) > cut])
