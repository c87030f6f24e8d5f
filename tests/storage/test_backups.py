"""Backups: online-API copies, the 7 daily / 4 weekly / 6 monthly policy, restore with set-aside."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, timedelta, timezone
from pathlib import Path

import pytest

from kquiz.clock import FixedClock
from kquiz.domain import CardKey
from kquiz.errors import CorruptStore, SchemaTooNew, StorageError
from kquiz.storage import SCHEMA_VERSION, ProgressStore
from kquiz.storage.backups import (
    backup_if_stale,
    list_backups,
    make_backup,
    newest_good_backup,
    prune,
    restore_backup,
)

from .conftest import T0, progress_after, review_of


def add_reviews(store, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        record = review_of(CardKey("deck", f"c{i}"), T0 + timedelta(minutes=i))
        store.record_review(record, progress_after(record))


def count_reviews_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
    finally:
        conn.close()


def test_make_backup_is_a_complete_copy(store, db_path):
    add_reviews(store, 5)
    backup = make_backup(store)
    assert backup.path.parent == db_path.parent / "backups"
    assert backup.name == "progress-20260302T120000Z.sqlite3"
    assert backup.kind == "regular" and backup.created == T0.replace(microsecond=0) and backup.size > 0
    assert count_reviews_in(backup.path) == 5
    assert not list(backup.path.parent.glob("*.part"))
    add_reviews(store, 1, start=5)
    second = make_backup(store)  # same second: a distinct name; the policy keeps the day's newest
    assert second.name == "progress-20260302T120000Z-2.sqlite3" and second.sequence == 2
    assert [b.path for b in list_backups(backup.path.parent)] == [second.path]
    assert count_reviews_in(second.path) == 6


def test_backup_if_stale(store, clock):
    first = backup_if_stale(store)
    assert first is not None
    clock.advance(hours=23)
    assert backup_if_stale(store) is None
    clock.advance(hours=2)
    later = backup_if_stale(store)
    assert later is not None and later.created > first.created
    assert [b.path for b in list_backups(later.path.parent)] == [later.path, first.path]


def expected_kept(days: list[date]) -> set[date]:
    days = sorted(days, reverse=True)
    kept = set(days[:7])
    for grouping, count in ((lambda d: d.isocalendar()[:2], 4), (lambda d: (d.year, d.month), 6)):
        groups: dict = defaultdict(list)
        for d in days:
            groups[grouping(d)].append(d)
        for key in sorted(groups, reverse=True)[:count]:
            kept.add(max(groups[key]))
    return kept


def test_retention_policy_over_a_year_of_daily_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    pre = folder / "progress-pre-v2-20200101T000000Z.sqlite3"
    pre.write_bytes(b"x")
    made = []
    for day in range(400):  # one backup a day, pruned after each, as make_backup does
        moment = T0 + timedelta(days=day)
        (folder / f"progress-{moment:%Y%m%dT%H%M%SZ}.sqlite3").write_bytes(b"x")
        made.append(moment.date())
        prune(folder)
    remaining = list_backups(folder)
    regular = {b.created.date() for b in remaining if b.regular}
    assert regular == expected_kept(made)
    assert 7 <= len(regular) <= 7 + 4 + 6
    assert pre.exists()  # pre-migration copies are never pruned


def test_make_backup_prunes_in_local_days(db_path):
    clock = FixedClock(T0)
    tz = timezone(timedelta(hours=-10))  # 12:00 UTC is 02:00 local
    with ProgressStore.open(db_path, clock=clock) as store:
        for _ in range(10):
            make_backup(store, tz=tz)
            clock.advance(hours=6)
    local_days = [b.created.astimezone(tz).date() for b in list_backups(db_path.parent / "backups")]
    assert len(local_days) == len(set(local_days)) == 3  # newest of each local day (3 days so far)


def test_prune_ignores_foreign_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "progress-20260101T000000Z.sqlite3.part").write_text("unfinished")
    assert prune(tmp_path) == []
    assert (tmp_path / "notes.txt").exists()


def test_restore_sets_current_aside_and_restores_content(db_path, clock):
    with ProgressStore.open(db_path, clock=clock) as store:
        add_reviews(store, 3)
        backup = make_backup(store)
        add_reviews(store, 4, start=3)
    clock.advance(hours=1)
    aside = restore_backup(backup.path, db_path, now=clock.now())
    assert aside is not None and aside.name == "progress-before-restore-20260302T130000Z.sqlite3"
    assert count_reviews_in(aside) == 7
    with ProgressStore.open(db_path, clock=clock) as store:
        assert len(list(store.iter_reviews())) == 3
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    kinds = {b.kind for b in list_backups(db_path.parent / "backups")}
    assert kinds == {"regular", "before-restore"}
    # A restore can itself be undone from the set-aside file.
    restore_backup(aside, db_path, now=clock.advance(minutes=1))
    with ProgressStore.open(db_path, clock=clock) as store:
        assert len(list(store.iter_reviews())) == 7


def test_restore_refuses_a_bad_backup_and_keeps_the_current_file(db_path, clock, tmp_path):
    with ProgressStore.open(db_path, clock=clock) as store:
        add_reviews(store, 2)
    current = db_path.read_bytes()
    garbage = tmp_path / "progress-20260101T000000Z.sqlite3"
    garbage.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(CorruptStore):
        restore_backup(garbage, db_path, now=clock.now())
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(SchemaTooNew):
        restore_backup(newer, db_path, now=clock.now())
    with pytest.raises(StorageError):
        restore_backup(tmp_path / "missing.sqlite3", db_path, now=clock.now())
    assert db_path.read_bytes() == current
    assert not (db_path.parent / "backups").exists()


def test_damaged_store_can_be_replaced_by_newest_good_backup(db_path, clock):
    with ProgressStore.open(db_path, clock=clock) as store:
        add_reviews(store, 3)
        good = make_backup(store)
        clock.advance(days=1)
        bad = make_backup(store)
    bad.path.write_bytes(b"not a database" * 100)  # the newest backup is damaged too
    db_path.write_bytes(b"\xde\xad" * 5000)
    with pytest.raises(CorruptStore):
        ProgressStore.open(db_path, clock=clock)
    offer = newest_good_backup(db_path.parent / "backups")
    assert offer is not None and offer.path == good.path
    aside = restore_backup(offer.path, db_path, now=clock.now())
    assert aside.read_bytes() == b"\xde\xad" * 5000  # the damaged file is kept, not overwritten
    with ProgressStore.open(db_path, clock=clock) as store:
        assert len(list(store.iter_reviews())) == 3


def test_backup_from_a_worker_thread_while_answers_are_saved(store):
    import threading

    add_reviews(store, 50)
    made: list = []
    worker = threading.Thread(target=lambda: made.append(make_backup(store)))
    worker.start()
    add_reviews(store, 50, start=50)  # the session keeps saving meanwhile
    worker.join()
    copied = count_reviews_in(made[0].path)
    assert 50 <= copied <= 100  # one consistent snapshot, whatever the interleaving
    conn = sqlite3.connect(f"file:{made[0].path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM progress").fetchone()[0] == copied
    finally:
        conn.close()
    assert len(list(store.iter_reviews())) == 100
