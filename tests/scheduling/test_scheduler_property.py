"""Property: along any history of answers, the preview is what gets saved, and the state is sane."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from kquiz.domain import CardKey, CardState, MemoryState, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings
from kquiz.scheduling.fuzz import fuzz_range

SCHEDULERS = {
    "default": Scheduler(),
    "short": Scheduler(SchedulingSettings(desired_retention=0.97, maximum_interval_days=60)),
    "no-steps": Scheduler(SchedulingSettings(desired_retention=0.75, learning_steps=(), relearning_steps=())),
}
PLAIN = {
    name: Scheduler(SchedulingSettings.from_dict({**s.settings.to_dict(), "fuzz": False}))
    for name, s in SCHEDULERS.items()
}


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(sorted(SCHEDULERS)),
    card=st.text(min_size=1, max_size=12),
    steps=st.lists(st.tuples(st.sampled_from(Rating), st.floats(0.0, 3.0)), min_size=1, max_size=25),
)
def test_history(name, card, steps):
    scheduler, plain = SCHEDULERS[name], PLAIN[name]
    maximum = scheduler.settings.maximum_interval_days
    key = CardKey("deck", card)
    memory, now = MemoryState(), datetime(2026, 3, 2, 12, tzinfo=UTC)
    for rating, lateness in steps:
        preview = scheduler.preview(key, memory, now)
        after = scheduler.next_state(key, memory, rating, now)
        assert after == preview[rating]
        assert after.reps == memory.reps + 1
        assert after.lapses == memory.lapses + (memory.state == CardState.REVIEW and rating == Rating.AGAIN)
        assert after.last_review == now and after.due > now
        assert after.state != CardState.NEW and after.stability > 0 and 1 <= after.difficulty <= 10
        if after.state == CardState.REVIEW:
            unfuzzed = (plain.next_state(key, memory, rating, now).due - now).days
            low, high = fuzz_range(unfuzzed, maximum)
            days = (after.due - now).days
            good = preview[Rating.GOOD]
            good_days = (good.due - now).days if good.state == CardState.REVIEW else None
            in_range = days == unfuzzed if unfuzzed < 2.5 else low <= days <= high
            if rating == Rating.HARD and good_days is not None:  # Hard ≤ Good, whatever the fuzz
                assert in_range or days == good_days <= unfuzzed
            elif rating == Rating.EASY and good_days is not None:  # Easy > Good (below the maximum)
                assert in_range or days > good_days or days == good_days == maximum
            else:
                assert in_range
            assert days <= maximum
        memory = after
        # come back some time after it is due (0 = on time, up to 3x the interval late)
        now = after.due + (after.due - now) * lateness
