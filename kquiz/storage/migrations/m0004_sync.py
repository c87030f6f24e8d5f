"""Schema v4: progress that can be synced through a shared folder (issue 19, ``kquiz.sync``).

* Every review gets a globally unique id, ``review_log.uid``: a UUIDv7 whose time part is the review's
  time. Existing rows get one here; new rows get one from a trigger, so no writer has to know.
  ``review_log.origin`` is the device a merged review came from (NULL: answered in this data folder).
* Deleting a review (an undo) leaves a tombstone of its uid in ``sync_tombstones`` (a trigger), so
  the undo reaches the other devices and a synced copy of the review is never merged back.
* Deleting a progress row (a reset, or undoing a card's first answer) is noted in ``sync_gone`` (a
  trigger): the next sync round tells a reset from an undo there without scanning the whole log.
* ``sync_marks`` (one last-writer-wins register per card and mark), ``sync_resets`` (per card, the last
  review a progress reset covered), ``sync_settings`` (one register per synced setting) and
  ``sync_segments`` (every segment file applied or written) hold the merged state of the journal.
"""

from __future__ import annotations

import sqlite3

VERSION = 4


def uuid7_sql(time_us: str) -> str:
    """SQL for a UUIDv7 string whose 48-bit millisecond time is ``time_us`` / 1000 (the rest random)."""
    ms = f"printf('%012x', ({time_us}) / 1000)"
    rnd = "lower(hex(randomblob(10)))"
    return (
        f"(SELECT substr(t, 1, 8) || '-' || substr(t, 9, 4) || '-7' || substr(r, 1, 3) || '-'"
        f" || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(r, 4, 3) || '-' || substr(r, 7, 12)"
        f" FROM (SELECT {ms} AS t, {rnd} AS r))"
    )


STATEMENTS = (
    "ALTER TABLE review_log ADD COLUMN uid TEXT",
    "ALTER TABLE review_log ADD COLUMN origin TEXT",
    f"UPDATE review_log SET uid = {uuid7_sql('reviewed_at_us')}",
    "CREATE UNIQUE INDEX review_log_uid ON review_log (uid)",
    f"""CREATE TRIGGER review_log_new_uid AFTER INSERT ON review_log WHEN NEW.uid IS NULL
        BEGIN UPDATE review_log SET uid = {uuid7_sql("NEW.reviewed_at_us")} WHERE id = NEW.id; END""",
    """CREATE TABLE sync_tombstones (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE, origin TEXT)""",
    """CREATE TRIGGER review_log_tombstone AFTER DELETE ON review_log WHEN OLD.uid IS NOT NULL
        BEGIN INSERT OR IGNORE INTO sync_tombstones (uid) VALUES (OLD.uid); END""",
    "CREATE TABLE sync_gone (seq INTEGER PRIMARY KEY AUTOINCREMENT, deck_id TEXT NOT NULL, card_id TEXT NOT NULL)",
    # cards reset before this step (answers, no progress row): the first round tells the others
    """INSERT INTO sync_gone (deck_id, card_id) SELECT DISTINCT r.deck_id, r.card_id FROM review_log r
        WHERE r.mode = 'scheduled' AND NOT EXISTS
            (SELECT 1 FROM progress p WHERE p.deck_id = r.deck_id AND p.card_id = r.card_id)""",
    """CREATE TRIGGER progress_gone AFTER DELETE ON progress
        BEGIN INSERT INTO sync_gone (deck_id, card_id) VALUES (OLD.deck_id, OLD.card_id); END""",
    """CREATE TABLE sync_marks (
        deck_id TEXT NOT NULL, card_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
        at_us INTEGER NOT NULL, device TEXT NOT NULL, PRIMARY KEY (deck_id, card_id, field)
    ) WITHOUT ROWID""",
    """CREATE TABLE sync_resets (
        deck_id TEXT NOT NULL, card_id TEXT NOT NULL, cut_us INTEGER NOT NULL, cut_uid TEXT NOT NULL,
        PRIMARY KEY (deck_id, card_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE sync_settings (
        name TEXT PRIMARY KEY, value TEXT NOT NULL, at_us INTEGER NOT NULL, device TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE sync_segments (
        device TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_us INTEGER NOT NULL,
        PRIMARY KEY (device, name)
    ) WITHOUT ROWID""",
)


def migrate(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
