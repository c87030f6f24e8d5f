"""The statistics as plain frozen data. Every part converts to JSON-ready values with ``to_dict``.

Vocabulary used throughout:

* study day — the local day that rolls over at the rollover hour (default 04:00), as in scheduling.
* review answer — a *scheduled* answer given while the card was in the Review state (before the
  answer). Learning and relearning steps are not review answers.
* true retention — passed / total review answers, where passed means any rating but Again.
* young / mature — a card (or a review answer) whose scheduled interval is < 21 days / ≥ 21 days.
* practice answers — answers given in practice mode: counted on their own, never in retention,
  answer buttons or the forecast; they do count as studying for the calendar and the streak.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar

from kquiz.domain import CardKey

MATURE_DAYS = 21


def jsonable(value: Any) -> Any:
    """Dataclasses, dates, enums, keys and tuples -> dicts, ISO strings, values and lists."""
    if isinstance(value, CardKey):
        return {"deck_id": value.deck_id, "card_id": value.card_id}
    if is_dataclass(value) and not isinstance(value, type):
        out = {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
        for name in getattr(type(value), "DERIVED", ()):  # computed properties, for readers of the JSON
            out[name] = jsonable(getattr(value, name))
        return out
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


class _ToDict:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return jsonable(self)


@dataclass(frozen=True, slots=True)
class Scope(_ToDict):
    """What the report covers: every deck, one deck, and/or one topic (topic ids may span decks)."""

    deck_id: str | None = None
    topic: str | None = None
    label: str = "All decks"


@dataclass(frozen=True, slots=True)
class ForecastDay(_ToDict):
    day: date
    learning: int
    review: int


@dataclass(frozen=True, slots=True)
class Forecast(_ToDict):
    """Cards falling due on each of the next ``len(days)`` study days; day 0 (today) includes the
    ``overdue`` ones. Suspended and new cards are not due; a buried card is due when it comes back."""

    DERIVED: ClassVar[tuple[str, ...]] = ("total",)
    days: tuple[ForecastDay, ...]
    overdue: int
    later: int  # due after the last day shown

    @property
    def total(self) -> int:
        return sum(d.learning + d.review for d in self.days)


@dataclass(frozen=True, slots=True)
class Calendar(_ToDict):
    """Answers per study day from ``start`` to ``end`` (inclusive, one entry per day).

    A streak counts consecutive study days with at least one answer (practice included); the
    current streak still stands while today has no answer yet (it ends yesterday then)."""

    start: date
    end: date
    reviews: tuple[int, ...]
    practice: tuple[int, ...]
    current_streak: int
    longest_streak: int
    days_studied: int

    def total(self, day: date) -> int:
        i = (day - self.start).days
        return self.reviews[i] + self.practice[i] if 0 <= i < len(self.reviews) else 0


@dataclass(frozen=True, slots=True)
class RetentionWindow(_ToDict):
    DERIVED: ClassVar[tuple[str, ...]] = ("rate",)

    label: str
    first_day: date
    last_day: date
    passed: int
    total: int
    young_passed: int
    young_total: int
    mature_passed: int
    mature_total: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Retention(_ToDict):
    desired: float
    windows: tuple[RetentionWindow, ...]  # today, yesterday, 7 days, 30 days, 365 days

    def window(self, label: str) -> RetentionWindow:
        return next(w for w in self.windows if w.label == label)


@dataclass(frozen=True, slots=True)
class PracticeWindow(_ToDict):
    label: str
    answers: int
    correct: int  # any rating but Again


@dataclass(frozen=True, slots=True)
class TopicMastery(_ToDict):
    """Cards of one topic by state now; ``mean_recall`` is the mean predicted recall (FSRS
    retrievability) of its studied, unsuspended cards, None when there are none."""

    DERIVED: ClassVar[tuple[str, ...]] = ("total",)
    topic: str
    title: str
    new: int
    learning: int
    young: int
    mature: int
    suspended: int
    mean_recall: float | None

    @property
    def total(self) -> int:
        return self.new + self.learning + self.young + self.mature + self.suspended


@dataclass(frozen=True, slots=True)
class HistogramBin(_ToDict):
    label: str
    low: float
    high: float | None  # None: no upper bound
    count: int


@dataclass(frozen=True, slots=True)
class Histogram(_ToDict):
    """Values in days, binned ``low <= x < high``."""

    name: str
    bins: tuple[HistogramBin, ...]
    count: int
    mean: float | None
    median: float | None


@dataclass(frozen=True, slots=True)
class ButtonCounts(_ToDict):
    """Scheduled answers in the period by rating, for cards that were learning (new, learning or
    relearning), young or mature before the answer."""

    DERIVED: ClassVar[tuple[str, ...]] = ("total", "correct_rate")
    kind: str
    again: int
    hard: int
    good: int
    easy: int

    @property
    def total(self) -> int:
        return self.again + self.hard + self.good + self.easy

    @property
    def correct_rate(self) -> float | None:
        return (self.total - self.again) / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class StudyTime(_ToDict):
    """Time spent answering per study day over the period (seconds), scheduled and practice."""

    DERIVED: ClassVar[tuple[str, ...]] = ("total_seconds", "days_studied")
    start: date
    seconds: tuple[float, ...]
    practice_seconds: tuple[float, ...]
    answers: tuple[int, ...]

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds) + sum(self.practice_seconds)

    @property
    def days_studied(self) -> int:
        return sum(1 for n in self.answers if n)


@dataclass(frozen=True, slots=True)
class HardCard(_ToDict):
    key: CardKey
    topic: str
    lapses: int
    reps: int
    retrievability: float
    stability: float | None
    difficulty: float | None
    suspended: bool
    leech: bool


@dataclass(frozen=True, slots=True)
class StatsReport(_ToDict):
    generated_at: datetime
    today: date
    scope: Scope
    period_days: int
    desired_retention: float
    cards: int  # cards in scope (in the loaded decks)
    studied: int  # of which studied at least once
    total_reviews: int  # scheduled answers ever, in scope
    total_practice: int  # practice answers ever, in scope
    forecast: Forecast
    calendar: Calendar
    retention: Retention
    practice: tuple[PracticeWindow, ...]
    mastery: tuple[TopicMastery, ...]
    intervals: Histogram
    stability: Histogram
    buttons: tuple[ButtonCounts, ...]  # learning, young, mature
    study_time: StudyTime
    hardest_by_lapses: tuple[HardCard, ...]
    hardest_by_recall: tuple[HardCard, ...]
