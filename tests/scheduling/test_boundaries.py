"""Edges the main scheduling tests did not pin (mutmut survivors, see docs/testing.md): interval labels
near a unit's end, which setting a bad value names, and the optimizer's study days (zone, rollover
hour, first review, ties in the log, cards it must skip without stopping).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kquiz.domain import CardKey, CardState, MemoryState, Rating, ReviewRecord, StudyMode
from kquiz.errors import SettingsError
from kquiz.scheduling import SchedulingSettings, format_interval
from kquiz.scheduling.optimizer import build_items

DAY = datetime(2026, 1, 5, tzinfo=UTC)
SEEN = MemoryState(CardState.REVIEW, None, 3.0, 5.0, DAY, DAY, reps=1)


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(days=29, hours=12), "1mo"),  # 29.5 days rounds to 30: months, not "29d"
        (timedelta(days=355), "11.7mo"),  # months keep one decimal up to 12
        (timedelta(days=362), "11.9mo"),
    ],
)
def test_interval_labels_near_a_units_end(delta: timedelta, label: str) -> None:
    assert format_interval(delta) == label


@pytest.mark.parametrize("name", ["learning_steps", "relearning_steps"])
def test_a_bad_step_list_names_its_setting(name: str) -> None:
    with pytest.raises(SettingsError, match=f"^{name} must be a list of durations in seconds$"):
        SchedulingSettings.from_dict({name: ["soon"]})


def test_a_bad_value_says_the_scheduling_settings_are_invalid() -> None:
    with pytest.raises(SettingsError, match=r"^Invalid scheduling settings: .*'many'"):
        SchedulingSettings.from_dict({"maximum_interval_days": "many"})


def review(card: str, at: datetime, first: bool = False, rid: int | None = None) -> ReviewRecord:
    before = MemoryState() if first else SEEN
    return ReviewRecord(CardKey("d", card), at, Rating.GOOD, StudyMode.SCHEDULED, 1000, before, SEEN, id=rid)


def steps(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [repr(item) for item in items]


def test_study_days_follow_the_learners_zone_and_rollover_hour() -> None:
    # 10:00 and 20:00 UTC: one study day in UTC, two in UTC+10 (20:00 and 06:00 next morning)
    log = [review("a", DAY + timedelta(hours=10), first=True), review("a", DAY + timedelta(hours=20))]
    assert build_items(log)[2] == 0
    items, _ids, used = build_items(log, timezone(timedelta(hours=10)))
    assert used == 2 and steps(items) == [
        "FSRSItem { reviews: [FSRSReview { rating: 3, delta_t: 0 }, FSRSReview { rating: 3, delta_t: 1 }] }"
    ]
    # 03:30 and 04:30 UTC straddle the default 04:00 rollover, not a 05:00 or midnight one
    early = [review("b", DAY + timedelta(hours=3.5), first=True), review("b", DAY + timedelta(hours=4.5))]
    assert build_items(early)[2] == 2
    assert build_items(early, UTC, 5)[2] == 0
    assert build_items(early, UTC, 0)[2] == 0


def test_the_first_review_has_no_elapsed_days_and_later_ones_count_study_days() -> None:
    log = [
        review("a", DAY + timedelta(hours=9), first=True),
        review("a", DAY + timedelta(days=3, hours=9)),
        review("a", DAY + timedelta(days=10, hours=9)),
    ]
    items, card_ids, used = build_items(log)
    assert used == 3 and len(card_ids) == 2 and len(set(card_ids)) == 1
    assert (
        "delta_t: 0 }, FSRSReview { rating: 3, delta_t: 3 }, FSRSReview { rating: 3, delta_t: 7 }"
        in (steps(items)[1])
    )


def test_cards_without_a_start_or_with_one_day_are_skipped_and_the_rest_still_used() -> None:
    log = [
        review("headless", DAY + timedelta(hours=9)),  # its first review is not in the log
        review("headless", DAY + timedelta(days=2, hours=9)),
        review("one-day", DAY + timedelta(hours=9), first=True),
        review("two-days", DAY + timedelta(hours=9), first=True),
        review("two-days", DAY + timedelta(days=2, hours=9)),
    ]
    assert build_items(log)[2] == 2


def test_reviews_at_the_same_instant_are_ordered_by_log_id() -> None:
    at = DAY + timedelta(hours=9)
    log = [
        review("a", DAY + timedelta(days=2, hours=9), rid=3),
        review("a", at, rid=2),
        review("a", at, first=True, rid=1),
    ]
    assert build_items(log)[2] == 2
