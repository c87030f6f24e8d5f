"""Regenerate the committed progress-file fixtures of past schemas.

    python3 tests/data/stores/make_fixtures.py

progress-v1.sqlite3: schema v1 (no flagged/leech/changed columns, no duration_ms, no settings
table) with 3 cards of progress and 5 reviews, one of them practice. Built only from the frozen
v1 migration, so it stays what a kquiz of that version wrote. Content is fixed (no clock, no RNG).

progress-v2.sqlite3: schema v2 with a real review history as kquiz 0.1 scheduled it: py-fsrs
(fuzz off) counting elapsed time in 24-hour steps. Among its cards, the issue-23 example (Easy at
20:00, Good eight study days later at 09:00), evening and morning reviews, a lapse, practice answers,
a card reset and studied again, a card still learning and one whose progress the log does not
explain. Built from the frozen v1 and v2 migrations and py-fsrs, not from kquiz's scheduler.

progress-v3.sqlite3: schema v3 (no review uids, no sync tables): the v2 history less one review,
with the study-days replay still pending.

progress-v4.sqlite3: schema v4 (review uids given by a trigger): the v2 history with fixed uids, one
review merged from another device, one undone (a tombstone), a mark register and an applied segment;
one row inserted around the trigger (uid NULL, as the v5 step must fill).
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


D = "ketamine-basics"
V2_CARDS: list[tuple[str, list[tuple[datetime, int, str]]]] = [
    (
        "issue-23",
        [
            (datetime(2025, 6, 2, 20, 0, tzinfo=UTC), 4, "s"),
            (datetime(2025, 6, 10, 9, 0, tzinfo=UTC), 3, "s"),
        ],
    ),
    (
        "evenings",
        [
            (datetime(2025, 6, 1, 21, 0, tzinfo=UTC), 3, "s"),
            (datetime(2025, 6, 1, 21, 10, tzinfo=UTC), 3, "s"),
        ]
        + [
            (datetime(2025, 6, d, h, 0, tzinfo=UTC), r, "s")
            for d, h, r in ((3, 8, 3), (6, 22, 3), (15, 7, 4), (29, 23, 3))
        ],
    ),
    (
        "lapse",
        [
            (datetime(2025, 6, 1, 9, 0, tzinfo=UTC), 4, "s"),
            (datetime(2025, 6, 9, 6, 0, tzinfo=UTC), 1, "s"),
            (datetime(2025, 6, 9, 6, 15, tzinfo=UTC), 3, "s"),
            (datetime(2025, 6, 10, 5, 0, tzinfo=UTC), 3, "s"),
        ],
    ),
    (
        "practised",
        [
            (datetime(2025, 6, 3, 19, 0, tzinfo=UTC), 4, "s"),
            (datetime(2025, 6, 4, 8, 0, tzinfo=UTC), 1, "p"),
            (datetime(2025, 6, 11, 8, 30, tzinfo=UTC), 3, "s"),
        ],
    ),
    (
        "reset",
        [
            (datetime(2025, 6, 1, 9, 0, tzinfo=UTC), 4, "s"),
            (datetime(2025, 6, 9, 9, 0, tzinfo=UTC), 3, "s"),
            (datetime(2025, 6, 12, 22, 0, tzinfo=UTC), 4, "new"),
            (datetime(2025, 6, 20, 7, 0, tzinfo=UTC), 2, "s"),
        ],
    ),
    ("learning", [(datetime(2025, 6, 14, 10, 0, tzinfo=UTC), 3, "s")]),
    (
        "imported",
        [
            (datetime(2025, 6, 2, 12, 0, tzinfo=UTC), 4, "s"),
            (datetime(2025, 6, 10, 12, 0, tzinfo=UTC), 3, "s"),
        ],
    ),
]


def _fsrs_memory(card, reps: int, lapses: int) -> tuple:  # type: ignore[no-untyped-def]
    return memory(
        int(card.state), card.step, card.stability, card.difficulty, card.due, card.last_review, reps, lapses
    )


def v2_rows() -> tuple[list[tuple], list[tuple]]:
    """(progress rows, review rows) for progress-v2: each card replayed through py-fsrs as kquiz 0.1 did."""
    import fsrs

    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    progress, reviews = [], []
    for n, (card_id, answers) in enumerate(V2_CARDS):
        card, reps, lapses, before = None, 0, 0, NEW
        for at, rating, how in answers:
            if how == "new":  # the learner reset the card: it starts again from New
                card, reps, lapses, before, how = None, 0, 0, NEW, "s"
            if how == "p":
                reviews.append((us(at), D, card_id, rating, "practice", *before, *before, 4000))
                continue
            was_review = card is not None and card.state == fsrs.State.Review
            card = card or fsrs.Card(card_id=n + 1, state=fsrs.State.Learning, step=0, due=at)
            card, _ = scheduler.review_card(card, fsrs.Rating(rating), at)
            reps, lapses = reps + 1, lapses + int(was_review and rating == 1)
            after = _fsrs_memory(card, reps, lapses)
            reviews.append((us(at), D, card_id, rating, "scheduled", *before, *after, 5000))
            before = after
        if card_id == "imported":  # progress brought from elsewhere: two more reviews than the log has
            before = (*before[:6], before[6] + 2, before[7])
        progress.append((D, card_id, *before, f"hash-{card_id}", 0, None, 0, 0, 0))
    reviews.sort(key=lambda r: r[0])
    return progress, reviews


LOG_COLUMNS = (  # review_log's columns from schema v2 on (v1 had no duration_ms)
    "reviewed_at_us, deck_id, card_id, rating, mode,"
    " b_state, b_step, b_stability, b_difficulty, b_due_us, b_last_review_us, b_reps, b_lapses,"
    " a_state, a_step, a_stability, a_difficulty, a_due_us, a_last_review_us, a_reps, a_lapses, duration_ms"
)


def _insert_history(conn: sqlite3.Connection, progress: list, reviews: list, *extra: str) -> None:
    """v2's progress rows (16 columns) and review rows, with ``extra`` log columns after duration_ms."""
    conn.executemany(f"INSERT INTO progress VALUES ({', '.join('?' * 16)})", progress)
    columns = ", ".join((LOG_COLUMNS, *extra))
    marks = ", ".join("?" * (22 + len(extra)))
    conn.executemany(f"INSERT INTO review_log ({columns}) VALUES ({marks})", reviews)


def make_v2(target: Path) -> None:
    target.unlink(missing_ok=True)
    opening.create(target, target=2)
    progress, reviews = v2_rows()
    conn = sqlite3.connect(target)
    with conn:
        _insert_history(conn, progress, reviews)
    conn.close()
    assert not Path(f"{target}-wal").exists()


def make_v3(target: Path) -> None:
    """Schema v3 (before the sync step): the v2 history, the replay mark set and one undone answer's
    gap in the ids (row 5 deleted), so the v4 step gives ids to a log with a hole in it."""
    target.unlink(missing_ok=True)
    opening.create(target, target=3)
    progress, reviews = v2_rows()
    conn = sqlite3.connect(target)
    with conn:
        _insert_history(conn, progress, reviews)
        conn.execute("DELETE FROM review_log WHERE id = 5")
        conn.execute("INSERT INTO settings (name, value) VALUES ('replay_pending', '\"study-days\"')")
    conn.close()
    assert not Path(f"{target}-wal").exists()


def fixed_uid(n: int, at_us: int) -> str:
    """A UUIDv7-shaped uid of ``at_us`` with a fixed 'random' part ``n`` (a fixture has no RNG)."""
    h = f"{at_us // 1000:012x}7000{0x8000 + n:04x}{n:012x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def make_v4(target: Path) -> None:
    """Schema v4 (before writers gave uids): the v2 history with fixed uids (row 5 undone: its tombstone),
    one review merged from device ``0123456789abcdef``, a flag register and that device's applied segment,
    and the last review inserted with a NULL uid by dropping and re-creating the trigger around it."""
    target.unlink(missing_ok=True)
    opening.create(target, target=4)
    progress, reviews = v2_rows()
    other = "0123456789abcdef"
    conn = sqlite3.connect(target)
    with conn:
        rows = [(*r, fixed_uid(n, r[0]), other if n == 3 else None) for n, r in enumerate(reviews)]
        _insert_history(conn, progress, rows[:-1], "uid", "origin")
        conn.execute("DELETE FROM review_log WHERE id = 5")  # an undo: its tombstone by the trigger
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'review_log_new_uid'"
        ).fetchone()
        conn.execute("DROP TRIGGER review_log_new_uid")
        _insert_history(conn, [], [reviews[-1]])
        conn.execute(trigger)
        conn.execute(
            "INSERT INTO sync_marks VALUES (?, ?, 'flagged', 'true', ?, ?)", (D, "lapse", us(T0), other)
        )
        conn.execute("INSERT INTO sync_segments VALUES (?, ?, ?, ?)", (other, "00000001-0123456789abcdef.kqs",
                     "0123456789abcdef" * 4, us(T0 + timedelta(days=30))))  # fmt: skip
        conn.execute("INSERT INTO settings (name, value) VALUES ('sync_device', '\"fedcba9876543210\"')")
    conn.close()
    assert not Path(f"{target}-wal").exists()


if __name__ == "__main__":
    make_v1(HERE / "progress-v1.sqlite3")
    make_v2(HERE / "progress-v2.sqlite3")
    make_v3(HERE / "progress-v3.sqlite3")
    make_v4(HERE / "progress-v4.sqlite3")
    print("wrote", *(HERE / f"progress-v{n}.sqlite3" for n in (1, 2, 3, 4)))
