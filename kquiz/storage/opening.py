"""Opening a progress file safely: look before touching, back up before migrating.

Order on open:
1. An existing file is first inspected through a read-only connection (``mode=ro``): not a
   SQLite file, empty, or failing ``PRAGMA quick_check`` => CorruptStore; a schema newer
   than this kquiz => SchemaTooNew. Either way the file is not written.
2. A brand-new store is built in a temporary file and renamed into place, so a crash never
   leaves a half-made file behind.
3. An older schema is copied with the SQLite online backup API into
   ``<db dir>/backups/progress-pre-v<N>-<UTC timestamp>.sqlite3``, then upgraded one version per
   transaction.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from datetime import datetime
from pathlib import Path

from kquiz.errors import CorruptStore, SchemaTooNew, StorageError
from kquiz.storage.migrations import MIGRATIONS, SCHEMA_VERSION

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
AUTOCHECKPOINT_PAGES = 100


def connect(path: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """``immutable`` reads the main file only and creates no -wal/-shm files: use it only when no
    -wal file exists (then no connection has the file open in WAL mode and the file is complete)."""
    mode = "ro" if read_only or immutable else "rwc"
    # as_uri() percent-encodes '?', '#', '%' and spaces, and gives file:///C:/... on Windows.
    uri = f"{path.resolve().as_uri()}?mode={mode}{'&immutable=1' if immutable else ''}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def apply_pragmas(conn: sqlite3.Connection) -> None:
    """Durability: WAL + synchronous=FULL means each commit is on disk (one fsync) when it returns."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StorageError(f"Could not switch the progress file to WAL mode (got {mode!r}).")
    conn.execute("PRAGMA synchronous = FULL")
    # answers move from the -wal file into the main file every ~100 pages (~15 answers), not 1,000:
    # a -wal deleted after a crash (a cleanup, a sync tool, a backup of the main file only) holds few
    conn.execute(f"PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES}")
    if sys.platform == "darwin":  # macOS fsync() does not flush the drive's cache; F_FULLFSYNC does
        conn.execute("PRAGMA fullfsync = ON")
    conn.execute("PRAGMA foreign_keys = ON")


def inspect(path: Path, *, full: bool = False) -> int:
    """The schema version of an existing file, checked read-only. Raises CorruptStore/SchemaTooNew.

    On every open ``PRAGMA quick_check`` runs (every page and b-tree, O(N)); ``full`` runs
    ``PRAGMA integrity_check``, which also cross-checks indexes against tables (O(N log N)): at
    300k reviews / 70 MB that is 1.1 s against 0.26 s here, so it is kept for backups and restores.
    """
    if path.is_dir():  # damaged, as far as the learner is concerned: a backup can take its place
        raise CorruptStore(
            f"The progress file {path} is a folder, not a file. It was left untouched; restore a backup."
        )
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StorageError(f"Cannot read the progress file {path}: {exc.strerror or exc}") from exc
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        what = "is empty" if not header else "is not a kquiz progress database"
        raise CorruptStore(f"The progress file {path} {what}. It was left untouched; restore a backup.")
    try:
        # With no -wal beside it the main file holds everything: read it as immutable so not
        # even an empty -wal/-shm pair is left behind. Otherwise a read-only connection reads the
        # -wal too (it never checkpoints or writes the main file).
        conn = connect(path, read_only=True, immutable=not Path(f"{path}-wal").exists())
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"The progress file {path} was written by a newer kquiz (schema v{version}; this "
                    f"kquiz reads up to v{SCHEMA_VERSION}). Update kquiz to open it; the file was not changed."
                )
            if version == 0 and conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
                raise CorruptStore(
                    f"The file {path} is an SQLite database but not a kquiz progress file. "
                    "It was left untouched; move it away or choose another data folder."
                )
            check = "integrity_check" if full else "quick_check"
            problems = [row[0] for row in conn.execute(f"PRAGMA {check}(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(
            f"The progress file {path} is damaged ({exc}). It was left untouched; restore a backup."
        ) from exc
    if problems != ["ok"]:
        raise CorruptStore(
            f"The progress file {path} failed its integrity check ({'; '.join(problems)}). "
            "It was left untouched; restore a backup."
        )
    return int(version)


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database with the online backup API into ``target`` (made durable, 0600).
    A copy that fails leaves no ``.part`` behind; a full disk is said in those words."""
    make_private_dir(target.parent)
    partial = target.with_name(target.name + ".part")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))  # private from the start
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, Path(f"{partial}-journal")):
            try:
                leftover.unlink()
            except OSError:
                pass
        if disk_nearly_full(target.parent):
            raise sqlite3.OperationalError(f"the disk is full ({exc})") from exc
        raise
    fsync_dir(target.parent)
    return target


def disk_nearly_full(folder: Path, *, margin: int = 4 * 2**20) -> bool:
    """Whether ``folder``'s disk has less than ``margin`` bytes free (SQLite often says only
    "disk I/O error" when a write runs out of space)."""
    try:
        return shutil.disk_usage(folder).free < margin
    except OSError:
        return False


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` 0700 (POSIX), or make an existing one private: study history is personal."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(folder, 0o700)


def make_private(path: Path, mode: int = 0o600) -> None:
    """Take group and other permissions away from ``path`` (POSIX; quietly skipped where it cannot)."""
    if os.name != "posix":
        return
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, mode)
    except OSError:
        pass


def private_files(db: Path) -> None:
    """The progress file and its -wal/-shm: 0600; a -wal/-shm left read-only (SQLite gives them the
    main file's mode, so a read-only progress file made them 0444) follows the main file once it is
    writable again, or every answer would fail after the learner fixed the main file."""
    if not db.is_file():
        return  # a folder where the file should be: reported (and a backup offered) by inspect
    make_private(db)
    writable = os.access(db, os.W_OK)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db}{suffix}")
        if not side.exists():
            continue
        if writable and not os.access(side, os.W_OK):
            try:
                os.chmod(side, 0o600 if os.name == "posix" else stat.S_IWRITE | stat.S_IREAD)
            except OSError:
                pass
        make_private(side)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unique_path(folder: Path, stem: str, suffix: str = ".sqlite3") -> Path:
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def timestamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def migrate(conn: sqlite3.Connection, start: int, target: int = SCHEMA_VERSION) -> None:
    """Run each step after ``start`` up to ``target``, one transaction per step."""
    for module in MIGRATIONS[start:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            module.migrate(conn)
            conn.execute(f"PRAGMA user_version = {int(module.VERSION)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def create(path: Path, target: int = SCHEMA_VERSION) -> None:
    """Build a new store at ``path`` (temp file + rename, so no half-made file is ever left)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm"), Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # private: study history
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, 0, target)
    finally:
        conn.close()  # checkpoints the WAL into the file and removes it
    os.replace(partial, path)
    fsync_dir(path.parent)
