"""Regenerate the committed progress-file fixtures of past schemas.

    python3 tests/data/stores/make_fixtures.py

progress-v1.sqlite3: schema v1 (no flagged/leech/changed columns, no duration_ms, no settings
table) with 3 cards of progress and 5 reviews, one of them practice. Built only from the frozen
v1 migration, so it stays what a kquiz of that version wrote. Content is fixed (no clock, no RNG).
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from kquiz.storage import opening  # noqa: E402

T0 = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def us(moment: datetime | None) -> int | None:
    return None if moment is None else (moment - EPOCH) // timedelta(microseconds=1)


NEW = (0, None, None, None, None, None, 0, 0)


def memory(state, step, stability, difficulty, due, last, reps, lapses):
    return (state, step, stability, difficulty, us(due), us(last), reps, lapses)


# (deck, card) -> list of (at, rating, mode, before, after)
H1 = memory(1, 1, 2.3065, 2.1181, T0 + timedelta(minutes=10), T0, 1, 0)
R1 = memory(2, None, 2.3065, 2.1181, T0 + timedelta(days=2, minutes=10), T0 + timedelta(minutes=10), 2, 0)
H2 = memory(1, 0, 0.212, 6.4133, T0 + timedelta(minutes=6), T0 + timedelta(minutes=5), 1, 0)
H3 = memory(2, None, 8.2956, 1.0, T0 + timedelta(days=8, minutes=7), T0 + timedelta(minutes=7), 1, 0)
REVIEWS = [
    ("ketamine-basics", "nmda", T0, 3, "scheduled", NEW, H1),
    ("ketamine-basics", "nmda", T0 + timedelta(minutes=10), 3, "scheduled", H1, R1),
    ("ketamine-basics", "dose-forms", T0 + timedelta(minutes=5), 1, "scheduled", NEW, H2),
    ("ketamine-risks", "bladder", T0 + timedelta(minutes=7), 4, "scheduled", NEW, H3),
    ("ketamine-risks", "bladder", T0 + timedelta(minutes=8), 1, "practice", H3, H3),
]
PROGRESS = [
    ("ketamine-basics", "nmda", *R1, "hash-nmda", 0, None),
    ("ketamine-basics", "dose-forms", *H2, "hash-dose", 1, None),
    ("ketamine-risks", "bladder", *H3, "hash-bladder", 0, us(T0 + timedelta(days=1))),
]


def make_v1(target: Path) -> None:
    target.unlink(missing_ok=True)
    opening.create(target, target=1)
    conn = sqlite3.connect(target)
    with conn:
        conn.executemany(f"INSERT INTO progress VALUES ({', '.join('?' * 13)})", PROGRESS)
        conn.executemany(
            "INSERT INTO review_log (reviewed_at_us, deck_id, card_id, rating, mode,"
            " b_state, b_step, b_stability, b_difficulty, b_due_us, b_last_review_us, b_reps, b_lapses,"
            " a_state, a_step, a_stability, a_difficulty, a_due_us, a_last_review_us, a_reps, a_lapses)"
            f" VALUES ({', '.join('?' * 21)})",
            [
                (us(at), deck, card, rating, mode, *before, *after)
                for deck, card, at, rating, mode, before, after in REVIEWS
            ],
        )
    conn.close()
    assert not Path(f"{target}-wal").exists()


if __name__ == "__main__":
    make_v1(HERE / "progress-v1.sqlite3")
    print("wrote", HERE / "progress-v1.sqlite3")
