"""Turning cards into questions; distractors are never a right answer."""

from __future__ import annotations

import random

import pytest

from kquiz.domain import CardKey, CardType
from kquiz.quiz import QuestionKind, TestSpec, build_test, normalize
from kquiz.quiz.convert import Pools, kind_for, make_question

from .builders import basic, deck, mixed


def questions(seed: int = 1):
    d = mixed()
    return {q.key.card_id: q for q in build_test([(d, d.cards)], TestSpec(count=50, seed=seed)).questions}


def test_each_card_type_becomes_its_question():
    qs = questions()
    assert qs["ch"].kind == QuestionKind.CHOICE and sorted(qs["ch"].options) == ["AMPA", "GABA-A", "NMDA"]
    assert [qs["ch"].options[p] for p in qs["ch"].correct] == ["NMDA"]
    assert qs["ch"].source == "Source: The Book — ch. 2"
    assert qs["tf"].kind == QuestionKind.TRUEFALSE and qs["tf"].answer == "True"
    assert qs["ty"].kind == QuestionKind.TYPED and qs["ty"].accepted == ("N-methyl-D-aspartate",)
    cz = qs["cz"]
    assert cz.kind == QuestionKind.TYPED and cz.blanks == 2 and cz.accepted == ("Esketamine", "S")
    assert "Esketamine" not in cz.prompt and cz.answer == "Esketamine | S"
    assert qs["short"].kind == QuestionKind.TYPED and qs["short"].accepted == ("Norketamine",)
    assert qs["rev"].kind == QuestionKind.TYPED and qs["rev"].prompt == "Brand name of ketamine"
    assert qs["rev"].accepted == ("Ketalar",) and qs["rev"].card_type == CardType.REVERSED
    long1 = qs["long1"]
    assert long1.kind == QuestionKind.CHOICE and long1.card_type == CardType.BASIC
    assert long1.options[long1.correct[0]] == "Because the drug moves out of the brain into fat and muscle"
    assert long1.answer.startswith(f"{chr(65 + long1.correct[0])}. Because")


@pytest.mark.parametrize("seed", range(40))
def test_distractors_are_never_a_right_answer(seed):
    qs = questions(seed)
    for card_id in ("long1", "long2", "long3", "long4", "dup"):
        q = qs[card_id]
        assert q.kind == QuestionKind.CHOICE and len(q.correct) == 1
        right = normalize(q.options[q.correct[0]])
        wrong = [normalize(o) for i, o in enumerate(q.options) if i not in q.correct]
        assert right not in wrong and len(set(wrong)) == len(wrong)
        assert 2 <= len(wrong) <= 3
    # long4 has the same prompt as long1: each other's answer would be right, so never offered
    assert normalize(qs["long4"].answer[3:]) not in map(
        normalize, qs["long1"].options[1:] + qs["long1"].options[:1]
    ) or (qs["long1"].options[qs["long1"].correct[0]] != qs["long4"].answer[3:])
    for o in qs["long1"].options:
        assert o != "The answer to the same question, worded another way here"
    for o in qs["long4"].options:
        assert o != "Because the drug moves out of the brain into fat and muscle"
    # "dup" has long1's answer (up to case and punctuation): not a distractor for long1, nor long1's for it
    assert "because the drug moves out of the brain into fat and muscle!" not in qs["long1"].options


def test_distractors_come_from_the_same_topic_and_type():
    d = deck(
        [
            basic("q", "a", "Why?", "A long enough answer that cannot be typed in a test"),
            basic("x", "a", "Other?", "Another long answer from the same topic of the deck"),
            basic("y", "a", "Third?", "A third long answer from the same topic of this deck"),
            basic("far", "b", "Elsewhere?", "An answer from a different topic that must not appear"),
        ]
    )
    pools = Pools.of([d])
    card = d.cards[0]
    assert kind_for("d", card, frozenset({QuestionKind.CHOICE}), pools) == QuestionKind.CHOICE
    q = make_question(1, d, card, QuestionKind.CHOICE, pools, random.Random(0))
    assert q.key == CardKey("d", "q") and len(q.options) == 3
    assert all("different topic" not in o for o in q.options)
    # with only one other card in its topic the long answer cannot be asked at all
    lonely = d.cards[3]
    assert kind_for("d", lonely, frozenset(QuestionKind), pools) is None
