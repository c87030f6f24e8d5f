"""Tests made from cards: the seeded draw, the rules that turn a card into a question, scoring, test
scores from the review log, and a printable worksheet model. Pure core: no Qt, no storage."""

from __future__ import annotations

from kquiz.quiz.convert import normalize
from kquiz.quiz.draw import allocate, build_test
from kquiz.quiz.history import scores_over_time
from kquiz.quiz.model import (
    ALL_KINDS,
    DEFAULT_QUESTIONS,
    Question,
    QuestionKind,
    QuestionResult,
    Response,
    Test,
    TestResult,
    TestScorePoint,
    TestSpec,
    TopicScore,
)
from kquiz.quiz.scoring import TypedCheck, score
from kquiz.quiz.worksheet import AnswersMode, Worksheet, make_worksheet, to_html

__all__ = [
    "ALL_KINDS",
    "DEFAULT_QUESTIONS",
    "AnswersMode",
    "Question",
    "QuestionKind",
    "QuestionResult",
    "Response",
    "Test",
    "TestResult",
    "TestScorePoint",
    "TestSpec",
    "TopicScore",
    "TypedCheck",
    "Worksheet",
    "allocate",
    "build_test",
    "make_worksheet",
    "normalize",
    "score",
    "scores_over_time",
    "to_html",
]
