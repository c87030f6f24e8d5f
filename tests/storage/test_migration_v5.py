"""Schema v5: the v4 fixture is backed up, the uid trigger goes (writers give each new review its uid,
a UUIDv7 of its time with the store's random bits), and a row the trigger missed gets a uid."""

from __future__ import annotations

import random
import uuid
from pathlib import Path

import pytest

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, MemoryState, Rating, ReviewRecord, StudyMode
from kquiz.storage import SCHEMA_VERSION, ProgressStore, codec

from .fixture_stores import fixture, rows, working_copy

FIXTURE = fixture(4)


@pytest.fixture
def v4_path(tmp_path: Path) -> Path:
    return working_copy(4, tmp_path)


def _record(at_us: int) -> ReviewRecord:
    at = codec.from_us(at_us)
    assert at is not None
    return ReviewRecord(
        CardKey("d", "c"), at, Rating.GOOD, StudyMode.SCHEDULED, 0, MemoryState(), MemoryState()
    )


def test_fixture_is_schema_v4_with_its_trigger_and_one_row_without_uid() -> None:
    assert rows(FIXTURE, "PRAGMA user_version") == [(4,)]
    assert rows(FIXTURE, "SELECT name FROM sqlite_master WHERE name = 'review_log_new_uid'") != []
    assert rows(FIXTURE, "SELECT COUNT(*) FROM review_log WHERE uid IS NULL") == [(1,)]
    assert rows(FIXTURE, "SELECT COUNT(*) FROM sync_tombstones") == [(1,)]


def test_v4_upgrade_drops_the_trigger_and_keeps_everything(v4_path: Path, clock: FixedClock) -> None:
    before = rows(v4_path, "SELECT * FROM review_log ORDER BY id")
    synced = [rows(v4_path, f"SELECT * FROM {t}") for t in ("sync_tombstones", "sync_marks", "sync_segments")]
    with ProgressStore.open(v4_path, clock=clock, rng=random.Random(7)) as store:
        assert store.migrated_from == 4 and store.schema_version == SCHEMA_VERSION == 5
        backup = store.pre_migration_backup
        assert backup is not None and rows(backup, "PRAGMA user_version") == [(4,)]
        conn = store.connection
        assert conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == [
            ("review_log_tombstone",),
            ("progress_gone",),
        ]
        after = conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()
        assert [r[:-2] for r in after] == [r[:-2] for r in before]
        assert [r[-2] for r in after[:-1]] == [r[-2] for r in before[:-1]]  # uids kept
        filled = uuid.UUID(after[-1][-2])
        assert filled.version == 7 and int(filled.hex[:12], 16) == after[-1][1] // 1000
        assert [conn.execute(f"SELECT * FROM {t}").fetchall() for t in
                ("sync_tombstones", "sync_marks", "sync_segments")] == synced  # fmt: skip
        saved = store.record_review(_record(after[-1][1] + 5_000_000), None)
        many = store.record_reviews([_record(after[-1][1] + 6_000_000), _record(after[-1][1] + 7_000_000)])
        assert many == 2
        new = conn.execute(
            "SELECT id, reviewed_at_us, uid FROM review_log WHERE id >= ?", (saved.id,)
        ).fetchall()
        assert len(new) == 3 and len({uid for _, _, uid in new}) == 3
        for _, at_us, uid in new:
            parsed = uuid.UUID(uid)
            assert parsed.version == 7 and parsed.variant == uuid.RFC_4122
            assert int(parsed.hex[:12], 16) == at_us // 1000
    assert rows(backup, "SELECT * FROM review_log ORDER BY id") == before


def test_uids_follow_the_store_rng(tmp_path: Path, clock: FixedClock) -> None:
    uids = []
    for name in ("a", "b"):
        with ProgressStore.open(tmp_path / name / "p.sqlite3", clock=clock, rng=random.Random(3)) as store:
            store.record_review(_record(1_750_000_000_000_000), None)
            uids.append(store.connection.execute("SELECT uid FROM review_log").fetchone()[0])
    assert uids[0] == uids[1] == codec.uuid7(1_750_000_000_000_000, random.Random(3).getrandbits(74))


def test_uuid7_layout() -> None:
    assert codec.uuid7(1_735_722_000_123_456, 0) == "01942117-defb-7000-8000-000000000000"
    assert codec.uuid7(1_735_722_000_000_999, (1 << 74) - 1) == "01942117-de80-7fff-bfff-ffffffffffff"
