"""Session behaviour the main tests did not pin (mutmut survivors, see docs/testing.md): previews and
flags use the card's own schedule, a hint (and only a hint) makes a right typed answer Hard, setting a
new card aside stores its text hash, and a live reload updates the running session.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.decks import card_content_hash
from kquiz.domain import CardKey, CardState, Choice, MemoryState, Progress, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings, format_interval


def test_previews_and_flags_use_the_cards_own_schedule(store, clock) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=1)
    key = CardKey("deck", deck.cards[0].id)
    memory = MemoryState(
        CardState.REVIEW, None, 20.0, 5.0, clock.now(), clock.now() - timedelta(days=20), reps=5
    )
    store.save_progress(Progress(key, memory, content_hash=card_content_hash(deck.cards[0])))
    session = start_session(store, clock, [deck])
    assert session.current.key == key and not session.current.is_new
    assert session.toggle_flag()
    stored = store.get(key)
    assert stored.flagged and stored.memory == memory  # flagging leaves the schedule alone
    session.reveal()
    good = Scheduler(SchedulingSettings(fuzz=False)).next_state(key, memory, Rating.GOOD, clock.now())
    assert session.previews()[Rating.GOOD] == format_interval(good.due - clock.now())
    assert session.previews()[Rating.AGAIN] == "10m"  # relearning step, not a new card's 1m


def test_a_right_typed_answer_is_good_and_hard_only_after_a_hint(store, clock) -> None:  # type: ignore[no-untyped-def]
    session = start_session(store, clock, [make_deck(n=4, kinds=("typed", "cloze"))])
    seen = []
    for _ in range(4):
        kind = str(session.current.kind)
        hinted = (kind, True) not in seen and (kind, False) in seen
        if hinted:
            session.hint()
        answer = ["ketamine"] if kind == "typed" else ["NMDA"]  # a list: one text per blank
        grade = session.submit_text(answer)
        assert grade.correct, (kind, grade)
        assert grade.rating == (Rating.HARD if hinted else Rating.GOOD), (kind, hinted)
        assert session.suggested_rating == grade.rating
        session.rate()
        seen.append((kind, hinted))
    assert sorted(seen) == [("cloze", False), ("cloze", True), ("typed", False), ("typed", True)]


def test_setting_a_new_card_aside_stores_its_text_hash(store, clock) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=2)
    session = start_session(store, clock, [deck])
    key = session.current.key
    session.suspend()
    assert store.get(key).suspended
    assert store.get(key).content_hash == card_content_hash(deck.card(key.card_id))


def test_a_live_reload_updates_the_running_session(store, clock) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=3, kinds=("choice", "basic", "basic"))
    session = start_session(store, clock, [deck])
    shown = session.current
    assert str(shown.kind) == "choice" and len(shown.choices) == 4
    others = [c for c in deck.cards if c.id != shown.key.card_id]
    removed, kept = others[0], others[1]
    card = replace(
        shown.card,
        prompt="Which receptor, now?",
        choices=(*shown.card.choices, Choice("AMPA"), Choice("kainate")),
    )
    session.replace_deck(replace(deck, cards=(card, kept)))
    assert session.current.key == shown.key and session.current.prompt == "Which receptor, now?"
    assert sorted(session.current.choices) == sorted(c.text for c in card.choices)
    assert [e.kind for e in session.events] == ["removed"]
    assert str(session.events[0]) == (
        f"1 card(s) were removed from “{deck.title}”; their progress is kept in case they come back."
    )
    assert session.remaining.total == 2
    answered = []
    while session.current is not None and len(answered) < 6:
        answered.append(session.current.key.card_id)
        session.reveal() if str(session.current.kind) != "choice" else session.submit_choice([0])
        session.rate(Rating.EASY)
    assert removed.id not in answered and kept.id in answered
    assert store.get(shown.key).content_hash == card_content_hash(card)  # the new text was studied


def test_a_flag_survives_a_live_reload_of_the_shown_card(store, clock) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=2)
    session = start_session(store, clock, [deck])
    assert session.toggle_flag() and session.current.flagged
    session.replace_deck(replace(deck, cards=tuple(replace(c, back=c.back + "!") for c in deck.cards)))
    assert session.current.flagged and session.current.answer.endswith("!")


@pytest.mark.parametrize(
    ("front", "shown"),
    [
        ("x" * 60, "x" * 60),  # 60 characters are kept whole
        ("word  " * 20, ("word " * 12)[:59] + "…"),  # spaces collapsed, cut to 59 and an ellipsis
    ],
)
def test_a_leech_notice_quotes_the_prompt_shortened(store, clock, front: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    deck = make_deck(n=1)
    deck = replace(deck, cards=(replace(deck.cards[0], front=front),))
    key = CardKey("deck", deck.cards[0].id)
    memory = MemoryState(
        CardState.REVIEW, None, 2.0, 8.0, clock.now(), clock.now() - timedelta(days=3), reps=9, lapses=7
    )
    store.save_progress(Progress(key, memory))
    session = start_session(store, clock, [deck])
    session.reveal()
    session.rate(Rating.AGAIN)
    assert str(session.events[0]).startswith(f"“{shown}” is a leech")
