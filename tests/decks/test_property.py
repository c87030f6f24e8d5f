"""Property: for any text or YAML-ish document, loading returns a Deck or raises DeckError.

Nothing else escapes, and no problem is the loader's catch-all ("unexpected problem"): every
refusal is one the loader understood and explained.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from kquiz.decks import load_text, schema
from kquiz.decks.fastcheck import compile_schema
from kquiz.domain import Deck
from kquiz.errors import DeckError
from tests.decks.helpers import BASIC, deck

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(SETTINGS, max_examples=100)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(
        [
            "basic",
            "cloze",
            "choice",
            "truefalse",
            "typed",
            "reversed",
            "risks",
            "s1",
            "Intro",
            "{{c1::x}}",
            "{{c2::y::h}}",
            "{{c1::",
            "../x.png",
            "/etc/passwd",
            "a",
            "1",
        ]
    ),
)
keys = st.sampled_from(
    [
        "kquiz",
        "id",
        "title",
        "cards",
        "topics",
        "sources",
        "type",
        "topic",
        "front",
        "back",
        "text",
        "prompt",
        "choices",
        "correct",
        "statement",
        "answer",
        "answers",
        "source",
        "section",
        "sections",
        "tags",
        "image",
        "note",
        "explanation",
        "x",
    ]
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=6),
    max_leaves=25,
)


def _check(data: str | bytes) -> None:
    try:
        result = load_text(data, "prop.yaml")
    except DeckError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "prop.yaml"
            assert not problem.message.startswith("unexpected problem"), problem.message
            assert problem.line is None or problem.line >= 1
        return
    assert isinstance(result, Deck)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    _check(data)


@FEWER
@given(st.dictionaries(keys, values, max_size=8))
def test_arbitrary_yaml_documents(data: dict[str, Any]) -> None:
    _check(yaml.safe_dump(data, allow_unicode=True))


@FEWER
@given(
    st.lists(st.tuples(keys, values), min_size=1, max_size=4),
    st.integers(min_value=0, max_value=3),
)
def test_near_valid_decks_with_fields_replaced(changes: list[tuple[str, Any]], where: int) -> None:
    good = yaml.safe_load(deck(BASIC.format(id="a") + BASIC.format(id="b")))
    target = [good, good["cards"][0], good["cards"][1], good["sources"][0]][where]
    for key, value in changes:
        target[key] = value
    _check(yaml.safe_dump(good, allow_unicode=True))


@SETTINGS
@given(
    st.integers(min_value=0, max_value=400),
    st.text(alphabet="{}[]:-&*!|>'\"#\t\n ,?%@`", min_size=1, max_size=4),
)
def test_yaml_with_punctuation_spliced_in(position: int, junk: str) -> None:
    text = deck(BASIC.format(id="a") + "    source: {id: s1, section: Intro}\n")
    position %= len(text)
    _check(text[:position] + junk + text[position:])


FAST = compile_schema(schema())
SLOW = Draft202012Validator(schema())


def _near_valid(changes: list[tuple[str, Any]], where: int) -> dict[str, Any]:
    good = yaml.safe_load(deck(BASIC.format(id="a") + BASIC.format(id="b")))
    target = [good, good["cards"][0], good["cards"][1], good["sources"][0]][where]
    for key, value in changes:
        target[key] = value
    return good


@FEWER
@given(
    st.dictionaries(keys, values, max_size=8)
    | st.builds(
        _near_valid, st.lists(st.tuples(keys, values), max_size=3), st.integers(min_value=0, max_value=3)
    )
)
def test_fast_check_agrees_with_jsonschema(data: dict[str, Any]) -> None:
    assert FAST(data) == SLOW.is_valid(data)
