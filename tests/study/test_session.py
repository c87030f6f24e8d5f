"""The study session on a real SQLite store: the state machine, grading per card kind, durability,
learning steps, the summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.decks import card_content_hash
from kquiz.domain import CardState, CardType, MemoryState, Rating, StudyMode
from kquiz.errors import SessionError
from kquiz.scheduling import format_interval
from kquiz.study.model import Phase
from kquiz.study.settings import Settings


def test_state_machine_refuses_illegal_steps(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=2)])
    assert session.phase == Phase.QUESTION and session.current is not None
    with pytest.raises(SessionError):
        session.rate(Rating.GOOD)  # not revealed yet
    with pytest.raises(SessionError):
        session.previews()
    with pytest.raises(SessionError):
        session.submit_choice([0])  # a basic card
    with pytest.raises(SessionError):
        session.submit_text("x")
    with pytest.raises(SessionError):
        session.hint()
    session.reveal()
    assert session.phase == Phase.ANSWER
    with pytest.raises(SessionError):
        session.reveal()
    with pytest.raises(SessionError):
        session.rate()  # a flipped card has no suggested rating: the learner must choose
    for bad in (0, 5, "good"):
        with pytest.raises(SessionError, match="1 \\(Again\\) to 4"):
            session.rate(bad)  # type: ignore[arg-type]
    assert session.phase == Phase.ANSWER and list(store.iter_reviews()) == []
    session.rate(Rating.GOOD)
    session.reveal()
    session.rate(Rating.EASY)
    # both cards graduated or in learning: learning ones come back within learn-ahead
    while session.phase != Phase.FINISHED:
        session.reveal()
        session.rate(Rating.EASY)
    assert session.current is None and session.remaining.total == 0
    for action in (session.reveal, session.suspend, session.bury, session.toggle_flag):
        with pytest.raises(SessionError):
            action()


def test_rate_is_durable_and_matches_preview(store, clock) -> None:
    deck = make_deck(n=3)
    session = start_session(store, clock, [deck])
    key = session.current.key
    clock.advance(seconds=7.5)
    session.reveal()
    labels = session.previews()
    assert set(labels) == set(Rating)
    assert labels[Rating.AGAIN] == "1m"
    now = clock.now()
    session.rate(Rating.GOOD)
    stored = store.get(key)
    assert stored is not None and stored.memory.reps == 1
    assert format_interval(stored.memory.due - now) == labels[Rating.GOOD]
    assert stored.content_hash == card_content_hash(deck.card(key.card_id))
    (record,) = list(store.iter_reviews())
    assert record.key == key and record.rating == Rating.GOOD and record.duration_ms == 7500
    assert record.mode == StudyMode.SCHEDULED and record.reviewed_at == now
    assert record.before == MemoryState() and record.after == stored.memory


def test_choice_shuffled_per_review_with_seed(store, clock) -> None:
    deck = make_deck(n=6, kinds=("choice",))
    orders = []
    for seed in (1, 1, 2):
        session = start_session(store, clock, [deck], seed=seed)
        orders.append(session.current.choices)
    assert orders[0] == orders[1]
    session = start_session(store, clock, [deck], seed=3)
    seen = set()
    for _ in range(6):
        shown = session.current
        assert shown.kind == CardType.CHOICE and sorted(shown.choices) == sorted(
            ["NMDA", "GABA-A", "mu-opioid", "5-HT3"]
        )
        seen.add(shown.choices)
        grade = session.submit_choice([shown.choices.index("NMDA")])
        assert grade.correct and session.suggested_rating == Rating.GOOD
        session.rate()
    assert len(seen) > 1  # order differs between reviews


def test_undone_choice_card_comes_back_in_the_order_it_was_shown(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=6, kinds=("choice",))], seed=5)
    for _ in range(4):  # several reviews, so a fresh shuffle would very likely differ somewhere
        shown = session.current
        session.submit_choice([shown.choices.index("GABA-A")])  # a mistaken key...
        session.rate()
        assert session.undo()  # ...taken back: the same card, the same order as before
        assert session.current.key == shown.key and session.current.choices == shown.choices
        session.submit_choice([session.current.choices.index("NMDA")])
        session.rate()


def test_wrong_choice_suggests_again_and_learner_may_override(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=2, kinds=("choice",))])
    key = session.current.key
    wrong = session.submit_choice([session.current.choices.index("GABA-A")])
    assert not wrong.correct and session.suggested_rating == Rating.AGAIN and session.last_grade == wrong
    session.rate(Rating.HARD)  # the learner overrides
    assert next(iter(store.iter_reviews())).rating == Rating.HARD
    assert store.get(key).memory.reps == 1


def test_truefalse_typed_and_cloze(store, clock) -> None:
    deck = make_deck(n=3, kinds=("truefalse", "typed", "cloze"))
    session = start_session(store, clock, [deck])
    assert session.current.kind == CardType.TRUEFALSE and session.current.choices == ("True", "False")
    assert session.submit_truefalse(True).correct
    session.rate()
    assert session.current.kind == CardType.TYPED and session.current.blanks == 1
    assert session.hint() == "k_______"
    assert session.hint() == "ke______"
    grade = session.submit_text("Ketamin")  # one typo, after a hint
    assert grade.correct and not grade.exact and session.suggested_rating == Rating.HARD
    session.rate()
    assert session.current.kind == CardType.CLOZE and session.current.blanks == 1
    assert session.current.prompt.startswith("Ketamine blocks the [receptor] receptor")
    assert session.current.answer.startswith("Ketamine blocks the NMDA receptor")
    grade = session.submit_text("glutamate")
    assert not grade.correct and session.suggested_rating == Rating.AGAIN
    session.rate()
    ratings = [r.rating for r in store.iter_reviews()]
    assert ratings == [Rating.GOOD, Rating.HARD, Rating.AGAIN]


def test_cloze_can_also_be_flipped(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=1, kinds=("cloze",))])
    session.reveal()
    assert session.suggested_rating is None
    session.rate(Rating.GOOD)
    assert session.summary().studied == 1


def test_giving_up_on_a_quiz_card_suggests_again(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=1, kinds=("typed",))])
    session.reveal()
    assert session.suggested_rating == Rating.AGAIN
    session.rate()
    assert store.get(session_key := next(iter(store.all_progress()))).memory.state == CardState.LEARNING
    assert session_key.card_id == "typed-00000"


def test_learning_card_comes_back_in_the_session(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=2)])
    first = session.current.key
    session.reveal()
    session.rate(Rating.AGAIN)  # 1 minute step
    assert session.remaining.learning == 1
    clock.advance(seconds=70)
    assert session.current.key != first  # the other new card first (shown when it was chosen)
    session.reveal()
    session.rate(Rating.GOOD)
    assert session.current.key == first  # due again: back before anything else


def test_summary(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=4)])
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.GOOD):
        clock.advance(seconds=10)
        session.reveal()
        session.rate(rating)
    summary = session.summary()
    assert (summary.studied, summary.correct) == (4, 3)
    assert summary.accuracy == pytest.approx(0.75)
    assert summary.elapsed == timedelta(seconds=40)
    assert summary.cards == 4
    # learning cards due in minutes are not "due tomorrow"; only what falls due in the next study day
    learning = [p for p in store.all_progress().values() if p.memory.due < clock.now() + timedelta(hours=1)]
    assert learning and summary.due_tomorrow == 0


def test_failed_write_leaves_the_session_where_it_was(store, clock) -> None:
    from kquiz.errors import StorageError

    session = start_session(store, clock, [make_deck(n=3)])
    key = session.current.key
    session.reveal()
    store.close()
    with pytest.raises(StorageError):
        session.rate(Rating.GOOD)
    assert session.phase == Phase.ANSWER and session.current.key == key
    assert not session.can_undo and session.summary().studied == 0 and session.remaining.total == 3


def test_finished_session_picks_up_learning_cards_later(store, clock) -> None:
    from kquiz.scheduling import SchedulingSettings

    settings = Settings(scheduling=SchedulingSettings(fuzz=False, learning_steps=(timedelta(hours=1),)))
    session = start_session(store, clock, [make_deck(n=1)], settings=settings)
    key = session.current.key
    session.reveal()
    session.rate(Rating.AGAIN)  # back in an hour: beyond the 20-minute learn-ahead
    assert session.phase == Phase.FINISHED and session.current is None
    assert session.next_learning_due == clock.now() + timedelta(hours=1)
    assert session.remaining.learning == 1
    assert not session.refresh()
    clock.advance(minutes=41)  # within learn-ahead now
    assert session.refresh() and session.current.key == key and session.phase == Phase.QUESTION
