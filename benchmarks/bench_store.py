"""Cost of one durable review commit, as a ratio to a bare SQLite insert+commit in the same run.

    python3 benchmarks/bench_store.py [--n 1000] [--dir PATH]

Baseline: a plain sqlite3 connection with the same pragmas (WAL, synchronous=FULL) inserting one
small row and committing. Measured: ProgressStore.record_review (log row + progress upsert in one
transaction), record_review without progress (practice mode) and save_progress. The operations
are interleaved one by one (bare, store, bare, store, ...) so that disk and CPU contention hit
both sides alike; medians are reported. Files live under benchmarks/_work/ (same disk as the
repo, not tmpfs) and are removed afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import Scheduler
from kquiz.storage import ProgressStore

T0 = datetime(2026, 3, 2, 12, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="operations of each kind")
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "_work" / "store")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)

    bare = sqlite3.connect(args.dir / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")
    bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")

    def bare_commit(i: int) -> None:
        bare.execute("BEGIN")
        bare.execute("INSERT INTO t (at, v) VALUES (?, ?)", (i, "card"))
        bare.execute("COMMIT")

    scheduler = Scheduler()
    store = ProgressStore.open(args.dir / "progress.sqlite3", clock=FixedClock(T0))
    work = []
    for i in range(args.n):  # prepare records outside the timed part
        key = CardKey("bench", f"card-{i:05d}")
        now = T0 + timedelta(seconds=i)
        after = scheduler.next_state(key, MemoryState(), Rating.GOOD, now)
        work.append(
            (
                ReviewRecord(key, now, Rating.GOOD, StudyMode.SCHEDULED, 2500, MemoryState(), after),
                Progress(key, after, content_hash="x" * 64),
            )
        )
    ops = {
        "record_review": lambda i: store.record_review(work[i][0], work[i][1]),
        "record_review (practice)": lambda i: store.record_review(work[i][0], None),
        "save_progress": lambda i: store.save_progress(work[i][1]),
    }
    base: list[float] = []
    timed: dict[str, list[float]] = {name: [] for name in ops}
    for i in range(args.n):
        for name, op in ops.items():
            start = time.perf_counter()
            bare_commit(i)
            base.append(time.perf_counter() - start)
            start = time.perf_counter()
            op(i)
            timed[name].append(time.perf_counter() - start)
    store.close()
    bare.close()
    shutil.rmtree(args.dir, ignore_errors=True)

    b = statistics.median(base)
    print(f"bare insert+commit (WAL, synchronous=FULL)  median {b * 1e3:.3f} ms  (n={len(base)})")
    for name, values in timed.items():
        m = statistics.median(values)
        print(f"{name:27s} median {m * 1e3:.3f} ms  ratio {m / b:.2f}x  (n={len(values)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
