"""The seeded draw: proportional to topic size, deterministic, and never more than there is."""

from __future__ import annotations

from collections import Counter

import pytest

from kquiz.quiz import ALL_KINDS, QuestionKind, TestSpec, allocate, build_test

from .builders import mixed, sized


@pytest.mark.parametrize(
    ("sizes", "count", "expected"),
    [
        ([30, 10], 20, [15, 5]),
        ([10, 10, 10], 10, [4, 3, 3]),  # the remainder goes to the earlier topic on a tie
        ([1, 99], 10, [0, 10]),
        ([5, 3], 20, [5, 3]),  # asked for more than there is: everything
        ([3, 3], 0, [0, 0]),
        ([2, 50], 30, [1, 29]),
    ],
)
def test_allocate_is_proportional_and_exact(sizes, count, expected):
    shares = allocate(sizes, count)
    assert shares == expected
    assert sum(shares) == min(count, sum(sizes))
    assert all(0 <= share <= n for n, share in zip(sizes, shares, strict=True))


def test_draw_spreads_across_topics_in_proportion():
    d = sized({"a": 60, "b": 30, "c": 10})
    test = build_test([(d, d.cards)], TestSpec(count=20, seed=7))
    per_topic = Counter(q.topic for q in test.questions)
    assert per_topic == {"a": 12, "b": 6, "c": 2}
    assert [q.number for q in test.questions] == list(range(1, 21))
    assert len({q.key for q in test.questions}) == 20  # no card twice
    assert test.available == 100


def test_same_seed_same_test_other_seed_other_test():
    d = sized({"a": 40, "b": 40})
    first = build_test([(d, d.cards)], TestSpec(count=10, seed=3))
    again = build_test([(d, d.cards)], TestSpec(count=10, seed=3))
    other = build_test([(d, d.cards)], TestSpec(count=10, seed=4))
    assert first == again
    assert [q.key for q in first.questions] != [q.key for q in other.questions]


def test_same_seed_same_options_order_and_distractors():
    d = mixed()
    tests = [build_test([(d, d.cards)], TestSpec(count=50, seed=11)) for _ in range(2)]
    assert tests[0].questions == tests[1].questions
    assert len(tests[0].questions) == len(d.cards)  # every card of this deck can be asked


def test_kinds_filter_what_is_drawn():
    d = mixed()
    only_tf = build_test([(d, d.cards)], TestSpec(count=50, kinds=frozenset({QuestionKind.TRUEFALSE})))
    assert [q.key.card_id for q in only_tf.questions] == ["tf"]
    typed = build_test([(d, d.cards)], TestSpec(count=50, kinds=frozenset({QuestionKind.TYPED})))
    # typed and cloze cards, and the short basic/reversed answers; long answers cannot be typed
    assert {q.key.card_id for q in typed.questions} == {"ty", "cz", "short", "rev"}
    assert frozenset(QuestionKind) == ALL_KINDS
