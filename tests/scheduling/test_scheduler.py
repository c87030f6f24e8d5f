"""The FSRS adapter: determinism, seeded fuzz, counters, retrievability."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest

from kquiz.domain import CardKey, CardState, MemoryState, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings
from kquiz.scheduling.fuzz import fuzz_range
from kquiz.scheduling.scheduler import fsrs_card_id

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
KEY = CardKey("ketamine-basics", "nmda")


def walk(scheduler: Scheduler, key: CardKey, ratings, start: datetime = NOW) -> list[MemoryState]:
    memory, now, states = MemoryState(), start, []
    for rating in ratings:
        memory = scheduler.next_state(key, memory, rating, now)
        states.append(memory)
        now = memory.due
    return states


def test_preview_equals_next_state_for_every_rating_along_a_history():
    scheduler = Scheduler()
    memory, now = MemoryState(), NOW
    for rating in [
        Rating.GOOD,
        Rating.GOOD,
        Rating.GOOD,
        Rating.AGAIN,
        Rating.GOOD,
        Rating.EASY,
        Rating.HARD,
    ] * 2:
        preview = scheduler.preview(KEY, memory, now)
        assert set(preview) == set(Rating)
        for r in Rating:
            assert preview[r] == Scheduler().next_state(KEY, memory, r, now)  # also across instances
        memory = scheduler.next_state(KEY, memory, rating, now)
        assert memory == preview[rating]
        now = memory.due + timedelta(hours=3)


def test_new_card_first_answers_follow_learning_steps():
    preview = Scheduler().preview(KEY, MemoryState(), NOW)
    assert preview[Rating.AGAIN].due == NOW + timedelta(minutes=1)
    assert preview[Rating.GOOD].due == NOW + timedelta(minutes=10)
    assert preview[Rating.GOOD].state == CardState.LEARNING and preview[Rating.GOOD].step == 1
    assert preview[Rating.EASY].state == CardState.REVIEW and preview[Rating.EASY].step is None
    for state in preview.values():
        assert state.reps == 1 and state.lapses == 0 and state.last_review == NOW
        assert state.due.tzinfo is not None and state.due.utcoffset() == timedelta(0)


def test_unfuzzed_matches_fsrs_itself():
    ours = Scheduler(SchedulingSettings(fuzz=False))
    theirs = fsrs.Scheduler(enable_fuzzing=False)
    card = fsrs.Card(card_id=1, due=NOW)
    memory, now = MemoryState(), NOW
    for rating in [Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.EASY]:
        memory = ours.next_state(KEY, memory, rating, now)
        card, _ = theirs.review_card(card, fsrs.Rating(int(rating)), now)
        assert memory.due == card.due and memory.stability == pytest.approx(card.stability)
        assert memory.difficulty == pytest.approx(card.difficulty) and int(memory.state) == int(card.state)
        now = card.due


def test_reps_and_lapses():
    states = walk(
        Scheduler(),
        KEY,
        [Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.AGAIN, Rating.GOOD, Rating.GOOD, Rating.AGAIN],
    )
    assert [s.reps for s in states] == [1, 2, 3, 4, 5, 6, 7]
    # Review -> Again is a lapse; Again while relearning is not another lapse.
    assert states[1].state == CardState.REVIEW
    assert [s.lapses for s in states] == [0, 0, 1, 1, 1, 1, 2]
    assert states[2].state == CardState.RELEARNING


def test_fuzz_is_within_fsrs_range_and_varies_across_cards():
    fuzzed, plain = Scheduler(), Scheduler(SchedulingSettings(fuzz=False))
    # A Review card with a long interval: intervals spread out over many cards.
    base = walk(plain, KEY, [Rating.GOOD] * 4)[-1]
    assert base.state == CardState.REVIEW
    now = base.due
    unfuzzed_days = (plain.next_state(KEY, base, Rating.GOOD, now).due - now).days
    assert unfuzzed_days > 20
    low, high = fuzz_range(unfuzzed_days, 36500)
    seen = set()
    for i in range(200):
        key = CardKey("deck", f"card-{i}")
        days = (fuzzed.next_state(key, base, Rating.GOOD, now).due - now).days
        assert low <= days <= high
        seen.add(days)
    assert len(seen) >= 3  # different cards land on different days
    assert min(seen) < unfuzzed_days < max(seen)


def test_fuzz_depends_on_review_count():
    scheduler = Scheduler()
    base = walk(Scheduler(SchedulingSettings(fuzz=False)), KEY, [Rating.GOOD] * 4)[-1]
    dues = {
        scheduler.next_state(KEY, MemoryState(**{**_fields(base), "reps": reps}), Rating.GOOD, base.due).due
        for reps in range(4, 40)
    }
    assert len(dues) > 1


def _fields(memory: MemoryState) -> dict:
    return {name: getattr(memory, name) for name in MemoryState.__slots__}


def test_short_intervals_are_not_fuzzed_and_maximum_is_respected():
    scheduler = Scheduler(SchedulingSettings(maximum_interval_days=30))
    states = walk(scheduler, KEY, [Rating.EASY] * 8)
    previous = NOW
    for state in states:
        assert state.due - previous <= timedelta(days=30)
        previous = state.due
    assert states[-1].due - previous <= timedelta(days=30)


def test_retrievability():
    scheduler = Scheduler()
    assert scheduler.retrievability(MemoryState(), NOW) == 0.0
    memory = walk(scheduler, KEY, [Rating.GOOD, Rating.GOOD])[-1]
    at_review = scheduler.retrievability(memory, memory.last_review)
    at_due = scheduler.retrievability(memory, memory.due)
    much_later = scheduler.retrievability(memory, memory.due + timedelta(days=365))
    assert at_review == pytest.approx(1.0)
    assert 0.85 <= at_due <= 0.95  # near the desired retention when due
    assert 0 < much_later < at_due


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        Scheduler().next_state(KEY, MemoryState(), Rating.GOOD, datetime(2026, 1, 1))


def test_non_utc_aware_datetimes_are_converted():
    berlin = timezone(timedelta(hours=1))
    a = Scheduler().next_state(KEY, MemoryState(), Rating.GOOD, NOW.astimezone(berlin))
    b = Scheduler().next_state(KEY, MemoryState(), Rating.GOOD, NOW)
    assert a == b and a.due.tzinfo == UTC


def test_card_id_is_stable_and_distinct():
    assert fsrs_card_id(KEY) == fsrs_card_id(CardKey("ketamine-basics", "nmda"))
    assert fsrs_card_id(KEY) != fsrs_card_id(CardKey("ketamine-basics", "nmdb"))
    assert fsrs_card_id(CardKey("a", "bc")) != fsrs_card_id(CardKey("ab", "c"))
    assert 0 <= fsrs_card_id(KEY) < 2**63
