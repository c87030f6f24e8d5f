"""Backups of the progress file, made with the SQLite online backup API (never a file copy).

Names in ``<db dir>/backups/`` say what a backup is and when (UTC) it was made:

* ``progress-<YYYYmmddTHHMMSSZ>.sqlite3`` — regular backups (daily automatic or ``kquiz backup``),
  pruned after each new one to the newest per day for the last 7 days that have one, the newest
  per ISO week for the last 4 weeks, and the newest per month for the last 6 months.
* ``progress-pre-v<N>-<ts>.sqlite3`` — taken before a schema upgrade; never pruned.
* ``progress-before-restore-<ts>.sqlite3`` — the file that a restore replaced; never pruned.

A restore checks the backup first (integrity, schema not too new), sets the current file (and its
-wal/-shm) aside, then writes the backup's content in place through the backup API.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

from kquiz.errors import StorageError
from kquiz.storage import opening
from kquiz.storage.store import ProgressStore

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
_NAME = re.compile(r"^progress-(?:(pre-v\d+|before-restore)-)?(\d{8}T\d{6}Z)(?:-(\d+))?\.sqlite3$")


def _stamp_time(stamp: str) -> datetime:
    """``20261202T160501Z`` as an aware UTC time (no ``strptime``: it imports locale machinery)."""
    return datetime(
        int(stamp[0:4]),
        int(stamp[4:6]),
        int(stamp[6:8]),
        int(stamp[9:11]),
        int(stamp[11:13]),
        int(stamp[13:15]),
        tzinfo=UTC,
    )


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    created: datetime  # UTC, from the name
    kind: str  # "regular", "pre-v<N>" or "before-restore"
    size: int
    sequence: int = 1  # 2, 3, ... for later backups made within the same second

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def regular(self) -> bool:
        return self.kind == "regular"


def backups_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def list_backups(folder: Path) -> list[Backup]:
    """Every backup in ``folder``, newest first (unfinished ``.part`` files are ignored)."""
    found: list[Backup] = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        created = _stamp_time(match.group(2))
        found.append(
            Backup(path, created, match.group(1) or "regular", path.stat().st_size, int(match.group(3) or 1))
        )
    return sorted(found, key=lambda b: (b.created, b.sequence, b.name), reverse=True)


def make_backup(store: ProgressStore, *, tz: tzinfo = UTC) -> Backup:
    """Back up the open store now (a consistent snapshot even mid-session), then prune."""
    folder = backups_dir_for(store.path)
    now = store.clock.now()
    target = opening.unique_path(folder, f"progress-{opening.timestamp(now)}")
    try:
        store.backup_to(target)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"Could not write a backup to {folder}: {exc}") from exc
    prune(folder, tz=tz)
    return next(b for b in list_backups(folder) if b.path == target)


def backup_if_stale(
    store: ProgressStore, older_than: timedelta = timedelta(days=1), *, tz: tzinfo = UTC
) -> Backup | None:
    """Make a backup if the newest regular one is older than ``older_than`` (or there is none)."""
    regular = [b for b in list_backups(backups_dir_for(store.path)) if b.regular]
    if regular and store.clock.now() - regular[0].created < older_than:
        return None
    return make_backup(store, tz=tz)


def _keep(backups: list[Backup], bucket: Callable[[Backup], object], count: int) -> set[Path]:
    kept: set[Path] = set()
    seen: list[object] = []
    for backup in backups:  # newest first: the first of each bucket is its newest
        key = bucket(backup)
        if key not in seen:
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(backup.path)
    return kept


def prune(folder: Path, *, tz: tzinfo = UTC) -> list[Path]:
    """Delete regular backups the 7 daily / 4 weekly / 6 monthly policy does not keep."""
    regular = [b for b in list_backups(folder) if b.regular]

    def local_day(b: Backup) -> date:
        return b.created.astimezone(tz).date()

    keep = (
        _keep(regular, local_day, KEEP_DAILY)
        | _keep(regular, lambda b: local_day(b).isocalendar()[:2], KEEP_WEEKLY)
        | _keep(regular, lambda b: (local_day(b).year, local_day(b).month), KEEP_MONTHLY)
    )
    removed = [b.path for b in regular if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def check_backup(path: Path) -> int:
    """The backup's schema version; raises CorruptStore / SchemaTooNew like opening a store."""
    if not Path(path).is_file():
        raise StorageError(f"There is no backup at {path}.")
    return opening.inspect(Path(path), full=True)


def newest_good_backup(folder: Path) -> Backup | None:
    """The newest backup that passes its integrity check (what to offer when the store is damaged)."""
    for backup in list_backups(folder):
        try:
            check_backup(backup.path)
        except StorageError:
            continue
        return backup
    return None


def restore_backup(backup_path: Path, db_path: Path, *, now: datetime) -> Path | None:
    """Replace the (closed) progress file by a backup's content; return where the old file was set
    aside (None when there was none). The store must not be open anywhere."""
    backup_path, db_path = Path(backup_path), Path(db_path)
    check_backup(backup_path)
    folder = backups_dir_for(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    aside = None
    try:
        if db_path.exists():
            aside = opening.unique_path(folder, f"progress-before-restore-{opening.timestamp(now)}")
            for suffix in ("-wal", "-shm"):
                side = Path(f"{db_path}{suffix}")
                if side.exists():
                    os.replace(side, Path(f"{aside}{suffix}"))
            os.replace(db_path, aside)
            opening.fsync_dir(folder)
        source = opening.connect(
            backup_path, read_only=True, immutable=not Path(f"{backup_path}-wal").exists()
        )
        try:
            opening.backup_to(source, db_path)
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"Could not restore {backup_path.name}: {exc}."
            + (f" The previous file is kept at {aside}." if aside else "")
        ) from exc
    return aside
