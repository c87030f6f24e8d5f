"""Schema v3: the v2 fixture (a real history scheduled in 24-hour steps) is upgraded, backed up first,
and marked for one replay of its log; storage itself changes no memory state."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from kquiz.storage import REPLAY_PENDING, SCHEMA_VERSION, ProgressStore, opening

from .fixture_stores import fixture, rows, working_copy

FIXTURE = fixture(2)


@pytest.fixture
def v2_path(tmp_path: Path) -> Path:
    return working_copy(2, tmp_path)


def test_fixture_is_schema_v2_with_a_real_history() -> None:
    assert rows(FIXTURE, "PRAGMA user_version") == [(2,)]
    assert rows(FIXTURE, "SELECT COUNT(*), SUM(mode = 'practice') FROM review_log") == [(22, 1)]
    (stability,) = rows(FIXTURE, "SELECT stability FROM progress WHERE card_id = 'issue-23'")[0]
    assert stability == pytest.approx(36.0565, abs=1e-4)  # 24-hour steps: 7 days from 20:00 to 09:00


def test_v2_upgrade_backs_up_then_marks_the_replay(v2_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    original = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()
    progress_before = rows(v2_path, "SELECT * FROM progress ORDER BY card_id")
    with ProgressStore.open(v2_path, clock=clock) as store:
        assert store.migrated_from == 2 and store.schema_version == SCHEMA_VERSION >= 3
        backup = store.pre_migration_backup
        assert backup is not None and backup.name.startswith(f"progress-pre-v{SCHEMA_VERSION}-")
        assert store.get_setting(REPLAY_PENDING) == "study-days"
    assert rows(backup, "PRAGMA user_version") == [(2,)]
    assert rows(backup, "SELECT * FROM progress ORDER BY card_id") == progress_before
    columns = "deck_id, card_id, state, step, stability, difficulty, due_us, last_review_us, reps, lapses"
    assert rows(v2_path, f"SELECT {columns} FROM progress ORDER BY card_id") == [
        row[:10] for row in progress_before
    ]  # storage leaves the states to the front door's replay
    with ProgressStore.open(v2_path, clock=clock) as again:
        assert again.migrated_from is None and again.get_setting(REPLAY_PENDING) == "study-days"
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == original  # the committed fixture is intact


def test_no_replay_is_marked_without_scheduled_reviews(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    fresh = tmp_path / "fresh.sqlite3"
    with ProgressStore.open(fresh, clock=clock) as store:
        assert store.get_setting(REPLAY_PENDING) is None
    old = tmp_path / "old.sqlite3"
    opening.create(old, target=2)
    conn = sqlite3.connect(old)
    with conn:
        conn.execute(
            "INSERT INTO review_log (reviewed_at_us, deck_id, card_id, rating, mode, b_state, b_reps,"
            " b_lapses, a_state, a_reps, a_lapses) VALUES (1, 'd', 'c', 3, 'practice', 0, 0, 0, 0, 0, 0)"
        )
    conn.close()
    with ProgressStore.open(old, clock=clock) as store:
        assert store.migrated_from == 2 and store.get_setting(REPLAY_PENDING) is None
