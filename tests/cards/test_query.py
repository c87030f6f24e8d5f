"""The query language: one test per operator, negation, or, parentheses, and bad queries."""

from __future__ import annotations

import pytest
from helpers import rows  # type: ignore[import-not-found]
from hypothesis import given
from hypothesis import strategies as st

from kquiz.cards import QueryError, compile_query, day_terms, parse
from kquiz.domain import CardKey

ROWS = rows()


def find(query: str, day_sets: dict | None = None) -> set[str]:
    match = compile_query(parse(query), day_sets or {})
    return {str(r.key) for r in ROWS if match(r)}


def test_empty_query_finds_every_card() -> None:
    assert len(find("")) == len(find("   ")) == 14


def test_free_words_search_question_answer_and_explanation() -> None:
    assert find("receptor 1?") == {"alpha/choice-00001"}
    assert find("ketalar") == {"alpha/typed-00003", "alpha/typed-00008"}  # an answer, not the prompt
    assert find("gaba-a RECEPTOR 6") == {"alpha/choice-00006"}  # a choice and the prompt, any case


def test_exact_phrase_keeps_its_spaces() -> None:
    assert find('"front 1"') == {"beta/basic-00001"}
    assert find("front back 3") == {"beta/basic-00003"}  # words, each anywhere in the card
    assert find('"back 3"') == {"beta/basic-00003"}


def test_deck_topic_card_and_tag_with_globs() -> None:
    assert len(find("deck:beta")) == 4
    assert len(find("deck:al*")) == 10
    assert find("topic:risk deck:alpha") == {
        f"alpha/{k}" for k in ("choice-00001", "typed-00003", "basic-00005", "truefalse-00007", "cloze-00009")
    }
    assert find("card:typed-*") == {"alpha/typed-00003", "alpha/typed-00008"}
    assert len(find("tag:even")) == 7 and find("tag:ev?n") == find("tag:EVEN")


def test_type() -> None:
    assert find("type:cloze") == {"alpha/cloze-00004", "alpha/cloze-00009"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("suspended", {"alpha/choice-00001"}),
        ("leech", {"alpha/choice-00001"}),
        ("flagged", {"alpha/basic-00000", "beta/basic-00001"}),
        ("changed", {"beta/basic-00001"}),
        ("buried", {"alpha/cloze-00004"}),
        ("learning", {"alpha/typed-00003", "beta/basic-00002"}),
        ("relearning", {"beta/basic-00002"}),
        ("due", {"alpha/truefalse-00002", "alpha/typed-00003", "beta/basic-00002", "alpha/choice-00001"}),
    ],
)
def test_is(value: str, expected: set[str]) -> None:
    assert find(f"is:{value}") == expected


def test_is_new_and_review_split_the_cards() -> None:
    assert len(find("is:new")) == 7
    assert find("is:review") == {
        "alpha/basic-00000",
        "alpha/choice-00001",
        "alpha/truefalse-00002",
        "alpha/cloze-00004",
        "beta/basic-00001",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("prop:lapses>3", {"alpha/basic-00000", "alpha/choice-00001"}),
        ("prop:lapses>=8", {"alpha/choice-00001"}),
        ("prop:lapses=1", {"beta/basic-00002"}),
        ("prop:reviews=1", {"alpha/typed-00003", "beta/basic-00001"}),
        ("prop:interval>=30", {"alpha/basic-00000"}),
        (
            "prop:due<=0",
            {"alpha/truefalse-00002", "alpha/typed-00003", "beta/basic-00002", "alpha/choice-00001"},
        ),
        ("prop:due=3", {"alpha/basic-00000", "alpha/cloze-00004"}),
        ("prop:stability<1", {"beta/basic-00002"}),
        ("prop:difficulty!=6", {"alpha/typed-00003"}),
        ("prop:recall<0.5", set()),
        ("prop:recall<90 deck:beta", {"beta/basic-00001", "beta/basic-00002"}),
    ],
)
def test_prop(query: str, expected: set[str]) -> None:
    assert find(query) == expected


def test_prop_reviews_zero_finds_new_cards() -> None:
    assert find("prop:reviews=0") == find("is:new")


def test_negation_and_or_and_parentheses() -> None:
    assert find("deck:beta -is:new") == {"beta/basic-00001", "beta/basic-00002"}
    assert find("is:suspended or is:changed") == {"alpha/choice-00001", "beta/basic-00001"}
    assert find("is:suspended OR is:changed") == find("is:suspended or is:changed")
    grouped = find("deck:alpha (is:flagged or is:leech)")
    assert grouped == {"alpha/basic-00000", "alpha/choice-00001"}
    assert find("deck:alpha is:flagged or is:leech") == grouped  # 'or' binds looser than 'and'
    assert find("-(deck:alpha or is:new)") == {"beta/basic-00001", "beta/basic-00002"}
    assert find("is:flagged and deck:beta") == {"beta/basic-00001"}
    assert find("--is:new") == find("is:new")


def test_added_and_answered_use_the_review_log_sets() -> None:
    tree = parse("answered:3 -added:1")
    assert day_terms(tree) == {("answered", 3), ("added", 1)}
    both = CardKey("beta", "basic-00001")
    sets = {
        ("answered", 3): frozenset({both, CardKey("alpha", "basic-00000")}),
        ("added", 1): frozenset({both}),
    }
    assert find("answered:3 -added:1", sets) == {"alpha/basic-00000"}


@pytest.mark.parametrize(
    ("query", "position", "words"),
    [
        ("foo:bar", 1, "Unknown search key 'foo:'"),
        ("is:new (deck:a", 8, "never closed"),
        ("deck:a )", 8, "no '('"),
        ('a "phrase', 3, "quote is never closed"),
        ("is:sleepy", 4, "Unknown 'is:sleepy'"),
        ("type:essay", 6, "Unknown card type"),
        ("prop:lapses~3", 6, "prop:NAME<OP>NUMBER"),
        ("prop:weight>3", 6, "Unknown property 'weight'"),
        ("answered:0", 10, "number of days"),
        ("added:x", 7, "number of days"),
        ("deck:", 6, "needs a value"),
        ("or is:new", 1, "before it"),
        ("is:new or", 8, "after it"),
        ("is:new and", 8, "after it"),
        ("()", 2, "Empty parentheses"),
        ('""', 1, "Empty quotes"),
        ("-)", 1, "'-' needs a search term"),
    ],
)
def test_bad_queries_say_what_and_where(query: str, position: int, words: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert caught.value.position == position
    assert words in caught.value.message
    assert f"column {position}" in str(caught.value)


@given(st.text(max_size=60))
def test_any_text_parses_or_gives_a_query_error(text: str) -> None:
    try:
        tree = parse(text)
    except QueryError as exc:
        assert 1 <= exc.position <= len(text) + 1
        return
    compile_query(tree, {})(ROWS[0])


@given(
    st.lists(
        st.sampled_from(["is:new", "-", "(", ")", "or", "and", "deck:a*", '"x', "prop:due<3", " "]),
        max_size=12,
    )
)
def test_any_mix_of_query_tokens_parses_or_gives_a_query_error(parts: list[str]) -> None:
    text = " ".join(parts)
    try:
        parse(text)
    except QueryError as exc:
        assert 1 <= exc.position <= len(text) + 1
