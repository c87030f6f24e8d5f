"""Undos, marks, resets and settings travel; three devices end alike; clocks hours apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from study_builders import flip_and_rate  # type: ignore[import-not-found]

from kquiz.app import Selection
from kquiz.domain import CardKey, CardState, Rating
from kquiz.scheduling import DEFAULT_PARAMETERS


def _all_sync(*devices) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        for device in devices:
            device.sync()


def test_three_devices_answering_the_same_cards_apart_keep_every_answer(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b, c = make_device("a"), make_device("b"), make_device("c")
    a.answer(4)
    b.clock.advance(hours=1)
    b.answer(4, Rating.HARD)  # the same first cards (same decks, same seed): answered on both
    c.clock.advance(days=3)
    c.answer(2, Rating.EASY)
    _all_sync(a, b, c)
    assert a.log() == b.log() == c.log() and len(a.log()) == 10
    assert a.progress() == b.progress() == c.progress()
    key = CardKey("alpha", a.log()[0][3])
    times = sorted(r[1] for r in a.log() if CardKey(r[2], r[3]) == key)
    memory = a.core.store.get(key).memory  # type: ignore[union-attr]
    assert memory.reps == len(times) and memory.last_review is not None  # every device's answer counted


def test_an_undo_reaches_the_other_device_and_is_never_merged_back(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    session = a.core.start_session(Selection(deck_ids=("alpha",)))
    flip_and_rate(session, 2)
    _all_sync(a, b)
    assert len(b.log()) == 2
    assert session.undo()  # the second answer, already on b
    a.sync()
    b.sync()
    assert len(a.log()) == len(b.log()) == 1 and a.log() == b.log()
    assert a.progress() == b.progress() and len(b.progress()) == 1
    _all_sync(b, a)  # b's copy of the undone answer never comes back
    assert len(a.log()) == len(b.log()) == 1


def test_marks_last_writer_wins_by_time(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    key = a.answer(1)[0]
    a.clock.advance(minutes=10)
    a.core.mark_cards([key], suspended=True)
    _all_sync(a, b)
    assert b.core.store.get(key).suspended is True  # type: ignore[union-attr]
    a.clock.advance(minutes=10)
    a.core.mark_cards([key], flagged=True)  # a flags at +20 while b, apart, unsuspends at +30
    b.clock.advance(minutes=30)
    b.core.mark_cards([key], suspended=False)
    _all_sync(a, b)
    got = a.core.store.get(key)
    assert got is not None and (got.suspended, got.flagged) == (False, True) and a.progress() == b.progress()
    a.clock.advance(hours=1)
    a.core.mark_cards([key], suspended=True)  # a at +80
    b.clock.advance(minutes=20)
    b.core.mark_cards([key], flagged=False)  # b at +50, synced later: an earlier time loses to nothing
    _all_sync(a, b)
    got = b.core.store.get(key)
    assert got is not None and (got.suspended, got.flagged) == (True, False) and a.progress() == b.progress()


def test_a_reset_forgets_the_answers_its_device_had_seen(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    key = a.answer(1)[0]
    _all_sync(a, b)
    b.clock.advance(hours=1)
    b.core.reset_progress([key])
    _all_sync(b, a)
    assert a.core.store.get(key) is None and b.core.store.get(key) is None
    assert len(a.log()) == 1  # the log is kept, as a local reset keeps it
    a.clock.advance(hours=2)
    a.answer_card(key, Rating.AGAIN)  # studied again from New after the reset
    _all_sync(a, b)
    memory = b.core.store.get(key).memory  # type: ignore[union-attr]
    assert memory.reps == 1 and memory.state == CardState.LEARNING and a.progress() == b.progress()


def test_settings_and_fsrs_parameters_travel_but_the_theme_stays(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    settings = a.core.settings()
    weights = tuple(round(w * 1.01, 4) for w in DEFAULT_PARAMETERS)
    scheduling = replace(settings.scheduling, desired_retention=0.85, parameters=weights)
    a.core.save_settings(settings.with_changes(new_per_day=7, theme="dark", scheduling=scheduling))
    b.clock.advance(minutes=1)
    b.core.save_settings(b.core.settings().with_changes(reviews_per_day=99))
    _all_sync(a, b)
    for device in (a, b):
        got = device.core.settings()
        assert (got.new_per_day, got.reviews_per_day, got.scheduling.desired_retention) == (7, 99, 0.85)
        assert got.scheduling.parameters == weights
    assert b.core.settings().theme != "dark"


def test_a_clock_hours_ahead_orders_by_review_time_and_warns(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b", offset=timedelta(hours=5))
    key = b.answer(1, Rating.AGAIN)[0]  # b says 14:00 (it is really 09:00)
    a.clock.advance(minutes=30)
    a.answer_card(key, Rating.EASY)  # a says 09:30
    b.sync()
    report = a.sync()
    assert any("hours ahead" in m for m in report.messages)
    _all_sync(a, b)
    assert a.progress() == b.progress()
    ratings = [r[4] for r in sorted((r for r in a.log() if r[3] == key.card_id), key=lambda r: r[1])]
    assert ratings == [int(Rating.EASY), int(Rating.AGAIN)]  # replayed in the order of the times given
