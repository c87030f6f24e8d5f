"""Bulk actions and their undo on a real SQLite store: one transaction each, undo puts rows back."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest
from helpers import DAY_START, NOW, key, progress  # type: ignore[import-not-found]

from kquiz.cards import apply, parse_days, plan, undo
from kquiz.clock import FixedClock
from kquiz.domain import CardState, MemoryState
from kquiz.storage import ProgressStore


@pytest.fixture
def store(tmp_path: Path):
    with ProgressStore.open(tmp_path / "progress.sqlite3", clock=FixedClock(NOW)) as s:
        s.write_progress(progress().values(), [])
        yield s


def run(store: ProgressStore, action: str, keys, days=(0, 0)):
    change = plan(
        action, keys, store.all_progress(), now=NOW, day_start=DAY_START, days=days, rng=random.Random(3)
    )
    return apply(store, change)


def test_unsuspend_changes_only_suspended_cards_and_says_so(store: ProgressStore) -> None:
    leech, flagged = key("alpha", "choice", 1), key("alpha", "basic", 0)
    change = run(store, "unsuspend", [leech, flagged])
    assert change.count == 1 and change.message == "1 card unsuspended."
    assert store.get(leech).suspended is False and store.get(leech).leech is True
    again = run(store, "unsuspend", [leech, flagged])
    assert again.count == 0 and again.message == "Nothing to change: 2 cards already unsuspended."


def test_suspend_and_flag_a_new_card_store_a_row_and_undo_deletes_it(store: ProgressStore) -> None:
    new = key("beta", "basic", 3)
    assert store.get(new) is None
    change = run(store, "suspend", [new])
    assert store.get(new).suspended and store.get(new).memory == MemoryState()
    assert undo(store, change) == 1
    assert store.get(new) is None


def test_flag_unflag_unbury(store: ProgressStore) -> None:
    keys = [key("alpha", "cloze", 4), key("beta", "basic", 1)]
    assert run(store, "flag", keys).message == "1 card flagged."
    assert all(store.get(k).flagged for k in keys)
    assert run(store, "unflag", keys).count == 2
    assert run(store, "unbury", keys).count == 1
    assert store.get(keys[0]).buried_until is None


def test_reset_deletes_the_row_and_undo_brings_it_back(store: ProgressStore) -> None:
    card, marked_only = key("alpha", "basic", 0), key("beta", "basic", 3)
    run(store, "flag", [marked_only])  # flagged, never studied: nothing to forget
    before = store.get(card)
    change = run(store, "reset", [card, marked_only, key("beta", "basic", 0)])
    assert store.get(card) is None  # new again; the answer log is not the store's progress table
    assert store.get(marked_only).flagged
    assert change.message == "1 card reset to new."
    assert undo(store, change) == 1
    assert store.get(card) == before


def test_undo_leaves_a_card_changed_since_alone(store: ProgressStore) -> None:
    a, b = key("alpha", "basic", 0), key("alpha", "truefalse", 2)
    change = run(store, "suspend", [a, b])
    run(store, "flag", [b])  # b changed after the suspend
    assert undo(store, change) == 1
    assert not store.get(a).suspended and store.get(b).suspended


def test_set_due_date_moves_review_cards_and_makes_new_cards_review_cards(store: ProgressStore) -> None:
    review, new = key("alpha", "basic", 0), key("beta", "basic", 3)
    change = run(store, "due", [review, new], days=(7, 7))
    assert change.message == "2 cards rescheduled."
    assert store.get(review).memory.due == DAY_START + timedelta(days=7)
    assert store.get(review).memory.stability == progress()[review].memory.stability
    m = store.get(new).memory
    assert m.state == CardState.REVIEW and m.due == DAY_START + timedelta(days=7) and m.stability == 7.0


def test_set_due_date_range_spreads_cards(store: ProgressStore) -> None:
    keys = [key("beta", "basic", i) for i in range(4)]
    run(store, "due", keys, days=(0, 3))
    dues = {store.get(k).memory.due for k in keys}
    assert all(NOW <= d <= DAY_START + timedelta(days=3) for d in dues)


def test_today_is_zero_days(store: ProgressStore) -> None:
    run(store, "due", [key("alpha", "basic", 0)], days=(0, 0))
    assert store.get(key("alpha", "basic", 0)).memory.due == NOW


@pytest.mark.parametrize(("text", "span"), [("7", (7, 7)), ("3-7", (3, 7)), (" 0 ", (0, 0))])
def test_parse_days(text: str, span: tuple[int, int]) -> None:
    assert parse_days(text) == span


@pytest.mark.parametrize("text", ["", "x", "7-3", "-2", "1-2-3", "40000"])
def test_parse_days_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="due date"):
        parse_days(text)


def test_unknown_action(store: ProgressStore) -> None:
    with pytest.raises(ValueError, match="unknown action"):
        plan("explode", [], {}, now=NOW, day_start=DAY_START)
