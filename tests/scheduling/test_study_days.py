"""Elapsed time in study days: the scheduler and the optimizer count it with one function."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import pytest

from kquiz.domain import CardKey, CardState, MemoryState, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import Scheduler, SchedulingSettings, study_day
from kquiz.scheduling.days import add_days, elapsed_days
from kquiz.scheduling.optimizer import build_items
from kquiz.scheduling.scheduler import MAX_STABILITY

KEY = CardKey("deck", "card")
PLAIN = SchedulingSettings(fuzz=False)
BERLIN = ZoneInfo("Europe/Berlin")


def review(stability: float, difficulty: float, last: datetime) -> MemoryState:
    return MemoryState(
        state=CardState.REVIEW, stability=stability, difficulty=difficulty, due=last, last_review=last, reps=3
    )


def test_the_issue_example_evening_easy_then_morning_good_on_the_due_day() -> None:
    scheduler = Scheduler(PLAIN)
    easy_at = datetime(2026, 3, 2, 20, tzinfo=UTC)
    first = scheduler.next_state(KEY, MemoryState(), Rating.EASY, easy_at)
    assert first.due == easy_at + timedelta(days=8)
    morning = datetime(2026, 3, 10, 9, tzinfo=UTC)  # 8 study days later, 13 hours before 8 x 24 h
    assert scheduler.elapsed_days(first, morning) == 8
    second = scheduler.next_state(KEY, first, Rating.GOOD, morning)
    assert second.stability == pytest.approx(38.905, abs=5e-4)  # Anki: 38.9052; 24-hour steps gave 36.06
    assert second.due == morning + timedelta(days=39)


def test_elapsed_days_counts_study_days_with_the_rollover() -> None:
    evening = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    assert elapsed_days(evening, datetime(2026, 3, 3, 3, 59, tzinfo=UTC), UTC) == 0  # before 04:00
    assert elapsed_days(evening, datetime(2026, 3, 3, 4, 0, tzinfo=UTC), UTC) == 1
    assert elapsed_days(evening, datetime(2026, 3, 3, 4, 0, tzinfo=UTC), UTC, rollover_hour=5) == 0
    assert elapsed_days(evening, evening - timedelta(days=3), UTC) == 0  # a clock set back
    early, later = datetime(2026, 3, 3, 2, 30, tzinfo=UTC), datetime(2026, 3, 3, 3, 30, tzinfo=UTC)
    assert elapsed_days(early, later, UTC) == 0
    assert elapsed_days(early, later, BERLIN) == 1  # 03:30 and 04:30 in Berlin: the local day counts
    with pytest.raises(ValueError):
        elapsed_days(evening, evening, UTC, rollover_hour=24)


def test_only_reviews_on_the_same_study_day_use_the_short_term_formula() -> None:
    scheduler = Scheduler(PLAIN)
    fsrs_math = fsrs.Scheduler(enable_fuzzing=False)
    last = datetime(2026, 3, 2, 22, tzinfo=UTC)
    memory = review(10.0, 5.0, last)
    short = fsrs_math._short_term_stability(stability=10.0, rating=fsrs.Rating.Good)
    same_day = scheduler.next_state(KEY, memory, Rating.GOOD, datetime(2026, 3, 3, 3, 59, tzinfo=UTC))
    assert same_day.stability == pytest.approx(short)
    next_day = scheduler.next_state(KEY, memory, Rating.GOOD, datetime(2026, 3, 3, 4, 1, tzinfo=UTC))
    r = (1 + fsrs_math._FACTOR * 1 / 10.0) ** fsrs_math._DECAY  # one elapsed day, not 6 hours
    long = fsrs_math._next_recall_stability(difficulty=5.0, stability=10.0, retrievability=r, rating=3)
    assert next_day.stability == pytest.approx(long) and next_day.stability != pytest.approx(short)


def test_retrievability_after_study_days() -> None:
    scheduler = Scheduler(PLAIN)
    memory = review(10.0, 5.0, datetime(2026, 3, 2, 22, tzinfo=UTC))
    assert scheduler.retrievability(memory, datetime(2026, 3, 3, 3, tzinfo=UTC)) == 1.0
    next_morning = scheduler.retrievability(memory, datetime(2026, 3, 3, 9, tzinfo=UTC))
    a_day_later = scheduler.retrievability(memory, datetime(2026, 3, 3, 22, tzinfo=UTC))
    assert next_morning == a_day_later < 1.0


def test_stability_is_clamped_at_36500_days() -> None:
    scheduler = Scheduler(PLAIN)
    last = datetime(2026, 3, 2, 12, tzinfo=UTC)
    memory = review(30000.0, 1.0, last)
    after = scheduler.next_state(KEY, memory, Rating.EASY, last + timedelta(days=30000))
    assert after.stability == MAX_STABILITY == 36500.0
    assert (
        fsrs.Scheduler(enable_fuzzing=False)._next_recall_stability(
            difficulty=1.0, stability=30000.0, retrievability=0.9, rating=4
        )
        > MAX_STABILITY
    )  # what py-fsrs alone would store


def test_a_review_falls_due_on_the_study_day_its_interval_says_across_dst() -> None:
    scheduler = Scheduler(PLAIN, tz=BERLIN, rollover_hour=4)
    answered = datetime(2026, 3, 20, 9, tzinfo=BERLIN)  # Berlin moves its clocks on 29 March
    after = scheduler.next_state(KEY, review(20.0, 5.0, answered - timedelta(days=20)), Rating.GOOD, answered)
    days = (study_day(after.due, BERLIN) - study_day(answered, BERLIN)).days
    assert days > 9 and after.due.astimezone(BERLIN).hour == 9  # still 09:00 local, after the change
    assert add_days(answered, days, BERLIN) == after.due
    assert after.due - answered == timedelta(days=days, hours=-1)  # the spring day had 23 hours


def test_the_optimizer_counts_elapsed_days_as_the_scheduler_does() -> None:
    scheduler = Scheduler(PLAIN)
    times = [datetime(2026, 3, 2, 20, tzinfo=UTC), datetime(2026, 3, 10, 9, tzinfo=UTC)]
    memory, records = MemoryState(), []
    for at, rating in zip(times, (Rating.EASY, Rating.GOOD), strict=True):
        after = scheduler.next_state(KEY, memory, rating, at)
        records.append(ReviewRecord(KEY, at, rating, StudyMode.SCHEDULED, 1000, memory, after))
        memory = after
    items, _ids, used = build_items(records, UTC, 4)
    deltas = [int(d) for d in re.findall(r"delta_t: (\d+)", repr(items[0]))]  # no getters in fsrs-rs
    assert used == 2 and deltas == [0, 8]
    assert scheduler.elapsed_days(records[0].after, times[1]) == 8
