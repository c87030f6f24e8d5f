"""Backups through the front door: for ``kquiz backup`` / ``kquiz restore`` and the UI.

* ``auto_backup(core)`` — call once at start: a backup if the newest is older than a day.
* ``backup_now`` / ``list_backups`` / ``restore`` work on a data dir without a running core;
  ``restore`` needs kquiz closed (it replaces the progress file; the current one is set aside
  in ``backups/`` as ``progress-before-restore-<time>.sqlite3``, so a restore can be undone).
* ``offer_for_damaged_store`` — the newest backup that passes its integrity check.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.clock import Clock, SystemClock
from kquiz.errors import StorageError
from kquiz.paths import AppPaths, resolve_paths
from kquiz.storage import ProgressStore
from kquiz.storage import backups as _backups
from kquiz.storage.backups import Backup

if TYPE_CHECKING:
    from kquiz.app.core import Core

__all__ = [
    "Backup",
    "RestoreResult",
    "auto_backup",
    "backup_now",
    "list_backups",
    "offer_for_damaged_store",
    "restore",
]


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored: Backup
    set_aside: Path | None  # where the replaced progress file now is (None if there was none)


def auto_backup(core: Core, older_than: timedelta = timedelta(days=1)) -> Backup | None:
    """A backup of the open store if the newest regular one is older than ``older_than``."""
    return _backups.backup_if_stale(core.store, older_than, tz=core.clock.local_tz)


def backup_now(data_dir: str | Path | None = None, *, clock: Clock | None = None) -> Backup:
    clock = clock or SystemClock()
    paths = resolve_paths(data_dir)
    if not paths.progress_db.exists():
        raise StorageError(f"There is no progress file to back up in {paths.data_dir}.")
    with ProgressStore.open(paths.progress_db, clock=clock) as store:
        return _backups.make_backup(store, tz=clock.local_tz)


def list_backups(data_dir: str | Path | None = None) -> list[Backup]:
    """Every backup, newest first."""
    return _backups.list_backups(resolve_paths(data_dir).backups_dir)


def offer_for_damaged_store(data_dir: str | Path | None = None) -> Backup | None:
    return _backups.newest_good_backup(resolve_paths(data_dir).backups_dir)


def _find(choice: str | Path, paths: AppPaths) -> Backup:
    available = _backups.list_backups(paths.backups_dir)
    text = str(choice)
    if text.isdigit() and 1 <= int(text) <= len(available):  # the number shown by list_backups
        return available[int(text) - 1]
    for backup in available:
        if backup.name == text:
            return backup
    path = Path(text).expanduser()
    if text.isdigit() and not path.is_file():
        raise StorageError(
            f"There is no backup number {text}: {len(available)} backup(s) in {paths.backups_dir}."
        )
    if path.is_file():
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
        return Backup(path.resolve(), modified, "file", path.stat().st_size)
    raise StorageError(
        f"No backup called {text!r} in {paths.backups_dir} (see `kquiz restore` for the list)."
    )


LOCK_FILE = "kquiz.lock"  # the desktop app's single-instance QLockFile (kquiz/ui/single_instance.py)


def running_app_pid(paths: AppPaths) -> int | None:
    """PID of another live kquiz app holding this data dir (POSIX; None when unknown or none)."""
    try:
        pid = int((paths.data_dir / LOCK_FILE).read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid == os.getpid() or pid <= 0 or os.name != "posix":  # os.kill(pid, 0) would kill on Windows
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a stale lock left by a crash
    except PermissionError:
        return pid  # alive, another user's process
    return pid


def restore(
    choice: str | Path, data_dir: str | Path | None = None, *, clock: Clock | None = None
) -> RestoreResult:
    """Replace the progress file by a backup (by list number, file name in backups/, or path).
    Refused while another kquiz app runs on this data dir; the calling process must have closed
    its own store first."""
    clock = clock or SystemClock()
    paths = resolve_paths(data_dir)
    pid = running_app_pid(paths)
    if pid is not None:
        raise StorageError(f"kquiz is running on {paths.data_dir} (process {pid}). Close it, then restore.")
    backup = _find(choice, paths)
    aside = _backups.restore_backup(backup.path, paths.progress_db, now=clock.now())
    return RestoreResult(backup, aside)
