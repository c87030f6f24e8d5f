"""Plain data of a test: questions made from cards, the learner's responses, scores. No behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kquiz.domain import CardKey, CardType

DEFAULT_QUESTIONS = 20


class QuestionKind(StrEnum):
    CHOICE = "choice"  # pick one (or several) lettered options
    TRUEFALSE = "truefalse"
    TYPED = "typed"  # type the answer (a cloze: one answer per blank)


ALL_KINDS: frozenset[QuestionKind] = frozenset(QuestionKind)

# What a learner gave: option positions (choice), True/False, the typed text (cloze blanks separated
# by " | "), or None when the question was left unanswered.
Response = tuple[int, ...] | bool | str | None


@dataclass(frozen=True, slots=True)
class Question:
    number: int  # 1-based, as printed
    key: CardKey
    card_type: CardType
    kind: QuestionKind
    topic: str  # topic id
    topic_title: str
    prompt: str
    options: tuple[str, ...] = ()  # choice: in the order shown (A, B, C, …)
    correct: tuple[int, ...] = ()  # choice: positions of the right options
    accepted: tuple[str, ...] = ()  # typed: any of these; cloze: each blank, in order
    blanks: int = 0  # cloze: how many blanks (0 for other questions)
    answer: str = ""  # the right answer as text (the key)
    explanation: str = ""
    source: str = ""  # "Source: <title> — <section>; …" or ""

    @property
    def multiple(self) -> bool:
        """A choice question with more than one right option ("pick all that apply")."""
        return len(self.correct) > 1


@dataclass(frozen=True, slots=True)
class TestSpec:
    """What to draw: how many questions, which kinds, which seed (the same seed, the same test)."""

    __test__ = False  # not a pytest test class

    count: int = DEFAULT_QUESTIONS
    kinds: frozenset[QuestionKind] = ALL_KINDS
    seed: int = 0
    title: str = "Test"


@dataclass(frozen=True, slots=True)
class Test:
    __test__ = False  # not a pytest test class

    title: str
    seed: int
    questions: tuple[Question, ...]
    available: int = 0  # cards in scope that could be asked (questions may be fewer than asked for)


@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    response: Response
    correct: bool
    given: str  # the learner's answer as text ("" when unanswered)
    duration_ms: int = 0


@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    title: str
    right: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class TestResult:
    __test__ = False  # not a pytest test class

    test: Test
    results: tuple[QuestionResult, ...]
    topics: tuple[TopicScore, ...] = ()
    submitted_at: datetime | None = None

    @property
    def right(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0

    @property
    def missed(self) -> tuple[CardKey, ...]:
        return tuple(r.question.key for r in self.results if not r.correct)


@dataclass(frozen=True, slots=True)
class TestScorePoint:
    """One submitted test, as the review log keeps it (its answers share one submission time)."""

    __test__ = False  # not a pytest test class

    at: datetime
    right: int
    total: int
    deck_ids: tuple[str, ...] = ()
    topics: tuple[TopicScore, ...] = field(default=())

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0
