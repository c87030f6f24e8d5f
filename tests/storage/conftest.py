"""Helpers for store tests: a fixed clock, and sample progress / reviews with exact datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.storage import ProgressStore

T0 = datetime(2026, 3, 2, 12, 0, 0, 123456, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "progress.sqlite3"


@pytest.fixture
def store(db_path: Path, clock: FixedClock):
    with ProgressStore.open(db_path, clock=clock) as opened:
        yield opened


def learning(at: datetime, reps: int = 1, lapses: int = 0) -> MemoryState:
    return MemoryState(
        state=CardState.LEARNING,
        step=1,
        stability=2.3065,
        difficulty=2.118103970459015,
        due=at + timedelta(minutes=10),
        last_review=at,
        reps=reps,
        lapses=lapses,
    )


def review_of(
    key: CardKey,
    at: datetime,
    *,
    rating: Rating = Rating.GOOD,
    mode: StudyMode = StudyMode.SCHEDULED,
    before: MemoryState | None = None,
) -> ReviewRecord:
    before = before or MemoryState()
    return ReviewRecord(
        key=key,
        reviewed_at=at,
        rating=rating,
        mode=mode,
        duration_ms=4321,
        before=before,
        after=learning(at, reps=before.reps + 1),
    )


def progress_after(record: ReviewRecord, **extra) -> Progress:
    return Progress(key=record.key, memory=record.after, content_hash="h-" + record.key.card_id, **extra)
