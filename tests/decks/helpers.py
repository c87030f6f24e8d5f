"""Small deck texts for the rule tests: a header with topics and sources, then cards."""

from __future__ import annotations

from pathlib import Path

from kquiz.decks import load_text
from kquiz.errors import DeckError

HEAD = """kquiz: 1
id: rules
title: Rules
topics:
  - {id: risks, title: Risks}
sources:
  - id: s1
    title: An article
    sections: [Intro, Safety]
cards:
"""  # the first card starts on line 11

BASIC = """  - id: {id}
    type: basic
    topic: risks
    front: Question {id}
    back: Answer {id}
"""


def deck(cards: str, head: str = HEAD) -> str:
    return head + cards


def problems(text: str, base_dir: Path | None = None) -> list[tuple[int | None, int | None, str]]:
    """(line, column, message) of every problem; fails if the deck loads."""
    try:
        load_text(text, "deck.yaml", base_dir=base_dir)
    except DeckError as exc:
        for problem in exc.problems:
            assert problem.path == "deck.yaml"
        return [(p.line, p.column, p.message) for p in exc.problems]
    raise AssertionError("the deck loaded, but problems were expected")


def only_problem(text: str, base_dir: Path | None = None) -> tuple[int | None, int | None, str]:
    found = problems(text, base_dir)
    assert len(found) == 1, found
    return found[0]
