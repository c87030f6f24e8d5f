"""Scripted histories for the stats tests: records and progress built by hand, time fixed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, ReviewRecord, StudyMode

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # study day 2026-03-02 (UTC, rollover 04:00)
DAY = timedelta(days=1)


def key(card: str, deck: str = "ket") -> CardKey:
    return CardKey(deck, card)


def memory(
    state: CardState,
    *,
    interval: float = 10,
    at: datetime = NOW,
    stability: float | None = None,
    lapses: int = 0,
    reps: int = 3,
) -> MemoryState:
    """A memory state last reviewed ``interval`` days before ``at`` and due at ``at``."""
    if state == CardState.NEW:
        return MemoryState()
    last = at - timedelta(days=interval)
    return MemoryState(
        state=state,
        step=None if state == CardState.REVIEW else 0,
        stability=stability if stability is not None else max(interval, 0.5),
        difficulty=5.0,
        due=at,
        last_review=last,
        reps=reps,
        lapses=lapses,
    )


def review(
    k: CardKey,
    at: datetime,
    rating: Rating,
    *,
    state: CardState = CardState.REVIEW,
    interval: float = 10,
    mode: StudyMode = StudyMode.SCHEDULED,
    ms: int = 6000,
) -> ReviewRecord:
    before = memory(state, interval=interval, at=at)
    after = memory(CardState.REVIEW, interval=0, at=at + timedelta(days=interval * 2))
    return ReviewRecord(
        key=k, reviewed_at=at, rating=rating, mode=mode, duration_ms=ms, before=before, after=after
    )


def progress(
    k: CardKey,
    state: CardState,
    *,
    interval: float = 10,
    due: datetime | None = None,
    suspended: bool = False,
    lapses: int = 0,
    buried_until: datetime | None = None,
    stability: float | None = None,
) -> Progress:
    due = due if due is not None else NOW + DAY
    m = memory(state, interval=interval, at=due, stability=stability, lapses=lapses)
    return Progress(key=k, memory=m, suspended=suspended, buried_until=buried_until)


def fake_recall(m: MemoryState, now: datetime) -> float:
    """A transparent stand-in for FSRS in the pure tests: 1 - elapsed/(10 * stability), clamped."""
    assert m.last_review is not None and m.stability is not None
    elapsed = (now - m.last_review).total_seconds() / 86400
    return max(0.0, min(1.0, 1 - elapsed / (10 * m.stability)))
