"""Rows <-> domain objects. Times are stored as integer microseconds since the epoch (UTC)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, ReviewRecord, StudyMode

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)

MEMORY_COLUMNS = ("state", "step", "stability", "difficulty", "due_us", "last_review_us", "reps", "lapses")
PROGRESS_COLUMNS = (
    "deck_id",
    "card_id",
    *MEMORY_COLUMNS,
    "content_hash",
    "suspended",
    "buried_until_us",
    "flagged",
    "leech",
    "changed",
)
REVIEW_COLUMNS = (
    "id",
    "reviewed_at_us",
    "deck_id",
    "card_id",
    "rating",
    "mode",
    "duration_ms",
    *("b_" + c for c in MEMORY_COLUMNS),
    *("a_" + c for c in MEMORY_COLUMNS),
)


def to_us(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("datetimes stored by kquiz must be timezone-aware")
    return (moment - EPOCH) // _US


def from_us(value: int | None) -> datetime | None:
    return None if value is None else EPOCH + timedelta(0, 0, value)


# Enum lookups by value without Enum.__call__ (a hot path when streaming a long review log).
_STATES = {int(s): s for s in CardState}
_RATINGS = {int(r): r for r in Rating}
_MODES = {str(m): m for m in StudyMode}


def memory_values(m: MemoryState) -> tuple[Any, ...]:
    return (
        int(m.state),
        m.step,
        m.stability,
        m.difficulty,
        to_us(m.due),
        to_us(m.last_review),
        m.reps,
        m.lapses,
    )


def memory_from(row: Sequence[Any], at: int) -> MemoryState:
    state, step, stability, difficulty, due, last, reps, lapses = row[at : at + 8]
    return MemoryState(
        _STATES[state],
        step,
        stability,
        difficulty,
        None if due is None else EPOCH + timedelta(0, 0, due),
        None if last is None else EPOCH + timedelta(0, 0, last),
        reps,
        lapses,
    )


def progress_values(p: Progress) -> tuple[Any, ...]:
    return (
        p.key.deck_id,
        p.key.card_id,
        *memory_values(p.memory),
        p.content_hash,
        int(p.suspended),
        to_us(p.buried_until),
        int(p.flagged),
        int(p.leech),
        int(p.changed),
    )


def progress_from(row: Sequence[Any]) -> Progress:
    return Progress(
        key=CardKey(row[0], row[1]),
        memory=memory_from(row, 2),
        content_hash=row[10],
        suspended=bool(row[11]),
        buried_until=from_us(row[12]),
        flagged=bool(row[13]),
        leech=bool(row[14]),
        changed=bool(row[15]),
    )


def review_values(r: ReviewRecord) -> tuple[Any, ...]:
    """Values for every column but ``id``."""
    return (
        to_us(r.reviewed_at),
        r.key.deck_id,
        r.key.card_id,
        int(r.rating),
        str(r.mode),
        int(r.duration_ms),
        *memory_values(r.before),
        *memory_values(r.after),
    )


def uuid7(time_us: int, rand: int) -> str:
    """A UUIDv7 string: its 48-bit time part is ``time_us`` in milliseconds, its 74 random bits
    ``rand`` (the caller's randomness, e.g. ``rng.getrandbits(74)``); same layout as schema v4's SQL."""
    value = (
        (time_us // 1000 & 0xFFFF_FFFF_FFFF) << 80
        | 0x7 << 76
        | (rand >> 62 & 0xFFF) << 64
        | 0b10 << 62
        | rand & 0x3FFF_FFFF_FFFF_FFFF
    )
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def review_from(row: Sequence[Any], keys: dict[tuple[str, str], CardKey] | None = None) -> ReviewRecord:
    """``keys`` (optional) caches CardKey objects while streaming: one per card, not per review."""
    key: CardKey | None
    if keys is None:
        key = CardKey(row[2], row[3])
    else:
        key = keys.get((row[2], row[3]))
        if key is None:
            key = keys[(row[2], row[3])] = CardKey(row[2], row[3])
    return ReviewRecord(
        key,
        EPOCH + timedelta(0, 0, row[1]),
        _RATINGS[row[4]],
        _MODES[row[5]],
        row[6],
        memory_from(row, 7),
        memory_from(row, 15),
        row[0],
    )
