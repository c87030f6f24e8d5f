"""Card rows: one flat, immutable row per card (its deck file text joined with its stored progress),
the table's columns, and sorting. Plain data: the browser table, the CLI and the query all read it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import Any

from kquiz.decks import render_cloze
from kquiz.domain import (
    BasicCard,
    Card,
    CardKey,
    CardState,
    ChoiceCard,
    ClozeCard,
    Deck,
    MemoryState,
    OcclusionCard,
    Progress,
    ReversedCard,
    TrueFalseCard,
    TypedCard,
)

Retrievability = Callable[[MemoryState, datetime], float]
STATE_NAMES = {
    CardState.NEW: "new",
    CardState.LEARNING: "learning",
    CardState.REVIEW: "review",
    CardState.RELEARNING: "relearning",
}
SHORT = 90
DAY = 86400.0


@dataclass(frozen=True, slots=True)
class CardRow:
    """Compact: what the deck file says is read from ``card`` (the library's own object) when asked,
    and the key's strings are the library's, so 100,000 rows cost little over the library itself."""

    key: CardKey
    card: Card  # the library's card: type, topic, line and the question are read from it
    deck_title: str
    topic_title: str
    text: str  # lower-cased question, answer, choices, explanation and note: what free words search
    tags: tuple[str, ...]  # lower-cased
    state: str  # new / learning / review / relearning
    due: datetime | None
    due_days: int | None  # study days from today (0 = today, negative = overdue)
    interval_days: float | None
    stability_days: float | None
    difficulty: float | None
    recall: float | None  # probability of recall now, 0..1
    reviews: int
    lapses: int
    suspended: bool
    buried: bool
    flagged: bool
    leech: bool
    changed: bool
    last_answered: datetime | None

    @property
    def deck_id(self) -> str:
        return self.key.deck_id

    @property
    def card_id(self) -> str:
        return self.key.card_id

    @property
    def type(self) -> str:
        return self.card.type.value

    @property
    def topic(self) -> str:
        return self.card.topic

    @property
    def line(self) -> int:
        return self.card.line

    @property
    def question(self) -> str:
        """One line, shortened (drawn only for the rows on screen: not kept)."""
        return _short(question_and_answer(self.card)[0])

    @property
    def marks(self) -> str:
        if not (self.suspended or self.buried or self.flagged or self.leech or self.changed):
            return ""  # most cards: quick, a sort by marks reads every row's
        names = ("suspended", "buried", "flagged", "leech", "changed")
        return ", ".join(n for n in names if getattr(self, n))


def question_and_answer(card: Card) -> tuple[str, str]:
    """The card's question and answer as plain text (cloze blanks hidden in the question)."""
    if isinstance(card, BasicCard):
        return card.front, card.back
    if isinstance(card, ReversedCard):
        return card.back, card.front
    if isinstance(card, ClozeCard):
        return render_cloze(card.text, reveal=False), render_cloze(card.text, reveal=True)
    if isinstance(card, ChoiceCard):
        return card.prompt, "\n".join(c.text for c in card.choices)
    if isinstance(card, TrueFalseCard):
        return card.statement, "True" if card.answer else "False"
    if isinstance(card, TypedCard):
        return card.prompt, "\n".join(card.answers)
    if isinstance(card, OcclusionCard):
        return f"{card.alt} — what is hidden in region '{card.asked}'?", card.region().answer
    raise TypeError(f"unknown card type: {type(card).__name__}")


def _short(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SHORT else line[: SHORT - 1] + "…"


def card_row(
    deck: Deck,
    card: Card,
    progress: Progress | None,
    *,
    now: datetime,
    day_start: datetime,
    retrievability: Retrievability,
    topics: Mapping[str, str],
) -> CardRow:
    question, answer = question_and_answer(card)
    p = progress or Progress(CardKey(deck.id, card.id))
    m = p.memory
    new = m.state == CardState.NEW
    interval = None
    if not new and m.due is not None and m.last_review is not None:
        interval = (m.due - m.last_review).total_seconds() / DAY
    due_days = None if new or m.due is None else int((m.due - day_start).total_seconds() // DAY)
    tags = card.tags if all(t == t.lower() for t in card.tags) else tuple(t.lower() for t in card.tags)
    return CardRow(
        key=CardKey(deck.id, card.id),  # the library's strings, not the store's copies
        card=card,
        deck_title=deck.title,
        topic_title=topics.get(card.topic, card.topic),
        text="\n".join((question, answer, card.explanation, card.note)).lower(),
        tags=tags,
        state=STATE_NAMES[m.state],
        due=None if new else m.due,
        due_days=due_days,
        interval_days=interval,
        stability_days=None if new else m.stability,
        difficulty=None if new else m.difficulty,
        recall=None if new or m.stability is None else retrievability(m, now),
        reviews=m.reps,
        lapses=m.lapses,
        suspended=p.suspended,
        buried=p.buried_until is not None and p.buried_until > now,
        flagged=p.flagged,
        leech=p.leech,
        changed=p.changed,
        last_answered=m.last_review,
    )


def build_rows(
    decks: Iterable[Deck],
    progress: Mapping[CardKey, Progress],
    *,
    now: datetime,
    day_start: datetime,
    retrievability: Retrievability,
    topic: str | None = None,
) -> list[CardRow]:
    """A row per card of ``decks`` (only ``topic``'s cards when given), in deck file order."""
    rows = []
    for deck in decks:
        topics = {t.id: t.title for t in deck.topics}
        for card in deck.cards:
            if topic is None or card.topic == topic:
                key = CardKey(deck.id, card.id)
                rows.append(
                    card_row(
                        deck,
                        card,
                        progress.get(key),
                        now=now,
                        day_start=day_start,
                        retrievability=retrievability,
                        topics=topics,
                    )
                )
    return rows


# ---- columns ------------------------------------------------------------------------------------
def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "" if value is None else fmt.format(value)


def _days(value: float | None) -> str:
    if value is None:
        return ""
    if value < 1 / 24:
        return f"{max(1, round(value * 1440))}m"
    if value < 1:
        return f"{round(value * 24)}h"
    if value < 100:
        return f"{value:.0f}d"
    return f"{value / 30.44:.0f}mo" if value < 730 else f"{value / 365.25:.1f}y"


def _due(row: CardRow) -> str:
    if row.due_days is None:
        return ""
    if row.due_days == 0:
        return "today"
    return f"in {row.due_days}d" if row.due_days > 0 else f"{-row.due_days}d ago"


def _when(value: datetime | None) -> str:
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # for --sort and settings
    title: str
    value: Callable[[CardRow], Any]  # sort key (None sorts last)
    text: Callable[[CardRow], str]
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("deck", "Deck", lambda r: r.deck_title.lower(), lambda r: r.deck_title),
    Column("topic", "Topic", lambda r: r.topic_title.lower(), lambda r: r.topic_title),
    Column("type", "Type", lambda r: r.type, lambda r: r.type),
    # the question's sort key: the lower-cased text, which starts with the question (then the answer)
    Column("question", "Question", attrgetter("text"), lambda r: r.question),
    Column("state", "State", attrgetter("state"), lambda r: r.state),
    Column("due", "Due", attrgetter("due"), _due),
    Column("interval", "Interval", attrgetter("interval_days"), lambda r: _days(r.interval_days), True),
    Column("stability", "Stability", attrgetter("stability_days"), lambda r: _days(r.stability_days), True),
    Column("difficulty", "Difficulty", attrgetter("difficulty"), lambda r: _num(r.difficulty), True),
    Column(
        "recall",
        "Recall",
        attrgetter("recall"),
        lambda r: "" if r.recall is None else f"{100 * r.recall:.0f}%",
        True,
    ),
    Column("reviews", "Reviews", attrgetter("reviews"), lambda r: str(r.reviews), True),
    Column("lapses", "Lapses", attrgetter("lapses"), lambda r: str(r.lapses), True),
    Column("marks", "Marks", lambda r: r.marks, lambda r: r.marks),
    Column("answered", "Last answered", attrgetter("last_answered"), lambda r: _when(r.last_answered)),
)
COLUMN_NAMES = tuple(c.name for c in COLUMNS)


def column(name: str) -> Column:
    for col in COLUMNS:
        if col.name == name:
            return col
    raise ValueError(f"unknown column '{name}'; columns: {', '.join(COLUMN_NAMES)}")


def sort_order(rows: Sequence[CardRow], name: str, *, descending: bool = False) -> list[int]:
    """The positions of ``rows`` in a column's order (stable; cards without a value, e.g. a new card's
    due, always last). Each row's sort key is read once."""
    values = list(map(column(name).value, rows))
    order = [i for i, v in enumerate(values) if v is not None]
    order.sort(key=values.__getitem__, reverse=descending)
    if len(order) < len(values):
        order += [i for i, v in enumerate(values) if v is None]
    return order


def sort_rows(rows: Sequence[CardRow], name: str, *, descending: bool = False) -> list[CardRow]:
    """Rows sorted by a column (stable; cards without a value, e.g. a new card's due, always last)."""
    return [rows[i] for i in sort_order(rows, name, descending=descending)]


def row_dict(row: CardRow) -> dict[str, Any]:
    """A row as JSON-ready values (for ``kquiz cards --json``)."""

    def iso(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    return {
        "deck_id": row.deck_id,
        "card_id": row.card_id,
        "deck": row.deck_title,
        "topic": row.topic,
        "type": row.type,
        "question": row.question,
        "state": row.state,
        "due": iso(row.due),
        "due_days": row.due_days,
        "interval_days": row.interval_days,
        "stability_days": row.stability_days,
        "difficulty": row.difficulty,
        "recall": row.recall,
        "reviews": row.reviews,
        "lapses": row.lapses,
        "marks": [m for m in row.marks.split(", ") if m],
        "last_answered": iso(row.last_answered),
        "tags": list(row.tags),
        "line": row.line,
    }


__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "CardRow",
    "Column",
    "build_rows",
    "column",
    "row_dict",
    "sort_order",
    "sort_rows",
]
