"""Upgrading an older progress file step by step, backing it up first."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kquiz.domain import CardKey, CardState, Rating, StudyMode
from kquiz.errors import StorageError
from kquiz.storage import SCHEMA_VERSION, ProgressStore
from kquiz.storage.migrations import MIGRATIONS, m0002_flags_settings

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "stores" / "progress-v1.sqlite3"
T0 = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def v1_path(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "progress.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(FIXTURE, target)
    return target


def test_fixture_is_schema_v1():
    conn = sqlite3.connect(f"file:{FIXTURE}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        columns = {r[1] for r in conn.execute("PRAGMA table_info(progress)")}
        assert "flagged" not in columns and "suspended" in columns
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "settings" not in tables
    finally:
        conn.close()


def test_v1_fixture_migrates_with_backup_first(v1_path, clock):
    original = hashlib.sha256(v1_path.read_bytes()).hexdigest()
    with ProgressStore.open(v1_path, clock=clock) as store:
        assert store.migrated_from == 1
        assert store.schema_version == SCHEMA_VERSION
        backup = store.pre_migration_backup
        assert backup is not None
        assert backup.parent == v1_path.parent / "backups"
        assert backup.name == f"progress-pre-v{SCHEMA_VERSION}-20260302T120000Z.sqlite3"

        everything = store.all_progress()
        assert set(everything) == {
            CardKey("ketamine-basics", "nmda"),
            CardKey("ketamine-basics", "dose-forms"),
            CardKey("ketamine-risks", "bladder"),
        }
        nmda = everything[CardKey("ketamine-basics", "nmda")]
        assert nmda.memory.state == CardState.REVIEW and nmda.memory.reps == 2
        assert nmda.memory.due == T0 + timedelta(days=2, minutes=10)
        assert nmda.content_hash == "hash-nmda" and not nmda.flagged and not nmda.leech and not nmda.changed
        assert everything[CardKey("ketamine-basics", "dose-forms")].suspended
        assert everything[CardKey("ketamine-risks", "bladder")].buried_until == T0 + timedelta(days=1)

        reviews = list(store.iter_reviews())
        assert [r.key.card_id for r in reviews] == ["nmda", "dose-forms", "bladder", "bladder", "nmda"]
        assert all(r.duration_ms == 0 for r in reviews)  # unknown in v1
        assert [r.mode for r in reviews].count(StudyMode.PRACTICE) == 1
        assert reviews[0].rating == Rating.GOOD and reviews[0].before.state == CardState.NEW

        store.set_setting("theme", "dark")  # the v2 table works
        assert store.get_setting("theme") == "dark"

    # The backup is a complete, standalone copy of the v1 file's content.
    conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 5
        assert conn.execute("SELECT COUNT(*) FROM progress").fetchone()[0] == 3
    finally:
        conn.close()
    assert hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == original  # the committed fixture is intact

    with ProgressStore.open(v1_path, clock=clock) as again:  # a second open does not migrate again
        assert again.migrated_from is None


def test_failed_step_rolls_back_to_previous_version(v1_path, clock, monkeypatch):
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute(m0002_flags_settings.STATEMENTS[0])  # one change made...
        raise sqlite3.OperationalError("disk I/O error (simulated)")  # ...then the step fails

    monkeypatch.setattr(m0002_flags_settings, "migrate", broken)
    with pytest.raises(StorageError):
        ProgressStore.open(v1_path, clock=clock)
    conn = sqlite3.connect(v1_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "flagged" not in {r[1] for r in conn.execute("PRAGMA table_info(progress)")}
    finally:
        conn.close()
    assert len(list((v1_path.parent / "backups").iterdir())) == 1  # the backup was taken first
    monkeypatch.undo()
    with ProgressStore.open(v1_path, clock=clock) as store:  # and a later run upgrades fine
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.all_progress()) == 3


def test_fresh_store_equals_migrated_store_schema(v1_path, db_path, clock):
    def schema(path: Path) -> set[tuple[str, str]]:
        conn = sqlite3.connect(path)
        try:
            return {
                (name, col[1])
                for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                for col in conn.execute(f"PRAGMA table_info({name})")
            } | {("index", r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        finally:
            conn.close()

    ProgressStore.open(v1_path, clock=clock).close()
    ProgressStore.open(db_path, clock=clock).close()
    assert schema(v1_path) == schema(db_path)


def test_migrations_are_numbered_one_step_each():
    assert [m.VERSION for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    for number, module in enumerate(MIGRATIONS, start=1):
        assert module.__name__.rsplit(".", 1)[1].startswith(f"m{number:04d}_")


def test_fixture_script_regenerates_the_committed_fixture(tmp_path):
    import importlib.util

    script = FIXTURE.parent / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = tmp_path / "v1.sqlite3"
    module.make_v1(fresh)

    def dump(path: Path) -> list[str]:
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            return list(conn.iterdump()) + [str(conn.execute("PRAGMA user_version").fetchone())]
        finally:
            conn.close()

    assert dump(fresh) == dump(FIXTURE)
