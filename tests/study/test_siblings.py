"""Cards of one group (``group:``) are kept at least 5 cards apart in a session, and answering one
buries its siblings until the next study day (the ``bury_siblings`` setting, on by default)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.domain import CardKey, Rating
from kquiz.scheduling import SchedulingSettings
from kquiz.study.settings import Settings

GROUPED = {0: "nmda", 1: "nmda", 2: "nmda", 5: "dose", 6: "dose"}


def grouped_deck(n: int = 14):  # type: ignore[no-untyped-def]
    deck = make_deck(n=n, kinds=("basic", "choice", "typed"))
    cards = tuple(replace(c, group=GROUPED.get(i, "")) for i, c in enumerate(deck.cards))
    return replace(deck, cards=cards)


def settings(bury: bool) -> Settings:
    return Settings(bury_siblings=bury, new_per_day=100, scheduling=SchedulingSettings(fuzz=False))


def test_siblings_are_shown_at_least_five_cards_apart(store, clock) -> None:
    deck = grouped_deck()
    group = {CardKey(deck.id, c.id): c.group for c in deck.cards}
    session = start_session(store, clock, [deck], settings=settings(False))
    shown: list[CardKey] = []
    while session.current is not None:
        shown.append(session.current.key)
        session.reveal()
        session.rate(Rating.EASY)  # no learning steps: every card once
        clock.advance(timedelta(seconds=5))
    assert sorted(shown) == sorted(group)
    for i, key in enumerate(shown):
        if group[key]:
            near = shown[max(0, i - 5) : i]
            assert all(group[k] != group[key] for k in near), (i, shown)


def test_answering_buries_the_siblings_and_undo_brings_them_back(store, clock) -> None:
    deck = grouped_deck()
    session = start_session(
        store, clock, [deck], settings=Settings(scheduling=SchedulingSettings(fuzz=False))
    )
    assert Settings().bury_siblings  # on by default
    first = session.current.key
    assert first == CardKey(deck.id, deck.cards[0].id)
    siblings = {CardKey(deck.id, deck.cards[i].id) for i in (1, 2)}
    total = session.remaining.total
    session.reveal()
    session.rate(Rating.GOOD)
    for key in siblings:
        assert store.get(key).buried_until is not None
    assert session.remaining.total == total - 3 + 1  # the answered card is learning, its siblings gone
    assert session.undo()
    assert session.current.key == first
    assert all(store.get(key) is None for key in siblings)
    assert session.remaining.total == total
    seen = set()
    while session.current is not None:
        seen.add(session.current.key)
        session.reveal()
        session.rate(Rating.EASY)
        clock.advance(timedelta(seconds=5))
    assert not siblings & seen  # buried until tomorrow


def test_practice_and_the_setting_off_bury_nothing(store, clock) -> None:
    deck = grouped_deck()
    session = start_session(store, clock, [deck], settings=settings(False))
    session.reveal()
    session.rate(Rating.GOOD)
    assert all(store.get(CardKey(deck.id, deck.cards[i].id)) is None for i in (1, 2))
    practice = start_session(store, clock, [deck], mode="practice")
    practice.reveal()
    practice.rate(Rating.GOOD)
    assert all(p.buried_until is None for p in store.all_progress().values())
