"""Plain data the study session hands to its fronts (UI, CLI): no behaviour beyond formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from kquiz.domain import Card, CardKey, CardType


@dataclass(frozen=True, slots=True)
class Selection:
    """What to study. No deck ids means every loaded deck.

    ``topic`` is a topic id (matched in every selected deck), ``tag`` a card tag; ``leeches`` keeps only
    cards marked leech (they are suspended, so this is for practice mode); ``failed_today`` keeps only
    cards answered Again today; ``flagged`` only flagged cards; ``changed`` only cards whose text
    changed since they were last answered; ``keys`` (when given) only these cards (the browser's
    selection).
    """

    deck_ids: tuple[str, ...] = ()
    topic: str | None = None
    tag: str | None = None
    leeches: bool = False
    failed_today: bool = False
    flagged: bool = False
    changed: bool = False
    keys: tuple[CardKey, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "deck_ids": list(self.deck_ids),
            "topic": self.topic,
            "tag": self.tag,
            "leeches": self.leeches,
            "failed_today": self.failed_today,
            "flagged": self.flagged,
            "changed": self.changed,
            "keys": [[k.deck_id, k.card_id] for k in self.keys],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        return cls(
            deck_ids=tuple(data.get("deck_ids") or ()),
            topic=data.get("topic"),
            tag=data.get("tag"),
            leeches=bool(data.get("leeches", False)),
            failed_today=bool(data.get("failed_today", False)),
            flagged=bool(data.get("flagged", False)),
            changed=bool(data.get("changed", False)),
            keys=tuple(CardKey(str(d), str(c)) for d, c in data.get("keys") or ()),
        )


@dataclass(frozen=True, slots=True)
class Counts:
    new: int = 0
    learning: int = 0
    review: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.new + other.new, self.learning + other.learning, self.review + other.review)

    def to_dict(self) -> dict[str, int]:
        return {"new": self.new, "learning": self.learning, "review": self.review}


class Phase(StrEnum):
    QUESTION = "question"
    ANSWER = "answer"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class ShownCard:
    """A card as shown for one review. ``choices`` are in this review's shuffled order."""

    key: CardKey
    card: Card
    deck_title: str
    topic_title: str
    kind: CardType
    prompt: str
    choices: tuple[str, ...]
    answer: str
    explanation: str
    note: str
    source_line: str
    image_path: Path | None
    deck_path: str | None
    line: int
    is_new: bool
    flagged: bool
    changed: bool = False  # the card's text changed since it was last studied (UI may offer a reset)
    leech: bool = False
    blanks: int = 0  # answers to type: 1 for a typed card, one per blank for a cloze, else 0
    answer_marks: tuple[tuple[int, int], ...] = ()  # a cloze: the filled-in blanks' [start, end) in answer
    alt: str = ""  # what the image shows (its accessible description; shown if it cannot be drawn)
    answer_image_path: Path | None = None  # an image shown with the answer
    answer_alt: str = ""


@dataclass(frozen=True, slots=True)
class SessionSummary:
    studied: int
    correct: int
    accuracy: float  # 0..1 (0 when nothing was studied)
    elapsed: timedelta
    due_tomorrow: int  # studied cards that fall due during the next study day (not later today)
    cards: int = 0  # distinct cards answered (``studied`` counts answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "studied": self.studied,
            "correct": self.correct,
            "accuracy": self.accuracy,
            "elapsed_seconds": self.elapsed.total_seconds(),
            "due_tomorrow": self.due_tomorrow,
            "cards": self.cards,
        }


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the learner should be told (``kind``: "leech" or "removed")."""

    kind: str
    message: str
    key: CardKey | None = None

    def __str__(self) -> str:
        return self.message
