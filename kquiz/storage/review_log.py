"""The review log part of ``ProgressStore``: appending answers, undoing one, reading them back.

The log is append-only except for ``undo_review``, which removes the row it is asked to and nothing
else. ``ProgressStore`` takes these methods from :class:`ReviewLog` (the attributes below are the
store's own); every write is one of the store's durable transactions.
"""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from kquiz.domain import CardKey, Progress, ReviewRecord, StudyMode
from kquiz.errors import StorageError
from kquiz.storage import codec

UPSERT_PROGRESS = (
    f"INSERT OR REPLACE INTO progress ({', '.join(codec.PROGRESS_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(codec.PROGRESS_COLUMNS))})"
)
_R_COLS = ", ".join(codec.REVIEW_COLUMNS)
_INSERT_REVIEW = (
    f"INSERT INTO review_log ({', '.join(codec.REVIEW_COLUMNS[1:])}, uid) "
    f"VALUES ({', '.join('?' * len(codec.REVIEW_COLUMNS))})"
)
_FETCH_BATCH = 500


def in_list(column: str, values: list[str]) -> tuple[str, list[str]]:
    return f"{column} IN ({', '.join('?' * len(values))})", values


class ReviewLog:
    """The review log methods of ``ProgressStore``."""

    _conn: sqlite3.Connection | None
    _lock: threading.RLock
    _rng: random.Random

    def _values(self, record: ReviewRecord) -> tuple[Any, ...]:
        """The row of a new review: its columns, then its uid (a UUIDv7 of its time, schema v5)."""
        values = codec.review_values(record)
        return (*values, codec.uuid7(values[0], self._rng.getrandbits(74)))

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def data_version(self) -> int:
        """A number that changes when another connection commits (a sync round installed on a worker):
        with ``connection.total_changes`` it tells a cache of store reads that it is stale."""
        return int(self._query("PRAGMA data_version")[0][0])

    def reviewed_keys(self, keys: Iterable[CardKey]) -> set[CardKey]:
        """Which of ``keys`` have at least one answer in the review log (the card index)."""
        found = set()
        for key in keys:
            rows = self._query(
                "SELECT 1 FROM review_log WHERE deck_id = ? AND card_id = ? LIMIT 1",
                (key.deck_id, key.card_id),
            )
            if rows:
                found.add(key)
        return found

    def record_review(self, record: ReviewRecord, progress: Progress | None) -> ReviewRecord:
        """Append ``record`` and (unless None) store ``progress``, in one durable transaction."""
        if progress is not None and progress.key != record.key:
            raise StorageError(f"Review of {record.key} cannot update progress of {progress.key}.")
        with self._transaction() as conn:
            review_id = conn.execute(_INSERT_REVIEW, self._values(record)).lastrowid
            if progress is not None:
                conn.execute(UPSERT_PROGRESS, codec.progress_values(progress))
        return ReviewRecord(
            key=record.key,
            reviewed_at=record.reviewed_at,
            rating=record.rating,
            mode=record.mode,
            duration_ms=record.duration_ms,
            before=record.before,
            after=record.after,
            id=review_id,
        )

    def record_reviews(self, records: Iterable[ReviewRecord]) -> int:
        """Append many log rows (a submitted test's answers) in one durable transaction; no progress
        row is touched. Returns how many were stored."""
        with self._transaction() as conn:
            cursor = conn.executemany(_INSERT_REVIEW, [self._values(r) for r in records])
        return int(cursor.rowcount)

    def undo_review(self, review_id: int, restore: Progress | None) -> None:
        """Delete log row ``review_id`` and put back ``restore`` (None deletes the card's progress)."""
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT deck_id, card_id FROM review_log WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                raise StorageError(f"There is no review {review_id} to undo.")
            key = CardKey(row[0], row[1])
            conn.execute("DELETE FROM review_log WHERE id = ?", (review_id,))
            if restore is None:
                conn.execute(
                    "DELETE FROM progress WHERE deck_id = ? AND card_id = ?", (key.deck_id, key.card_id)
                )
            elif restore.key != key:
                raise StorageError(f"Review {review_id} is of {key}, not {restore.key}.")
            else:
                conn.execute(UPSERT_PROGRESS, codec.progress_values(restore))

    def _review_filter(
        self,
        since: datetime | None,
        until: datetime | None,
        deck_ids: Iterable[str] | None,
        mode: StudyMode | None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if since is not None:
            clauses.append("reviewed_at_us >= ?")
            params.append(codec.to_us(since))
        if until is not None:
            clauses.append("reviewed_at_us < ?")
            params.append(codec.to_us(until))
        if deck_ids is not None:
            clause, values = in_list("deck_id", list(deck_ids))
            clauses.append(clause)
            params.extend(values)
        if mode is not None:
            clauses.append("mode = ?")
            params.append(str(mode))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def iter_reviews(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        deck_ids: Iterable[str] | None = None,
        mode: StudyMode | None = None,
    ) -> Iterator[ReviewRecord]:
        """Reviews in [since, until), oldest first, streamed in batches (constant memory)."""
        where, params = self._review_filter(since, until, deck_ids, mode)
        with self._lock:
            if self._conn is None:
                raise StorageError("The progress store is closed.")
            cursor = self._conn.cursor()
            cursor.execute(f"SELECT {_R_COLS} FROM review_log{where} ORDER BY reviewed_at_us, id", params)
        keys: dict[tuple[str, str], CardKey] = {}
        decode = codec.review_from
        try:
            while True:
                with self._lock:
                    rows = cursor.fetchmany(_FETCH_BATCH)
                if not rows:
                    return
                for row in rows:
                    yield decode(row, keys)
        finally:
            cursor.close()

    def count_reviews(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        deck_id: str | None = None,
        mode: StudyMode | None = StudyMode.SCHEDULED,
        first_review_only: bool = False,
    ) -> int:
        """Count reviews in [since, until); ``first_review_only`` counts only a card's first review
        (from New), i.e. new cards introduced — what the daily new-card limit spends."""
        where, params = self._review_filter(since, until, None if deck_id is None else [deck_id], mode)
        if first_review_only:
            where += (" AND " if where else " WHERE ") + "b_state = 0"
        return int(self._query(f"SELECT COUNT(*) FROM review_log{where}", params)[0][0])
