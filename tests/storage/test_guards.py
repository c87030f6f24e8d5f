"""Files kquiz must not touch: a newer schema, garbage, truncated or damaged databases."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from kquiz.errors import CorruptStore, SchemaTooNew
from kquiz.storage import SCHEMA_VERSION, ProgressStore


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def make_store_with_reviews(path: Path, clock, rows: int = 400) -> None:
    with ProgressStore.open(path, clock=clock) as store:
        conn = store.connection
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO settings (name, value) VALUES (?, ?)",
            [(f"name-{i:05d}", '"' + "x" * 200 + '"') for i in range(rows)],
        )
        conn.execute("COMMIT")


def test_newer_schema_is_refused_and_untouched(db_path, clock):
    make_store_with_reviews(db_path, clock, rows=10)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = snapshot(db_path.parent)
    mtime = db_path.stat().st_mtime_ns
    with pytest.raises(SchemaTooNew) as info:
        ProgressStore.open(db_path, clock=clock)
    message = str(info.value)
    assert f"v{SCHEMA_VERSION + 1}" in message and "newer kquiz" in message and "not changed" in message
    assert snapshot(db_path.parent) == before  # same bytes, and no -wal/-shm/backup created
    assert db_path.stat().st_mtime_ns == mtime


def test_newer_schema_with_live_wal_is_refused_and_main_file_untouched(db_path, clock):
    make_store_with_reviews(db_path, clock, rows=10)
    holder = sqlite3.connect(db_path, isolation_level=None)  # another process keeps it open in WAL
    holder.execute("PRAGMA wal_autocheckpoint = 0")
    holder.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")  # lives only in the -wal for now
    main_bytes = db_path.read_bytes()
    try:
        with pytest.raises(SchemaTooNew):
            ProgressStore.open(db_path, clock=clock)
        assert db_path.read_bytes() == main_bytes
    finally:
        holder.close()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"this is not a database at all\n" * 50,
        b"SQLite format 3\x00" + b"\xff" * 40,  # right magic, truncated header
    ],
    ids=["empty", "text", "truncated-header"],
)
def test_not_a_database_is_corrupt_and_untouched(db_path, clock, content):
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    before = snapshot(db_path.parent)
    with pytest.raises(CorruptStore) as info:
        ProgressStore.open(db_path, clock=clock)
    assert "untouched" in str(info.value)
    assert snapshot(db_path.parent) == before


def test_truncated_database_is_corrupt_and_untouched(db_path, clock):
    make_store_with_reviews(db_path, clock)
    data = db_path.read_bytes()
    assert len(data) > 8 * 4096
    db_path.write_bytes(data[: len(data) // 2])
    before = snapshot(db_path.parent)
    with pytest.raises(CorruptStore):
        ProgressStore.open(db_path, clock=clock)
    assert snapshot(db_path.parent) == before


def test_damaged_page_fails_integrity_check_and_is_untouched(db_path, clock):
    make_store_with_reviews(db_path, clock)
    data = bytearray(db_path.read_bytes())
    page = 4096
    for offset in range(3 * page, 3 * page + 600, 7):  # scribble over a b-tree page's header and cells
        data[offset] = (data[offset] + 91) % 256
    db_path.write_bytes(bytes(data))
    before = snapshot(db_path.parent)
    with pytest.raises(CorruptStore) as info:
        ProgressStore.open(db_path, clock=clock)
    assert "restore a backup" in str(info.value)
    assert snapshot(db_path.parent) == before


def test_a_copy_of_a_good_store_opens(db_path, clock, tmp_path):
    make_store_with_reviews(db_path, clock, rows=5)
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(db_path, copy)
    with ProgressStore.open(copy, clock=clock) as store:
        assert store.get_setting("name-00000") == "x" * 200


def test_a_foreign_sqlite_database_is_refused_untouched(db_path, clock):
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.commit()
    conn.close()
    before = snapshot(db_path.parent)
    with pytest.raises(CorruptStore, match="not a kquiz progress file"):
        ProgressStore.open(db_path, clock=clock)
    assert snapshot(db_path.parent) == before


def test_an_empty_sqlite_database_becomes_a_store(db_path, clock):
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")  # writes a header, no tables
    conn.close()
    assert db_path.stat().st_size > 0
    with ProgressStore.open(db_path, clock=clock) as store:
        assert store.schema_version == SCHEMA_VERSION and store.pre_migration_backup is None
    assert not (db_path.parent / "backups").exists()
