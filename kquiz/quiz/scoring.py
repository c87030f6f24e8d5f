"""Scoring a submitted test: each question right or wrong, the score overall and per topic.

Typed answers are checked by ``typed_ok(accepted, given)``: the front door passes the study
grading's rules (kquiz.study.grading: accents, case, punctuation, one forgiven typo); the default here
compares normalised text only. A cloze answer holds its blanks in order, separated by ``|``, ``;`` or
a new line; it is right when every blank is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from kquiz.quiz.convert import normalize
from kquiz.quiz.model import (
    Question,
    QuestionKind,
    QuestionResult,
    Response,
    Test,
    TestResult,
    TopicScore,
)

TypedCheck = Callable[[Sequence[str], str], bool]
_BLANK_SEPARATORS = re.compile(r"\s*(?:\n|\||;)\s*")


def plain_check(accepted: Sequence[str], given: str) -> bool:
    want = normalize(given)
    return bool(want) and any(normalize(a) == want for a in accepted)


def split_blanks(text: str, blanks: int) -> list[str]:
    if blanks <= 1:
        return [text.strip()]
    return _BLANK_SEPARATORS.split(text.strip())


def given_text(question: Question, response: Response) -> str:
    """The learner's answer as text ("" when unanswered)."""
    if response is None:
        return ""
    if question.kind == QuestionKind.TRUEFALSE:
        return "True" if response is True else "False" if response is False else ""
    if question.kind == QuestionKind.CHOICE:
        if not isinstance(response, tuple):
            return ""
        return "; ".join(f"{chr(65 + p)}. {question.options[p]}" for p in sorted(response))
    return response.strip() if isinstance(response, str) else ""


def is_correct(question: Question, response: Response, typed_ok: TypedCheck = plain_check) -> bool:
    if response is None:
        return False
    if question.kind == QuestionKind.TRUEFALSE:
        return isinstance(response, bool) and (response == (question.answer == "True"))
    if question.kind == QuestionKind.CHOICE:
        return isinstance(response, tuple) and set(response) == set(question.correct)
    if not isinstance(response, str) or not response.strip():
        return False
    if question.blanks:
        parts = split_blanks(response, question.blanks)
        return len(parts) == question.blanks and all(
            typed_ok([want], got) for want, got in zip(question.accepted, parts)
        )
    return typed_ok(question.accepted, response.strip())


def topic_scores(results: Sequence[QuestionResult]) -> tuple[TopicScore, ...]:
    """Right / asked per topic, in the order topics first appear."""
    tally: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for r in results:
        key = r.question.topic
        titles.setdefault(key, r.question.topic_title)
        acc = tally.setdefault(key, [0, 0])
        acc[0] += int(r.correct)
        acc[1] += 1
    return tuple(TopicScore(t, titles[t], right, total) for t, (right, total) in tally.items())


def score(
    test: Test,
    responses: Mapping[int, Response],
    *,
    typed_ok: TypedCheck = plain_check,
    durations_ms: Mapping[int, int] | None = None,
    submitted_at: datetime | None = None,
) -> TestResult:
    """Score ``responses`` (by question number; a missing one is unanswered, hence wrong)."""
    durations = durations_ms or {}
    results = tuple(
        QuestionResult(
            question=q,
            response=responses.get(q.number),
            correct=is_correct(q, responses.get(q.number), typed_ok),
            given=given_text(q, responses.get(q.number)),
            duration_ms=int(durations.get(q.number, 0)),
        )
        for q in test.questions
    )
    return TestResult(test, results, topic_scores(results), submitted_at)
