"""Schema v3: stored memory states are to be recomputed in study days (FSRS elapsed time, issue 23).

Until v2 the scheduler counted elapsed time in 24-hour steps. The recomputation needs the scheduler,
which storage does not import: this step only records, in the same transaction as the version bump,
that it is due (``settings.replay_pending``), and only if there are scheduled reviews to replay. The
front door (``kquiz.app.replay``) replays each card's log on the next open and deletes the mark in
the transaction that stores the result, so the work is done once and a crash means it is redone.
"""

from __future__ import annotations

import sqlite3

VERSION = 3

REPLAY_PENDING = "replay_pending"  # settings name; value: why (JSON string)

STATEMENTS = (
    f"INSERT OR REPLACE INTO settings (name, value) SELECT '{REPLAY_PENDING}', '\"study-days\"'"
    " WHERE EXISTS (SELECT 1 FROM review_log WHERE mode = 'scheduled')",
)


def migrate(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
