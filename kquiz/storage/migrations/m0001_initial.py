"""Schema v1 (kquiz 0.1 pre-release): progress and the review log; no settings, no flags.

Times are integers: microseconds since the Unix epoch, UTC (exact round trip of a datetime).
"""

from __future__ import annotations

import sqlite3

VERSION = 1

_MEMORY = """
    {p}state INTEGER NOT NULL, {p}step INTEGER, {p}stability REAL, {p}difficulty REAL,
    {p}due_us INTEGER, {p}last_review_us INTEGER,
    {p}reps INTEGER NOT NULL, {p}lapses INTEGER NOT NULL"""

STATEMENTS = (
    f"""CREATE TABLE progress (
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        {_MEMORY.format(p="")},
        content_hash TEXT NOT NULL DEFAULT '',
        suspended INTEGER NOT NULL DEFAULT 0,
        buried_until_us INTEGER,
        PRIMARY KEY (deck_id, card_id)
    ) WITHOUT ROWID""",
    f"""CREATE TABLE review_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        reviewed_at_us INTEGER NOT NULL,
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        mode TEXT NOT NULL,
        {_MEMORY.format(p="b_")},
        {_MEMORY.format(p="a_")}
    )""",
    "CREATE INDEX review_log_time ON review_log (reviewed_at_us)",
    "CREATE INDEX review_log_card ON review_log (deck_id, card_id, reviewed_at_us)",
)


def migrate(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
