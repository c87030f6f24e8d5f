"""Cost of one durable review commit, as a ratio to a bare SQLite insert+commit in the same run.

    python3 benchmarks/bench_store.py [--n 500] [--dir PATH]

Baseline: a plain sqlite3 connection with the same pragmas (WAL, synchronous=FULL), inserting one
small row and committing. Measured: ProgressStore.record_review (log row + progress upsert, one
transaction), record_review without progress (practice), and save_progress. Files live under
benchmarks/_work/ by default (same disk as the repo; not tmpfs). Rounds alternate so drift in
disk speed hits both sides; medians are reported.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kquiz.clock import FixedClock  # noqa: E402
from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode  # noqa: E402
from kquiz.scheduling import Scheduler  # noqa: E402
from kquiz.storage import ProgressStore  # noqa: E402

T0 = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)


def bare(folder: Path, n: int) -> list[float]:
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")
    times = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (at, v) VALUES (?, ?)", (i, "card"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def store_ops(folder: Path, n: int, round_no: int) -> dict[str, list[float]]:
    clock = FixedClock(T0)
    scheduler = Scheduler()
    results: dict[str, list[float]] = {"record_review": [], "record_review (practice)": [], "save_progress": []}
    with ProgressStore.open(folder / "progress.sqlite3", clock=clock) as store:
        for i in range(n):
            key = CardKey("bench", f"r{round_no}-c{i}")
            now = T0 + timedelta(seconds=i)
            after = scheduler.next_state(key, MemoryState(), Rating.GOOD, now)
            record = ReviewRecord(key, now, Rating.GOOD, StudyMode.SCHEDULED, 2500, MemoryState(), after)
            progress = Progress(key, after, content_hash="x" * 64)
            start = time.perf_counter()
            store.record_review(record, progress)
            results["record_review"].append(time.perf_counter() - start)
            start = time.perf_counter()
            store.record_review(record, None)
            results["record_review (practice)"].append(time.perf_counter() - start)
            start = time.perf_counter()
            store.save_progress(progress)
            results["save_progress"].append(time.perf_counter() - start)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="operations per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "_work" / "store")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    baseline: list[float] = []
    measured: dict[str, list[float]] = {}
    for round_no in range(args.rounds):
        baseline += bare(args.dir, args.n)
        for name, values in store_ops(args.dir, args.n, round_no).items():
            measured.setdefault(name, []).extend(values)
    base = statistics.median(baseline)
    print(f"bare insert+commit (WAL, synchronous=FULL): median {base * 1e3:.3f} ms  (n={len(baseline)})")
    for name, values in measured.items():
        med = statistics.median(values)
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"{name:28s} median {med * 1e3:.3f} ms  p95 {p95 * 1e3:.3f} ms  ratio {med / base:.2f}x")
    shutil.rmtree(args.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
