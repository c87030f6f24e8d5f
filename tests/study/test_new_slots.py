"""Suspending or burying a new card does not use up a daily new-card slot."""

from __future__ import annotations

from datetime import timedelta

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.domain import Rating
from kquiz.scheduling import SchedulingSettings
from kquiz.study.settings import Settings


@pytest.mark.parametrize("action", ["suspend", "bury"])
def test_a_set_aside_new_card_frees_its_slot(store, clock, action: str) -> None:
    settings = Settings(new_per_day=3, scheduling=SchedulingSettings(fuzz=False))
    session = start_session(store, clock, [make_deck(n=8)], settings=settings)
    assert session.remaining.new == 3
    first = session.current.key
    getattr(session, action)()
    assert session.remaining.new == 3, "the set-aside card took a new-card slot"
    assert session.undo()
    assert session.current.key == first and session.remaining.new == 3
    getattr(session, action)()
    shown = []
    while session.current is not None:
        shown.append(session.current.key)
        session.reveal()
        session.rate(Rating.EASY)
        clock.advance(timedelta(seconds=5))
    assert len(set(shown)) == 3 and first not in shown  # three new cards studied, as the limit says


def test_practice_and_reviews_are_left_alone(store, clock) -> None:
    settings = Settings(new_per_day=2, scheduling=SchedulingSettings(fuzz=False))
    session = start_session(store, clock, [make_deck(n=4)], settings=settings, mode="practice")
    before = session.remaining.total
    session.suspend()
    assert session.remaining.total == before - 1
