"""Past 200 cards sure to have a problem, the loader stops building and checking cards (issue 21):
the rest of the list is only scanned, what follows it is still read, and the last problem says so."""

from __future__ import annotations

import pytest

from kquiz.decks import load_text
from kquiz.errors import DeckError

HEAD = "kquiz: 1\nid: early\ntitle: Early\ntopics:\n  - {id: t, title: T}\ncards:\n"


def _problems(text: str) -> list[str]:
    with pytest.raises(DeckError) as caught:
        load_text(text, "deck.yaml")
    return [str(p) for p in caught.value.problems]


def _cards(n: int, topic: str = "nope") -> str:
    return "".join(f"  - {{id: c{i}, type: basic, topic: {topic}, front: q, back: a}}\n" for i in range(n))


def test_cards_past_two_hundred_with_problems_are_counted_not_checked() -> None:
    problems = _problems(HEAD + _cards(500))
    assert len(problems) == 201
    assert problems[0].startswith("deck.yaml:7:34: card 'c0': unknown topic 'nope'")
    assert problems[199].startswith("deck.yaml:206:")
    assert problems[-1] == (
        "deck.yaml: … and the 300 cards from line 207 on were not checked "
        "(kquiz lists the first 200 problems of a deck and stops reading its cards there)"
    )


def test_what_follows_the_cards_is_still_read() -> None:
    head = "kquiz: 1\nid: early\ntopics:\n  - {id: t, title: T}\ncards:\n"
    problems = _problems(head + _cards(300) + "title: Late\n")
    assert not any("missing required field 'title'" in p for p in problems)
    assert "the 100 cards from line 206 on were not checked" in problems[-1]
    assert "missing required field 'title'" in _problems(head + _cards(300))[0]
    with pytest.raises(DeckError, match="second one starts here"):
        load_text(HEAD + _cards(300) + "---\nmore: 1\n")
    with pytest.raises(DeckError, match=r"deck\.yaml:307:"):  # a syntax error after the cards is found
        load_text(HEAD + _cards(300) + "x-note: {broken\n", "deck.yaml")


def test_reading_stops_when_only_more_cards_follow() -> None:
    """Nothing but items of 'cards' after the 200th bad card: the rest of the text is not read at
    all (a slip in it is found on the next check), and its items are counted."""
    blocks = "".join(f"  -\n    id: d{i}\n    type: basic\n" for i in range(3))
    problems = _problems(HEAD + _cards(300) + blocks + "  - {id: broken\n# the end\n")
    assert problems[-1].startswith("deck.yaml: … and the 104 cards from line 207 on were not checked")
    late = HEAD + _cards(200) + "  -\n    id: late\n" + _cards(5)
    assert "the 6 cards from line 208 on were not checked" in _problems(late)[-1]


def test_an_alias_to_a_card_that_was_not_read_says_so() -> None:
    cards = _cards(250) + "  - &late {id: late, type: basic, topic: nope, front: q, back: a}\n"
    problems = _problems(HEAD + cards + "x-copy: *late\n")
    assert len(problems) == 1
    assert "the alias '*late' refers to a card kquiz did not read" in problems[0]


def test_only_sure_problems_count_towards_the_stop() -> None:
    broken_topics = HEAD.replace("{id: t, title: T}", "{id: t}")  # 'title' missing: topics not trusted
    problems = _problems(broken_topics + _cards(300))
    assert "were not checked" not in problems[-1]
    assert "at least 100 more problems not shown" in problems[-1]
    good = _cards(300, topic="t")
    deck = load_text(HEAD + good)  # a valid deck is read whole
    assert len(deck.cards) == 300


def test_aliases_in_the_skipped_cards_still_count_towards_the_alias_limits() -> None:
    value = "a" * 50_000
    refs = ", ".join(["*t"] * 201)
    problems = _problems(f"{HEAD[: -len('cards:')]}x-t: &t {value}\ncards: [{_cards(0)}{refs}]\n")
    assert problems == [
        f"deck.yaml:7:{9 + 4 * 200}: aliases expand to too much text (more than 10,000,000 characters in all)"
    ]
