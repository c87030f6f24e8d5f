"""Property: whatever Progress / ReviewRecord kquiz can hold comes back from SQLite exactly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.storage import ProgressStore

zones = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))])
moments = st.builds(
    lambda dt, tz: dt.replace(tzinfo=UTC).astimezone(tz),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9998, 12, 30)),
    zones,
)
ids = st.text(min_size=1, max_size=40)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
memories = st.builds(
    MemoryState,
    state=st.sampled_from(CardState),
    step=st.none() | st.integers(0, 20),
    stability=st.none() | finite,
    difficulty=st.none() | finite,
    due=st.none() | moments,
    last_review=st.none() | moments,
    reps=st.integers(0, 2**40),
    lapses=st.integers(0, 2**31),
)
keys = st.builds(CardKey, ids, ids)
progresses = st.builds(
    Progress,
    key=keys,
    memory=memories,
    content_hash=st.text(max_size=80),
    suspended=st.booleans(),
    buried_until=st.none() | moments,
    flagged=st.booleans(),
    leech=st.booleans(),
    changed=st.booleans(),
)
records = st.builds(
    ReviewRecord,
    key=keys,
    reviewed_at=moments,
    rating=st.sampled_from(Rating),
    mode=st.sampled_from(StudyMode),
    duration_ms=st.integers(0, 2**40),
    before=memories,
    after=memories,
)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("rt") / "progress.sqlite3"
    with ProgressStore.open(path, clock=FixedClock(datetime(2026, 1, 1, tzinfo=UTC))) as store:
        yield store


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(progress=progresses, record=records)
def test_round_trip(shared_store, progress, record):
    store = shared_store
    store.delete_progress(list(store.all_progress()))
    for old in list(store.iter_reviews()):
        store.undo_review(old.id, None)
    store.save_progress(progress)
    assert store.get(progress.key) == progress
    assert store.all_progress([progress.key.deck_id]) == {progress.key: progress}
    saved = store.record_review(record, None)
    (back,) = store.iter_reviews()
    assert back == saved
    assert back.reviewed_at == record.reviewed_at and back.reviewed_at.utcoffset() == timedelta(0)
