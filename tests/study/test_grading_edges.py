"""Grading details the main tests did not pin (mutmut survivors, see docs/testing.md): where a one-typo
edit sits, edit distance with a transposition at the start, what a multi-blank cloze grade shows,
and the words a true/false grade shows.
"""

from __future__ import annotations

import pytest

from kquiz.domain import Rating, TrueFalseCard
from kquiz.study import grading
from kquiz.study.grading import DiffPart, damerau_levenshtein, grade_cloze_typed, grade_truefalse, match_typed


@pytest.mark.parametrize(
    ("want", "got", "span"),
    [
        ("ketamine", "ketamnie", (5, 7)),  # swapped letters
        ("abc", "abxc", (2, 2)),  # an insertion between b and c
        ("abxc", "abc", (2, 3)),
        ("abc", "abd", (2, 3)),
        ("abc", "xbc", (0, 1)),
        ("abcd", "abd", (2, 3)),
    ],
)
def test_the_edit_span_is_where_the_one_edit_is(want: str, got: str, span: tuple[int, int]) -> None:
    assert grading._edit_span(want, got) == span


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("", "", 0), ("abc", "abc", 0), ("ab", "ba", 1), ("bac", "abc", 1), ("abc", "acb", 1), ("ca", "abc", 3)],
)
def test_edit_distance_counts_a_swap_anywhere_as_one(a: str, b: str, distance: int) -> None:
    assert damerau_levenshtein(a, b) == distance


@pytest.mark.parametrize(
    ("expected", "given", "accepted"),
    [
        ("ketamine 1962", "ketamnie 1962", True),
        ("ketamine 1962", "ketamine 1963", False),  # a number is never a typo
        ("dose 5 mg", "dose 6 mg", False),
        ("ketamine", "ketamines", True),
    ],
)
def test_one_typo_is_forgiven_only_in_words(expected: str, given: str, accepted: bool) -> None:
    assert match_typed(expected, given)[0] is accepted


def test_a_multi_blank_cloze_grade_shows_each_blank_and_whether_it_was_exact() -> None:
    typo = grade_cloze_typed(["NMDA", "glutamate"], "NMDA | glutamat")
    assert typo.correct and not typo.exact and typo.rating == Rating.GOOD
    assert typo.given == "NMDA | glutamat" and typo.expected == "NMDA | glutamate"
    assert typo.diff[:3] == (
        DiffPart("equal", "NMDA"),
        DiffPart("equal", " | "),
        DiffPart("equal", "glutamat"),
    )
    exact = grade_cloze_typed(["NMDA", "glutamate"], ["nmda", "Glutamate"])
    assert exact.correct and exact.exact and exact.rating == Rating.GOOD
    short = grade_cloze_typed(["NMDA", "glutamate"], ["NMDA"])
    assert not short.correct and short.rating == Rating.AGAIN and short.given == "NMDA | "
    assert DiffPart("missing", "glutamate") in short.diff


def test_a_true_false_grade_shows_true_and_false() -> None:
    card = TrueFalseCard(id="t", topic="x", statement="Ketamine is an opioid.", answer=False)
    wrong = grade_truefalse(card, True)
    assert (wrong.correct, wrong.expected, wrong.given, wrong.rating) == (
        False,
        "False",
        "True",
        Rating.AGAIN,
    )
    right = grade_truefalse(card, False)
    assert (right.correct, right.expected, right.given, right.rating) == (True, "False", "False", Rating.GOOD)
    true_card = TrueFalseCard(id="t", topic="x", statement="Ketamine blocks NMDA.", answer=True)
    assert grade_truefalse(true_card, True).expected == "True"
