"""Schema v5: the writer gives each new review its uid (a UUIDv7 made in Python, ``codec.uuid7``).

Schema v4's ``review_log_new_uid`` trigger gave one to every row inserted without it; its presence cost
every insert into the log (about 1 s per 100,000 rows merged by a sync round), so it goes.
Any row still without a uid (inserted around the trigger) gets one here.
"""

from __future__ import annotations

import sqlite3

from kquiz.storage.migrations.m0004_sync import uuid7_sql

VERSION = 5

STATEMENTS = (
    "DROP TRIGGER IF EXISTS review_log_new_uid",
    f"UPDATE review_log SET uid = {uuid7_sql('reviewed_at_us')} WHERE uid IS NULL",
)


def migrate(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
