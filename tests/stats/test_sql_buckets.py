"""The SQLite aggregation equals the Python one, on a real store, in zones with DST and half hours."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kquiz.clock import FixedClock
from kquiz.domain import CardState, Rating, StudyMode
from kquiz.scheduling import study_day
from kquiz.stats.buckets import buckets_from_records, day_from_segments, day_segments, to_us
from kquiz.storage import ProgressStore
from kquiz.storage.stats_queries import open_reader, progress_map, review_buckets, review_span

from .helpers import NOW, key, progress, review

ZONES = [
    UTC,
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Kolkata"),
    ZoneInfo("Australia/Lord_Howe"),
]  # Lord Howe: DST shifts of half an hour


def scripted(n: int, seed: int = 7):
    rng = random.Random(seed)
    start = NOW - timedelta(days=420)
    rows = []
    for _ in range(n):
        at = start + timedelta(seconds=rng.randrange(420 * 86400))
        rows.append(
            review(
                key(f"c{rng.randrange(30)}", deck=rng.choice(["d1", "d2"])),
                at,
                Rating(rng.randint(1, 4)),
                state=rng.choice(list(CardState)),
                interval=rng.choice([1, 5, 20.9, 21, 60]),
                mode=rng.choice([StudyMode.SCHEDULED] * 4 + [StudyMode.PRACTICE]),
                ms=rng.randrange(30000),
            )
        )
    # answers exactly on rollover boundaries and around the 2025/2026 DST changes in Europe and the US
    for moment in [
        "2025-03-30T02:00:00+00:00",
        "2025-10-26T02:00:00+00:00",
        "2025-10-26T01:59:59+00:00",
        "2025-03-09T08:00:00+00:00",
        "2025-11-02T08:00:00+00:00",
        "2026-03-02T03:00:00+00:00",
    ]:
        rows.append(review(key("edge", "d1"), datetime.fromisoformat(moment), Rating.GOOD))
    return rows


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stats") / "progress.sqlite3"
    with ProgressStore.open(path, clock=FixedClock(NOW)) as store:
        for r in scripted(3000):
            store.record_review(r, None)
        store.save_progress(progress(key("c1", "d1"), CardState.REVIEW))
        store.save_progress(progress(key("c2", "d2"), CardState.LEARNING, suspended=True))
    return path


@pytest.mark.parametrize("tz", ZONES, ids=str)
def test_sql_buckets_equal_python_buckets(store_path: Path, tz):
    rows = scripted(3000)
    conn = open_reader(store_path)
    try:
        first, last = review_span(conn)
        assert (first, last) == (
            min(to_us(r.reviewed_at) for r in rows),
            max(to_us(r.reviewed_at) for r in rows),
        )
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        segments = day_segments(epoch + timedelta(microseconds=first), NOW, tz, 4)
        assert review_buckets(conn, segments) == buckets_from_records(rows, tz, 4)
        d1 = [r for r in rows if r.key.deck_id == "d1"]
        assert review_buckets(conn, segments, deck_ids=["d1"]) == buckets_from_records(d1, tz, 4)
        keys = {key("c3", "d2"), key("edge", "d1")}
        some = [r for r in rows if r.key in keys]
        assert review_buckets(conn, segments, keys=keys) == buckets_from_records(some, tz, 4)
        assert review_buckets(conn, segments, deck_ids=[]) == []
    finally:
        conn.close()


def test_progress_map_matches_store(store_path: Path):
    conn = open_reader(store_path)
    try:
        with ProgressStore.open(store_path, clock=FixedClock(NOW)) as store:
            assert progress_map(conn) == store.all_progress()
            assert progress_map(conn, ["d2"]) == store.all_progress(["d2"])
    finally:
        conn.close()


def test_reader_is_read_only(store_path: Path):
    import sqlite3

    conn = open_reader(store_path)
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("DELETE FROM review_log")
    conn.close()


@settings(max_examples=300, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    rollover=st.integers(0, 23),
    offset=st.integers(0, 2 * 366 * 86400),
)
def test_segments_agree_with_study_day(zone, rollover, offset):
    first = datetime(2024, 9, 1, tzinfo=UTC)
    moment = first + timedelta(seconds=offset, microseconds=offset % 7)
    segments = day_segments(first, first + timedelta(days=2 * 366), zone, rollover)
    assert day_from_segments(segments, to_us(moment)) == study_day(moment, zone, rollover).toordinal()
