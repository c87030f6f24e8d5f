"""The study session's actions beyond answering, on a real SQLite store: undo, practice, leeches, suspend,
bury and flag, changed and replaced cards."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from study_builders import dump, make_deck, start_session  # type: ignore[import-not-found]

from kquiz.decks import card_content_hash
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, StudyMode
from kquiz.study.model import Phase, Selection
from kquiz.study.settings import Settings


def test_undo_restores_store_exactly_and_card_comes_back(store, clock) -> None:
    deck = make_deck(n=5)
    session = start_session(store, clock, [deck])
    states = []
    shown = []
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD):
        states.append(dump(store))
        shown.append(session.current.key)
        clock.advance(seconds=5)
        session.reveal()
        session.rate(rating)
    flagged_key = session.current.key
    session.toggle_flag()  # flags are not answers: not undone, but must survive the undo of others
    session.bury()
    assert session.can_undo
    assert session.undo()  # the bury
    for i in reversed(range(4)):
        assert session.undo()
        assert dump(store)[1] == states[i][1]  # review log exactly as before
        assert session.current.key == shown[i]  # the card is back in front
        assert session.phase == Phase.QUESTION
    assert not session.undo()
    assert states[0] == ([], [])
    assert dump(store)[1] == []
    flagged_card = deck.card(flagged_key.card_id)
    assert store.all_progress() == {
        flagged_key: Progress(flagged_key, content_hash=card_content_hash(flagged_card), flagged=True)
    }
    assert session.summary().studied == 0


def test_a_flag_set_later_survives_undoing_earlier_answers(store, clock) -> None:
    session = start_session(store, clock, [make_deck(n=2)])
    first = session.current.key
    session.reveal()
    session.rate(Rating.AGAIN)  # back in a minute
    session.reveal()
    session.rate(Rating.EASY)  # the other card
    assert session.current.key == first  # learn-ahead brings the failed card back
    assert session.toggle_flag()  # flagged on its second showing
    assert session.undo() and session.undo()  # both answers taken back
    assert list(store.iter_reviews()) == []
    assert store.get(first).flagged and store.get(first).memory == MemoryState()  # the flag stays
    assert session.progress(first) == store.get(first)


def test_undo_of_a_review_puts_back_the_previous_row_exactly(store, clock) -> None:
    deck = make_deck(n=1)
    key = CardKey("deck", deck.cards[0].id)
    memory = MemoryState(
        CardState.REVIEW,
        None,
        12.5,
        6.1,
        clock.now() - timedelta(days=1),
        clock.now() - timedelta(days=13),
        reps=5,
        lapses=2,
    )
    store.save_progress(Progress(key, memory, content_hash=card_content_hash(deck.cards[0]), flagged=True))
    before = dump(store)
    session = start_session(store, clock, [deck])
    session.reveal()
    session.rate(Rating.AGAIN)
    assert dump(store) != before
    assert session.undo()
    assert dump(store) == before


def test_practice_mode_leaves_the_schedule_untouched(store, clock) -> None:
    deck = make_deck(n=4)
    key = CardKey("deck", deck.cards[0].id)
    store.save_progress(
        Progress(
            key,
            MemoryState(
                CardState.REVIEW,
                None,
                3.0,
                5.0,
                clock.now() + timedelta(days=9),
                clock.now() - timedelta(days=1),
                reps=2,
            ),
        )
    )
    progress_before = dump(store)[0]
    session = start_session(store, clock, [deck], mode="practice")
    assert session.mode == StudyMode.PRACTICE
    assert session.remaining.total == 4  # every card, due or not
    session.reveal()
    assert session.previews()[Rating.AGAIN] == "again"
    again = session.current.key
    session.rate(Rating.AGAIN)
    seen = []
    while session.phase != Phase.FINISHED:
        seen.append(session.current.key)
        session.reveal()
        session.rate(Rating.GOOD)
    assert again in seen  # a failed card comes back in practice
    assert dump(store)[0] == progress_before
    records = list(store.iter_reviews())
    assert len(records) == 5 and all(r.mode == StudyMode.PRACTICE for r in records)
    assert all(r.before == r.after for r in records)
    assert session.undo() and len(list(store.iter_reviews())) == 4
    assert dump(store)[0] == progress_before


def _lapsing(clock, key, lapses):  # type: ignore[no-untyped-def]
    memory = MemoryState(
        CardState.REVIEW,
        None,
        2.0,
        8.0,
        clock.now() - timedelta(hours=1),
        clock.now() - timedelta(days=3),
        reps=20,
        lapses=lapses,
    )
    return Progress(key, memory)


def test_leech_at_eight_lapses(store, clock) -> None:
    deck = make_deck(n=2)
    key = CardKey("deck", deck.cards[0].id)
    store.save_progress(_lapsing(clock, key, 7))
    session = start_session(store, clock, [deck])
    assert session.current.key == key
    session.reveal()
    session.rate(Rating.AGAIN)
    stored = store.get(key)
    assert stored.memory.lapses == 8 and stored.leech and stored.suspended
    assert [e.kind for e in session.events] == ["leech"] and session.events[0].key == key
    assert "leech" in str(session.events[0])
    assert key not in [session.current.key] and session.remaining.learning == 0  # not relearned: suspended
    assert session.undo()
    assert not store.get(key).leech and session.events == []


def test_leech_threshold_is_a_setting(store, clock) -> None:
    deck = make_deck(n=1)
    key = CardKey("deck", deck.cards[0].id)
    store.save_progress(_lapsing(clock, key, 2))
    settings = replace(Settings(), leech_threshold=3)
    session = start_session(store, clock, [deck], settings=settings)
    session.reveal()
    session.rate(Rating.AGAIN)
    assert store.get(key).leech
    practice = start_session(store, clock, [deck], selection=Selection(leeches=True), mode="practice")
    assert practice.current.key == key and practice.current.leech
    leech_row = store.get(key)
    practice.reveal()
    practice.rate(Rating.AGAIN)  # comes back later in the practice queue
    assert practice.current.key == key
    practice.reveal()
    practice.rate(Rating.GOOD)
    assert practice.phase == Phase.FINISHED
    assert store.get(key) == leech_row  # still a suspended leech with the same memory
    modes = [r.mode for r in store.iter_reviews()]
    assert modes == [StudyMode.SCHEDULED, StudyMode.PRACTICE, StudyMode.PRACTICE]


def test_suspend_bury_flag(store, clock) -> None:
    deck = make_deck(n=3)
    session = start_session(store, clock, [deck])
    first = session.current.key
    assert session.toggle_flag() is True and session.current.flagged
    assert store.get(first).flagged
    session.suspend()
    second = session.current.key
    session.bury()
    assert store.get(first).suspended
    buried = store.get(second).buried_until
    assert buried is not None and buried > clock.now()
    # the same study day: neither comes back; the next study day the buried one does
    assert {start_session(store, clock, [deck]).current.key} == {CardKey("deck", deck.cards[2].id)}
    clock.set(buried)
    next_day = start_session(store, clock, [deck])
    keys = set()
    while next_day.phase != Phase.FINISHED:
        keys.add(next_day.current.key)
        next_day.reveal()
        next_day.rate(Rating.EASY)
    assert second in keys and first not in keys


def test_changed_card_keeps_progress_and_is_marked(store, clock) -> None:
    from kquiz.study.sync import sync_changed

    deck = make_deck(n=1)
    session = start_session(store, clock, [deck])
    key = session.current.key
    session.reveal()
    session.rate(Rating.EASY)
    before = store.get(key)
    edited = replace(deck, cards=(replace(deck.cards[0], back="A corrected answer"),))
    (marked,) = sync_changed(store, [edited], store.all_progress())
    assert marked.changed and store.get(key) == replace(before, changed=True)
    assert sync_changed(store, [edited], store.all_progress()) == []  # idempotent
    clock.advance(days=30)
    again = start_session(store, clock, [edited])
    assert again.current.key == key and again.current.changed and again.current.answer == "A corrected answer"
    again.reveal()
    again.rate(Rating.GOOD)
    after = store.get(key)
    assert not after.changed and after.content_hash == card_content_hash(edited.cards[0])
    assert after.memory.reps == 2  # the schedule carried on


def test_replace_deck_live(store, clock) -> None:
    deck = make_deck(n=3)
    session = start_session(store, clock, [deck])
    current = session.current.key
    cards = tuple(replace(c, front="Reworded") if c.id == current.card_id else c for c in deck.cards)
    session.replace_deck(replace(deck, cards=cards))
    assert session.current.key == current and session.current.prompt == "Reworded"
    # remove the current card and another: the session moves on, progress of nothing is lost
    keep = cards[2]
    session.replace_deck(replace(deck, cards=(keep,)))
    assert session.current.key == CardKey("deck", keep.id)
    assert session.remaining.total == 1
    assert [e.kind for e in session.events] == ["removed"]
