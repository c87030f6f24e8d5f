"""Scoring: each question right or wrong, overall and per topic; unanswered is wrong."""

from __future__ import annotations

from kquiz.quiz import TestSpec, build_test, score

from .builders import mixed


def test_score_overall_and_per_topic():
    d = mixed()
    test = build_test([(d, d.cards)], TestSpec(count=50, seed=2))
    by_id = {q.key.card_id: q for q in test.questions}
    answers = {
        by_id["ch"].number: tuple(by_id["ch"].correct),  # right
        by_id["tf"].number: False,  # wrong
        by_id["ty"].number: "n methyl d aspartate",  # right: punctuation and case ignored
        by_id["cz"].number: "esketamine | s",  # right: both blanks
        by_id["short"].number: "Ketamine",  # wrong
        by_id["long1"].number: tuple(by_id["long1"].correct),  # right
        by_id["long2"].number: tuple(
            i for i in range(len(by_id["long2"].options)) if i not in by_id["long2"].correct
        )[:1],
    }
    result = score(test, answers)
    right = {r.question.key.card_id for r in result.results if r.correct}
    assert right == {"ch", "ty", "cz", "long1"}
    assert (result.right, result.total) == (4, len(d.cards))
    topics = {t.topic: (t.right, t.total) for t in result.topics}
    assert topics == {"a": (2, 4), "b": (2, 7)}
    assert {k.card_id for k in result.missed} == {q.key.card_id for q in test.questions} - right
    by_result = {r.question.key.card_id: r for r in result.results}
    assert by_result["tf"].given == "False" and by_result["rev"].given == ""
    assert by_result["ch"].given == f"{chr(65 + by_id['ch'].correct[0])}. NMDA"


def test_cloze_needs_every_blank_and_choice_exactly_the_right_set():
    d = mixed()
    test = build_test([(d, d.cards)], TestSpec(count=50, seed=2))
    cz = next(q for q in test.questions if q.key.card_id == "cz")
    ch = next(q for q in test.questions if q.key.card_id == "ch")
    assert not score(test, {cz.number: "Esketamine"}).results[cz.number - 1].correct
    assert score(test, {cz.number: "Esketamine; S"}).results[cz.number - 1].correct
    every = tuple(range(len(ch.options)))
    assert not score(test, {ch.number: every}).results[ch.number - 1].correct
    assert not score(test, {ch.number: ""}).results[ch.number - 1].correct  # wrong type of response


def test_a_custom_typed_check_is_used():
    d = mixed()
    test = build_test([(d, d.cards)], TestSpec(count=50, seed=2))
    ty = next(q for q in test.questions if q.key.card_id == "ty")
    assert (
        score(test, {ty.number: "anything"}, typed_ok=lambda accepted, given: True)
        .results[ty.number - 1]
        .correct
    )
