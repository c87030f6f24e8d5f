"""Leech counting: only a new lapse (Again on a Review card) can make a leech, and only once.

A card the learner has taken back (leech and suspended cleared, its 8 lapses kept) must not become a
leech again on its next answer unless it is forgotten again.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings
from kquiz.study.answering import scheduled_answer

KEY = CardKey("deck", "basic-00000")
SCHEDULER = Scheduler(SchedulingSettings(fuzz=False))


def memory(clock: FixedClock, state: CardState, lapses: int) -> MemoryState:
    step = None if state == CardState.REVIEW else 0
    return MemoryState(
        state,
        step,
        2.0,
        8.0,
        clock.now() - timedelta(hours=1),
        clock.now() - timedelta(days=3),
        reps=20,
        lapses=lapses,
    )


def answer(clock: FixedClock, previous: Progress, rating: Rating, threshold: int = 8):  # type: ignore[no-untyped-def]
    return scheduled_answer(
        SCHEDULER, KEY, previous, rating, clock.now(), 1000, content_hash="h", leech_threshold=threshold
    )


def test_the_lapse_that_reaches_the_threshold_makes_a_leech(clock: FixedClock) -> None:
    done = answer(clock, Progress(KEY, memory(clock, CardState.REVIEW, 7)), Rating.AGAIN)
    assert done.became_leech and done.progress is not None
    assert done.progress.memory.lapses == 8 and done.progress.leech and done.progress.suspended
    below = answer(clock, Progress(KEY, memory(clock, CardState.REVIEW, 6)), Rating.AGAIN)
    assert not below.became_leech and below.progress is not None and not below.progress.leech


@pytest.mark.parametrize("rating", [Rating.HARD, Rating.GOOD, Rating.EASY])
def test_remembering_a_card_past_the_threshold_is_not_a_lapse(clock: FixedClock, rating: Rating) -> None:
    taken_back = Progress(KEY, memory(clock, CardState.REVIEW, 9))  # leech cleared by the learner
    done = answer(clock, taken_back, rating)
    assert done.progress is not None and done.progress.memory.lapses == 9
    assert not done.became_leech and not done.progress.leech and not done.progress.suspended


@pytest.mark.parametrize("state", [CardState.LEARNING, CardState.RELEARNING])
def test_again_while_learning_or_relearning_is_not_a_lapse(clock: FixedClock, state: CardState) -> None:
    done = answer(clock, Progress(KEY, memory(clock, state, 8)), Rating.AGAIN)
    assert done.progress is not None and done.progress.memory.lapses == 8
    assert not done.became_leech and not done.progress.leech and not done.progress.suspended


def test_a_new_card_forgotten_is_not_a_lapse(clock: FixedClock) -> None:
    done = scheduled_answer(
        SCHEDULER, KEY, None, Rating.AGAIN, clock.now(), 0, content_hash="h", leech_threshold=2
    )
    assert done.progress is not None and done.progress.memory.lapses == 0 and not done.became_leech


def test_a_leech_is_marked_once(clock: FixedClock) -> None:
    practised = Progress(KEY, memory(clock, CardState.REVIEW, 8), leech=True, suspended=False)
    done = answer(clock, practised, Rating.AGAIN)
    assert done.progress is not None and done.progress.memory.lapses == 9
    assert not done.became_leech and done.progress.leech and not done.progress.suspended


def test_a_card_taken_back_from_leech_is_not_suspended_again_by_the_session(store, clock) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=1)
    store.save_progress(Progress(KEY, memory(clock, CardState.REVIEW, 8)))
    session = start_session(store, clock, [deck])
    assert session.current.key == KEY
    session.reveal()
    session.rate(Rating.GOOD)
    stored = store.get(KEY)
    assert stored.memory.lapses == 8 and not stored.leech and not stored.suspended
    assert session.events == []
    # forgotten once more: a new lapse past the threshold makes it a leech again
    clock.advance(days=(stored.memory.due - clock.now()).days + 1)
    again = start_session(store, clock, [deck])
    assert again.current.key == KEY
    again.reveal()
    again.rate(Rating.AGAIN)
    stored = store.get(KEY)
    assert stored.memory.lapses == 9 and stored.leech and stored.suspended
    assert [e.kind for e in again.events] == ["leech"]
