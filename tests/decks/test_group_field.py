"""The optional ``group:`` field: one word, loaded onto the card, not part of the studied content."""

from __future__ import annotations

from dataclasses import replace

from kquiz.decks import card_content_hash, load_text

from .helpers import deck, only_problem

CARDS = """  - {id: a, type: basic, topic: risks, front: A?, back: A, group: nmda-block}
  - {id: b, type: basic, topic: risks, front: B?, back: B}
"""


def test_group_is_loaded_and_does_not_change_the_content_hash() -> None:
    loaded = load_text(deck(CARDS), "g.yaml")
    a, b = loaded.cards
    assert (a.group, b.group) == ("nmda-block", "")
    assert card_content_hash(a) == card_content_hash(replace(a, group="other"))


def test_a_group_is_one_word() -> None:
    line, _col, message = only_problem(deck(CARDS.replace("group: nmda-block", 'group: "two words"')))
    assert line == 11 and "group" in message
