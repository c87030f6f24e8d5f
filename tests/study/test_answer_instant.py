"""The interval on a rating button is what rating saves, even when the study day rolls over between.

A 1-day Review card answered the evening before (03:00, still the previous study day) is revealed at
03:59:55 and rated 20 s later, after the 04:00 rollover. Its answer is scheduled at the instant it was
revealed: the saved due date is the one the button showed, and the log row carries that instant.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings, format_interval
from kquiz.storage import ProgressStore
from kquiz.study.model import Phase

LAST = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)  # study day 2 March (rollover 04:00)
REVEAL = datetime(2026, 3, 3, 3, 59, 55, tzinfo=UTC)  # still 2 March: elapsed 0 days
RATE = REVEAL + timedelta(seconds=20)  # 3 March: elapsed would be 1 day


@pytest.mark.parametrize("rating", [Rating.HARD, Rating.GOOD, Rating.EASY])
def test_the_saved_interval_is_the_one_shown_across_the_rollover(tmp_path: Path, rating: Rating) -> None:
    deck = make_deck("d", 1)
    key = CardKey("d", deck.cards[0].id)
    clock = FixedClock(REVEAL - timedelta(seconds=30))
    with ProgressStore.open(tmp_path / "progress.sqlite3", clock=clock) as store:
        memory = MemoryState(CardState.REVIEW, None, 1.2, 6.0, LAST - timedelta(hours=1), LAST, 4, 0)
        store.save_progress(Progress(key, memory))
        session = start_session(store, clock, [deck])
        assert session.current is not None and session.current.key == key
        clock.set(REVEAL)
        session.reveal()
        shown = session.previews()
        clock.set(RATE)
        assert session.previews() == shown  # the labels do not move while the learner decides
        session.rate(rating)
        saved = store.get(key)
        log = list(store.iter_reviews())
    assert saved is not None and saved.memory.due is not None
    assert format_interval(saved.memory.due - REVEAL) == shown[rating]
    assert saved.memory.last_review == REVEAL and log[-1].reviewed_at == REVEAL
    assert log[-1].duration_ms == 50_000  # shown 03:59:25, rated 04:00:15
    late = Scheduler(SchedulingSettings(fuzz=False)).next_state(key, memory, rating, RATE)
    assert format_interval(late.due - RATE) != shown[rating]  # scheduled at rating time it would differ
    assert session.phase == Phase.FINISHED


def test_rated_on_the_same_day_it_is_the_same_as_before(tmp_path: Path) -> None:
    deck = make_deck("d", 1)
    key = CardKey("d", deck.cards[0].id)
    clock = FixedClock(REVEAL - timedelta(hours=2))
    with ProgressStore.open(tmp_path / "progress.sqlite3", clock=clock) as store:
        memory = MemoryState(
            CardState.REVIEW, None, 1.2, 6.0, LAST - timedelta(hours=3), LAST - timedelta(hours=2), 4, 0
        )
        store.save_progress(Progress(key, memory))
        session = start_session(store, clock, [deck])
        clock.advance(seconds=10)
        session.reveal()
        shown = session.previews()
        clock.advance(seconds=10)
        session.rate(Rating.GOOD)
        saved = store.get(key)
    assert saved is not None and saved.memory.due is not None
    assert format_interval(saved.memory.due - saved.memory.last_review) == shown[Rating.GOOD]
