"""Durable local progress: one SQLite file (``progress.sqlite3``) with a versioned schema.

Tables (schema v5):
* ``progress`` — one row per (deck_id, card_id): FSRS memory state (state, step, stability,
  difficulty, due, last review, reps, lapses), content_hash, suspended, buried_until, flagged,
  leech, changed.
* ``review_log`` — append-only: id, reviewed_at, deck_id, card_id, rating, mode, duration_ms and
  the full memory state before (``b_*``) and after (``a_*``) the review: enough to re-fit FSRS,
  replay a card, and draw every statistic. Indexed by time, by deck and time, by card.
* ``settings`` — name -> JSON value. ``replay_pending`` (set by the v3 step when there are reviews)
  asks the front door to recompute memory states from the log once (``kquiz.app.replay``).
* ``review_log.uid`` (a UUIDv7 per review, given by its writer since v5), ``review_log.origin`` (the device a merged
  review came from) and the ``sync_*`` tables: the merged state of the sync journal (``journal``).
Times are integer microseconds since the Unix epoch, UTC.
"""

from kquiz.storage.migrations import SCHEMA_VERSION
from kquiz.storage.migrations.m0003_study_days import REPLAY_PENDING
from kquiz.storage.store import ProgressStore, thread_checks_enabled

__all__ = ["REPLAY_PENDING", "SCHEMA_VERSION", "ProgressStore", "thread_checks_enabled"]
