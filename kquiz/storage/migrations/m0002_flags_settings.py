"""Schema v2: flag/leech/changed on progress, answer duration in the log, settings, deck-time index."""

from __future__ import annotations

import sqlite3

VERSION = 2

STATEMENTS = (
    "ALTER TABLE progress ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE progress ADD COLUMN leech INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE progress ADD COLUMN changed INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE review_log ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0",
    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE INDEX review_log_deck_time ON review_log (deck_id, reviewed_at_us)",
    "CREATE INDEX progress_due ON progress (deck_id, due_us)",
)


def migrate(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
