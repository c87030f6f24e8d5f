"""ProgressStore: the learner's progress and review log in one SQLite file.

Every write is one transaction that is on disk when the method returns (WAL journal,
``synchronous=FULL``: one fsync of the WAL per commit). The review log is append-only except
for ``undo_review``, which removes the row it is asked to and nothing else. The review log methods
live in ``kquiz.storage.review_log`` (``ReviewLog``, a base of ``ProgressStore``).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kquiz.clock import Clock
from kquiz.domain import CardKey, Progress
from kquiz.errors import CorruptStore, StorageError
from kquiz.storage import codec, opening
from kquiz.storage.migrations import SCHEMA_VERSION
from kquiz.storage.review_log import UPSERT_PROGRESS, ReviewLog, in_list

_P_COLS = ", ".join(codec.PROGRESS_COLUMNS)


def _write_failed(what: str, exc: sqlite3.Error) -> StorageError:
    """A write error in plain words: what went wrong and that nothing saved before is lost."""
    text = str(exc).lower()
    if "full" in text:
        reason = "the disk is full. Free some disk space, then try again"
    elif "readonly" in text or "read-only" in text:
        reason = "the progress file or its folder is read-only. Make it writable, then try again"
    elif "disk i/o" in text or "unable to open" in text:
        reason = "the disk reported an error. Check the drive, then try again"
    else:
        return StorageError(f"{what}: {exc}. Everything saved before is safe.")
    return StorageError(f"{what}: {reason} ({exc}). Everything saved before is safe.")


def thread_checks_enabled() -> bool:
    """The debug-mode owner-thread checks (store writes, the core's mutating methods): on when Python
    runs without ``-O`` and ``KQUIZ_CHECK_THREADS`` is set to anything but ``0`` (the test suite sets it)."""
    return __debug__ and os.environ.get("KQUIZ_CHECK_THREADS", "0") not in ("", "0")


class ProgressStore(ReviewLog):
    """Open with ``ProgressStore.open(path, clock=...)``; use as a context manager or call close().

    Threading: the thread that opened the store owns it and is the only one that writes (asserted in
    debug mode, see ``thread_checks_enabled``). Reads may come from any thread: one lock serialises the
    connection, and a write transaction holds it until it commits."""

    def __init__(self, conn: sqlite3.Connection, path: Path, clock: Clock, rng: random.Random | None = None):
        self._conn: sqlite3.Connection | None = conn  # None once closed
        self._rng = rng if rng is not None else random.Random()  # the random bits of review uids
        self._lock = threading.RLock()
        self._owner = threading.get_ident()
        self.check_owner = thread_checks_enabled()
        self.path = path
        self.clock = clock
        self.migrated_from: int | None = None  # schema version before an upgrade on open
        self.pre_migration_backup: Path | None = None

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, clock: Clock, rng: random.Random | None = None) -> ProgressStore:
        """Open (creating or upgrading) the store; SchemaTooNew / CorruptStore leave the file as is.
        ``rng`` gives the random part of each new review's uid (None: a generator seeded by the OS)."""
        path = Path(path)
        if path.exists():
            opening.private_files(path)  # older files were 0644; a -wal/-shm left 0444 is fixed
        version = opening.inspect(path) if path.exists() else None
        if version is None:
            try:
                opening.create(path)
            except (OSError, sqlite3.Error) as exc:
                raise StorageError(
                    f"Cannot create the progress file {path}: {getattr(exc, 'strerror', None) or exc}. "
                    "Check that the data folder exists and is writable."
                ) from exc
        opening.make_private(path)  # before SQLite makes the -wal and -shm: they copy its mode
        try:
            conn = opening.connect(path)
        except sqlite3.Error as exc:
            raise StorageError(f"Cannot open the progress file {path}: {exc}") from exc
        try:
            opening.apply_pragmas(conn)
            store = cls(conn, path, clock, rng)
            if version == 0:  # an empty SQLite file (no tables): build the schema, nothing to back up
                opening.migrate(conn, 0)
            elif version is not None and version < SCHEMA_VERSION:
                store.pre_migration_backup = opening.backup_to(
                    conn,
                    opening.unique_path(
                        path.parent / "backups",
                        f"progress-pre-v{SCHEMA_VERSION}-{opening.timestamp(clock.now())}",
                    ),
                )
                opening.migrate(conn, version)
                store.migrated_from = version
        except (sqlite3.Error, OSError) as exc:
            conn.close()
            raise StorageError(f"Cannot prepare the progress file {path}: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return store

    def checkpoint(self) -> bool:
        """Move every answer from the -wal file into the main progress file (end of a session, close):
        the main file alone then holds everything. False when a reader kept part of it in the WAL."""
        with self._lock:
            if self._conn is None:
                return False
            try:
                busy = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.Error:
                return False  # e.g. another process mid-write: its own checkpoint (or ours later) does it
            return not busy

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except sqlite3.Error:
                    pass  # closing the last connection checkpoints too; a failure loses nothing
                self._conn.close()
                self._conn = None

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._query("PRAGMA user_version")[0][0])

    def backup_to(self, target: Path) -> Path:
        """Write a consistent copy of the store to ``target`` with the SQLite online backup API.

        The copy is read through a connection of its own: under WAL it sees one committed
        snapshot while this store keeps committing answers (safe to call from a worker thread)."""
        if self._conn is None:
            raise StorageError("The progress store is closed.")
        reader = opening.connect(self.path, read_only=True)
        try:
            reader.execute("BEGIN")  # one read transaction: a single snapshot for the whole copy
            reader.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return opening.backup_to(reader, Path(target))
        finally:
            reader.close()

    def verify(self) -> list[str]:
        """Run the full ``PRAGMA integrity_check``; returns the problems found (empty when sound)."""
        rows = self._query("PRAGMA integrity_check(20)")
        problems = [str(r[0]) for r in rows]
        return [] if problems == ["ok"] else problems

    @property
    def connection(self) -> sqlite3.Connection:
        """The live connection (for backups and diagnostics; do not write through it)."""
        if self._conn is None:
            raise StorageError("The progress store is closed.")
        return self._conn

    # -- plumbing ----------------------------------------------------------------------------
    def assert_owner(self, what: str) -> None:
        """Debug mode: fail loudly when ``what`` runs on a thread other than the owner."""
        if self.check_owner and threading.get_ident() != self._owner:
            raise AssertionError(f"{what} ran on thread {threading.get_ident()}, not the owner {self._owner}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.assert_owner("a progress store write")
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StorageError("The progress store is closed.")
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _write_failed("Could not start writing progress", exc) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _write_failed("Could not save progress", exc) from exc
                raise

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One durable write transaction on the owner thread (BEGIN IMMEDIATE ... COMMIT, rolled back on
        an error) for a part that writes tables of its own, such as ``kquiz.storage.journal``."""
        return self._transaction()

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        with self._lock:
            if self._conn is None:
                raise StorageError("The progress store is closed.")
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StorageError(f"Could not read progress: {exc}") from exc

    # -- progress ----------------------------------------------------------------------------
    def get(self, key: CardKey) -> Progress | None:
        rows = self._query(
            f"SELECT {_P_COLS} FROM progress WHERE deck_id = ? AND card_id = ?", (key.deck_id, key.card_id)
        )
        return codec.progress_from(rows[0]) if rows else None

    def all_progress(self, deck_ids: Iterable[str] | None = None) -> dict[CardKey, Progress]:
        sql, params = f"SELECT {_P_COLS} FROM progress", list[str]()
        if deck_ids is not None:
            clause, params = in_list("deck_id", list(deck_ids))
            sql += f" WHERE {clause}"
        return {p.key: p for p in map(codec.progress_from, self._query(sql, params))}

    def save_progress(self, progress: Progress) -> None:
        with self._transaction() as conn:
            conn.execute(UPSERT_PROGRESS, codec.progress_values(progress))

    def save_many(self, rows: Iterable[Progress]) -> None:
        """Store these progress rows in one transaction (one fsync, however many rows)."""
        with self._transaction() as conn:
            conn.executemany(UPSERT_PROGRESS, [codec.progress_values(p) for p in rows])

    def write_progress(self, save: Iterable[Progress], delete: Iterable[CardKey]) -> None:
        """Store ``save`` and delete the rows of ``delete``, in one transaction (a bulk action or its undo)."""
        rows = [codec.progress_values(p) for p in save]
        gone = [(k.deck_id, k.card_id) for k in delete]
        with self._transaction() as conn:
            conn.executemany(UPSERT_PROGRESS, rows)
            conn.executemany("DELETE FROM progress WHERE deck_id = ? AND card_id = ?", gone)

    def move_cards(self, moves: Iterable[tuple[CardKey, CardKey]]) -> None:
        """Give the progress row and the answers of each old card to its new id, in one transaction
        (a renamed card). The caller makes sure the new id holds no progress row."""
        pairs = [(new.card_id, old.deck_id, old.card_id) for old, new in moves if old.deck_id == new.deck_id]
        with self._transaction() as conn:
            conn.executemany("UPDATE progress SET card_id = ? WHERE deck_id = ? AND card_id = ?", pairs)
            conn.executemany("UPDATE review_log SET card_id = ? WHERE deck_id = ? AND card_id = ?", pairs)

    def delete_progress(self, keys: Iterable[CardKey]) -> int:
        with self._transaction() as conn:
            return sum(
                conn.execute(
                    "DELETE FROM progress WHERE deck_id = ? AND card_id = ?", (k.deck_id, k.card_id)
                ).rowcount
                for k in keys
            )

    def save_progress_batch(self, progress: Iterable[Progress], *, done_setting: str | None = None) -> int:
        """Store many progress rows in one durable transaction; ``done_setting`` is deleted in the same
        transaction (a one-time task marks itself done together with its result). Returns the count."""
        with self._transaction() as conn:
            count = 0
            for row in progress:
                conn.execute(UPSERT_PROGRESS, codec.progress_values(row))
                count += 1
            if done_setting is not None:
                conn.execute("DELETE FROM settings WHERE name = ?", (done_setting,))
        return count

    # -- settings ----------------------------------------------------------------------------
    def get_setting(self, name: str, default: Any = None) -> Any:
        """The stored JSON value; CorruptStore if the stored text is not JSON (edited by hand, damaged)."""
        rows = self._query("SELECT value FROM settings WHERE name = ?", (name,))
        if not rows:
            return default
        try:
            return json.loads(rows[0][0])
        except (TypeError, ValueError) as exc:
            raise CorruptStore(f"Setting {name!r} in {self.path} is damaged (not JSON): {exc}") from exc

    def set_setting(self, name: str, value: Any) -> None:
        try:
            text = json.dumps(value, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise StorageError(f"Setting {name!r} cannot be stored: {exc}") from exc
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", (name, text))

    def update_setting(self, name: str, change: Callable[[Any], Any]) -> Any:
        """Read, change and write one setting in one transaction (another process's write in between
        is never lost: BEGIN IMMEDIATE holds the write lock from the read). ``change`` gets the stored
        value (None when missing or not JSON) and returns the new one, which is returned."""
        with self._transaction() as conn:
            rows = conn.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchall()
            try:
                current = json.loads(rows[0][0]) if rows else None
            except (TypeError, ValueError):
                current = None
            value = change(current)
            try:
                text = json.dumps(value, sort_keys=True, allow_nan=False)
            except (TypeError, ValueError) as exc:
                raise StorageError(f"Setting {name!r} cannot be stored: {exc}") from exc
            conn.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", (name, text))
        return value
