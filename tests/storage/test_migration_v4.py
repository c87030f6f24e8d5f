"""Schema v4 (sync): the v3 fixture is backed up, then every review gets a UUIDv7 of its own time;
new reviews get one (from their writer since v5), and an undo leaves a tombstone of it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from kquiz.domain import CardKey, MemoryState, Rating, ReviewRecord, StudyMode
from kquiz.storage import SCHEMA_VERSION, ProgressStore

from .fixture_stores import fixture, rows, working_copy

FIXTURE = fixture(3)


@pytest.fixture
def v3_path(tmp_path: Path) -> Path:
    return working_copy(3, tmp_path)


def test_fixture_is_schema_v3() -> None:
    assert rows(FIXTURE, "PRAGMA user_version") == [(3,)]
    assert rows(FIXTURE, "SELECT COUNT(*), MAX(id) FROM review_log") == [(21, 22)]  # row 5 undone


def test_v3_upgrade_gives_every_review_a_uuid7_of_its_time(v3_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    before = rows(v3_path, "SELECT * FROM review_log ORDER BY id")
    with ProgressStore.open(v3_path, clock=clock) as store:
        assert store.migrated_from == 3 and store.schema_version == SCHEMA_VERSION == 5
        backup = store.pre_migration_backup
        assert backup is not None and rows(backup, "PRAGMA user_version") == [(3,)]
        logged = store.connection.execute("SELECT id, reviewed_at_us, uid, origin FROM review_log").fetchall()
        assert len(logged) == 21 and len({r[2] for r in logged}) == 21 and {r[3] for r in logged} == {None}
        for _, at_us, uid, _ in logged:
            parsed = uuid.UUID(uid)
            assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
            assert int(uid.replace("-", "")[:12], 16) == at_us // 1000  # time-ordered by the review time
        record = ReviewRecord(CardKey("d", "c"), clock.now(), Rating.GOOD, StudyMode.SCHEDULED, 0,
                              MemoryState(), MemoryState())  # fmt: skip
        saved = store.record_review(record, None)
        (new_uid,) = store.connection.execute(
            "SELECT uid FROM review_log WHERE id = ?", (saved.id,)
        ).fetchone()
        assert uuid.UUID(new_uid).version == 7
        store.undo_review(saved.id or 0, None)
        assert store.connection.execute("SELECT uid, origin FROM sync_tombstones").fetchall() == [
            (new_uid, None)
        ]
    columns = rows(backup, "SELECT * FROM review_log ORDER BY id")
    assert columns == before  # the backup is the v3 file as it was
    assert [r[:22] for r in rows(v3_path, "SELECT * FROM review_log ORDER BY id")] == [r[:22] for r in before]
