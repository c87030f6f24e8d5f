"""Opening and creating a store: durability pragmas, schema, nothing half-made left behind."""

from __future__ import annotations

import sqlite3

import pytest

from kquiz.errors import StorageError
from kquiz.storage import SCHEMA_VERSION, ProgressStore
from kquiz.storage.stats_queries import open_reader, review_span


def test_new_store_has_durability_pragmas(store):
    conn = store.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert store.schema_version == SCHEMA_VERSION == 5


def test_new_store_schema_and_indexes(store):
    conn = store.connection
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"progress", "review_log", "settings"} <= tables
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"review_log_time", "review_log_deck_time", "review_log_card", "progress_due"} <= indexes
    plan = " ".join(
        str(r)
        for r in conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM review_log WHERE deck_id = ? AND reviewed_at_us >= ?", ("d", 0)
        )
    )
    assert "review_log_deck_time" in plan


def test_create_leaves_only_the_database(db_path, clock):
    ProgressStore.open(db_path, clock=clock).close()
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["progress.sqlite3"]
    assert not (db_path.parent / "backups").exists()  # nothing to back up for a new file


def test_reopen_keeps_data_and_does_not_migrate(db_path, clock):
    with ProgressStore.open(db_path, clock=clock) as first:
        first.set_setting("theme", "dark")
    with ProgressStore.open(db_path, clock=clock) as second:
        assert second.get_setting("theme") == "dark"
        assert second.migrated_from is None and second.pre_migration_backup is None


def test_a_stale_partial_create_is_replaced(db_path, clock):
    db_path.parent.mkdir(parents=True)
    (db_path.parent / "progress.sqlite3.new").write_bytes(b"half-made")
    with ProgressStore.open(db_path, clock=clock) as store:
        assert store.schema_version == SCHEMA_VERSION
    assert not (db_path.parent / "progress.sqlite3.new").exists()


def test_second_connection_sees_commit_immediately(store, db_path):
    store.set_setting("x", 1)
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("SELECT value FROM settings WHERE name = 'x'").fetchone() == ("1",)
    finally:
        other.close()


def test_unusable_data_folder_is_a_clear_storage_error(tmp_path, clock):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StorageError) as info:
        ProgressStore.open(blocker / "progress.sqlite3", clock=clock)
    assert "Cannot create the progress file" in str(info.value)
    assert blocker.read_text() == "a file where the data folder should be"


def test_odd_characters_in_the_path(tmp_path, clock):
    odd = tmp_path / "my data ?#%&=" / "progress.sqlite3"
    with ProgressStore.open(odd, clock=clock) as store:
        store.set_setting("k", "v")
    with ProgressStore.open(odd, clock=clock) as store:
        assert store.get_setting("k") == "v"
        reader = open_reader(odd)  # the stats reader too (it once cut the path at '#' and made a file)
        try:
            assert review_span(reader) is None and reader.execute(
                "SELECT value FROM settings"
            ).fetchone() == ('"v"',)
        finally:
            reader.close()
    assert sorted(p.name for p in odd.parent.iterdir()) == ["progress.sqlite3"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [odd.parent.name]
