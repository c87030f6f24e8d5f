"""Opening the learner's data at app start, and what to say when that fails (no Qt here).

* ``check_data_dir`` creates a missing data folder and proves it is writable (a probe file), so an
  unwritable folder is reported at start in plain words, not at the first answer.
* ``open_app_core`` = ``check_data_dir`` + ``open_core``; it raises the store's own errors.
* ``diagnose`` turns a start failure into a ``StartProblem`` the UI can show: a damaged progress file
  (with the newest backup that passes its integrity check, if any), a file from a newer kquiz, or
  a data folder kquiz cannot use.
* ``restore_backup`` restores a chosen backup (the damaged file is set aside byte for byte in
  ``backups/`` as ``progress-before-restore-<time>.sqlite3``, never overwritten).
* ``start_backup`` is the automatic backup at start (if the newest is older than a day); the UI
  runs it on a worker thread. Before a migration the store itself makes a ``pre-v<N>`` copy.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kquiz.clock import Clock
from kquiz.errors import CorruptStore, SchemaTooNew, StorageError
from kquiz.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from kquiz.app.core import Core
    from kquiz.storage.backups import Backup


class ProblemKind(StrEnum):
    DAMAGED = "damaged"  # CorruptStore: offer the newest good backup
    TOO_NEW = "too_new"  # SchemaTooNew: say so and quit, file untouched
    UNUSABLE = "unusable"  # any other StorageError: data folder missing/unwritable, disk full...


@dataclass(frozen=True, slots=True)
class StartProblem:
    kind: ProblemKind
    message: str  # the store's own words (plain, no traceback)
    paths: AppPaths
    backup: Backup | None = None  # DAMAGED only: the newest backup that passes its integrity check


def check_data_dir(paths: AppPaths) -> None:
    """Create the data folder if missing and check kquiz can write there (StorageError if not)."""
    folder = paths.data_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".kquiz-write-test-", dir=folder)
        try:
            os.write(fd, b"ok")  # no fsync: this checks permission; SQLite's commits are the durable writes
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(
            f"kquiz cannot write to its data folder {folder} ({reason}). Your progress could not be "
            "saved there. Make the folder writable (or free some disk space), or start kquiz with "
            "--data-dir pointing to a folder you can write to."
        ) from exc


def open_app_core(data_dir: str | Path | None = None, **core_options: Any) -> Core:
    from kquiz.app.core import open_core

    paths = resolve_paths(data_dir)
    check_data_dir(paths)
    return open_core(paths.data_dir, **core_options)


def diagnose(exc: StorageError, data_dir: str | Path | None = None) -> StartProblem:
    from kquiz.app.backups import offer_for_damaged_store

    paths = resolve_paths(data_dir)
    if isinstance(exc, SchemaTooNew):
        return StartProblem(ProblemKind.TOO_NEW, str(exc), paths)
    if isinstance(exc, CorruptStore):
        return StartProblem(ProblemKind.DAMAGED, str(exc), paths, offer_for_damaged_store(paths.data_dir))
    return StartProblem(ProblemKind.UNUSABLE, str(exc), paths)


def restore_backup(
    backup: Backup, data_dir: str | Path | None = None, *, clock: Clock | None = None
) -> Path | None:
    """Restore ``backup`` in place of the damaged file, which is first moved aside unchanged into
    ``backups/`` (never overwritten). Returns where the damaged file now is."""
    from kquiz.app.backups import restore

    return restore(backup.path, resolve_paths(data_dir).data_dir, clock=clock).set_aside


def start_backup(core: Core) -> Backup | None:
    """The automatic backup at start (None when a recent one exists). Safe on a worker thread."""
    from kquiz.app.backups import auto_backup

    return auto_backup(core)
