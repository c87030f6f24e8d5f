"""The kquiz vocabulary: frozen dataclasses and enums shared by every part.

Nothing here imports from the rest of kquiz, does I/O, or reads the clock.
Datetimes are always timezone-aware UTC. Every type round-trips through
``to_dict`` / ``from_dict`` with JSON-compatible values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import Any


class CardType(StrEnum):
    BASIC = "basic"
    REVERSED = "reversed"
    CLOZE = "cloze"
    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    TYPED = "typed"
    OCCLUSION = "occlusion"


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    url: str | None = None
    sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    source_id: str
    section: str


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    correct: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CardBase:
    """Fields every card has. ``line`` is the 1-based line of the card in its file (0 if unknown);
    ``was`` the ids the card had before it was renamed."""

    id: str
    topic: str
    explanation: str = ""
    note: str = ""
    citations: tuple[Citation, ...] = ()
    tags: tuple[str, ...] = ()
    image: str | None = None
    line: int = 0
    was: tuple[str, ...] = ()  # ids the card had before a rename (its progress moves to this id)
    alt: str = ""  # what ``image`` shows: its accessible description, shown when it cannot be drawn
    answer_image: str | None = None  # an image shown with the answer
    answer_alt: str = ""
    group: str = ""  # cards that test the same fact share a group: kept apart, and one buries the others


@dataclass(frozen=True, slots=True, kw_only=True)
class BasicCard(CardBase):
    front: str
    back: str
    type: CardType = field(default=CardType.BASIC, init=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReversedCard(CardBase):
    """Studied both ways is out of scope for v1: shown back-first (the back is the prompt)."""

    front: str
    back: str
    type: CardType = field(default=CardType.REVERSED, init=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClozeCard(CardBase):
    """``text`` holds markers ``{{c1::answer}}`` or ``{{c1::answer::hint}}``; all blanks are one item."""

    text: str
    type: CardType = field(default=CardType.CLOZE, init=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceCard(CardBase):
    prompt: str
    choices: tuple[Choice, ...]
    type: CardType = field(default=CardType.CHOICE, init=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseCard(CardBase):
    statement: str
    answer: bool
    type: CardType = field(default=CardType.TRUEFALSE, init=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class TypedCard(CardBase):
    prompt: str
    answers: tuple[str, ...]
    type: CardType = field(default=CardType.TYPED, init=False)


@dataclass(frozen=True, slots=True)
class Region:
    """A labelled part of an occlusion card's image: a polygon in image-relative coordinates (0..1,
    from the top left; a rectangle is its 4 corners)."""

    name: str
    answer: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OcclusionCard(CardBase):
    """One region of an image asked ("what is hidden here?"); the deck's ``occlusion`` entry becomes
    one card per region, with the id ``<entry id>.<region name>``. ``mode`` is ``hide-one`` (the other
    regions stay visible) or ``hide-all`` (every region is covered, the asked one marked)."""

    asked: str
    mode: str
    regions: tuple[Region, ...]
    type: CardType = field(default=CardType.OCCLUSION, init=False)

    def region(self) -> Region:
        return next(r for r in self.regions if r.name == self.asked)


Card = BasicCard | ReversedCard | ClozeCard | ChoiceCard | TrueFalseCard | TypedCard | OcclusionCard


@dataclass(frozen=True, slots=True)
class Deck:
    """A loaded, validated deck. ``path`` is where it came from; ``content_hash`` the file's sha256."""

    id: str
    title: str
    cards: tuple[Card, ...]
    topics: tuple[Topic, ...] = ()
    sources: tuple[Source, ...] = ()
    description: str = ""
    language: str = "en"
    authors: tuple[str, ...] = ()
    format_version: int = 1
    path: str | None = None
    content_hash: str = ""

    def card(self, card_id: str) -> Card | None:
        for card in self.cards:
            if card.id == card_id:
                return card
        return None

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def cited(self, card: CardBase) -> str:
        """``<title> — <section>`` for each of the card's citations, joined with ``; `` ("" if none)."""
        parts = []
        for citation in card.citations:
            source = self.source(citation.source_id)
            title = source.title if source is not None else citation.source_id
            parts.append(f"{title} — {citation.section}" if citation.section else title)
        return "; ".join(parts)

    def source_line(self, card: CardBase) -> str:
        """The card's citations as shown under it: ``Source: …`` ("" if it cites nothing)."""
        cited = self.cited(card)
        return f"Source: {cited}" if cited else ""

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True, slots=True, order=True)
class CardKey:
    """Progress is stored under (deck id, card id): stable across edits of the card's text."""

    deck_id: str
    card_id: str

    def __str__(self) -> str:
        return f"{self.deck_id}/{self.card_id}"


class Rating(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class CardState(IntEnum):
    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


class StudyMode(StrEnum):
    SCHEDULED = "scheduled"  # changes the schedule
    PRACTICE = "practice"  # logged, never changes the schedule, never counts toward retention
    TEST = "test"  # a scored test's answers (kquiz.quiz): logged, like practice never scheduling


def _dt_to_str(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _dt_from_str(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without timezone: {value!r}")
    return parsed.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class MemoryState:
    """The scheduling state of one card (what FSRS needs, plus counters)."""

    state: CardState = CardState.NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # None for a new card
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": int(self.state),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": _dt_to_str(self.due),
            "last_review": _dt_to_str(self.last_review),
            "reps": self.reps,
            "lapses": self.lapses,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemoryState:
        return cls(
            state=CardState(data["state"]),
            step=data.get("step"),
            stability=data.get("stability"),
            difficulty=data.get("difficulty"),
            due=_dt_from_str(data.get("due")),
            last_review=_dt_from_str(data.get("last_review")),
            reps=int(data.get("reps", 0)),
            lapses=int(data.get("lapses", 0)),
        )


@dataclass(frozen=True, slots=True)
class Progress:
    """Everything stored about one card for one learner."""

    key: CardKey
    memory: MemoryState = MemoryState()
    content_hash: str = ""
    suspended: bool = False
    buried_until: datetime | None = None
    flagged: bool = False
    leech: bool = False
    changed: bool = False  # the card's text changed since it was last studied

    def to_dict(self) -> dict[str, Any]:
        return {
            "deck_id": self.key.deck_id,
            "card_id": self.key.card_id,
            "memory": self.memory.to_dict(),
            "content_hash": self.content_hash,
            "suspended": self.suspended,
            "buried_until": _dt_to_str(self.buried_until),
            "flagged": self.flagged,
            "leech": self.leech,
            "changed": self.changed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Progress:
        return cls(
            key=CardKey(data["deck_id"], data["card_id"]),
            memory=MemoryState.from_dict(data["memory"]),
            content_hash=data.get("content_hash", ""),
            suspended=bool(data.get("suspended", False)),
            buried_until=_dt_from_str(data.get("buried_until")),
            flagged=bool(data.get("flagged", False)),
            leech=bool(data.get("leech", False)),
            changed=bool(data.get("changed", False)),
        )


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One row of the append-only review log. ``id`` is None until stored."""

    key: CardKey
    reviewed_at: datetime
    rating: Rating
    mode: StudyMode
    duration_ms: int
    before: MemoryState
    after: MemoryState
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "deck_id": self.key.deck_id,
            "card_id": self.key.card_id,
            "reviewed_at": _dt_to_str(self.reviewed_at),
            "rating": int(self.rating),
            "mode": str(self.mode),
            "duration_ms": self.duration_ms,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReviewRecord:
        reviewed_at = _dt_from_str(data["reviewed_at"])
        assert reviewed_at is not None
        return cls(
            id=data.get("id"),
            key=CardKey(data["deck_id"], data["card_id"]),
            reviewed_at=reviewed_at,
            rating=Rating(data["rating"]),
            mode=StudyMode(data["mode"]),
            duration_ms=int(data["duration_ms"]),
            before=MemoryState.from_dict(data["before"]),
            after=MemoryState.from_dict(data["after"]),
        )
