"""Crash durability of the progress store: 200 SIGKILL trials, 0 lost answers expected.

    python3 benchmarks/crash_store.py [--trials 200] [--seed 1]

A worker (tests/storage/crash_worker.py) answers cards in a loop through ProgressStore and prints
each answer after record_review returns; the parent kills it with SIGKILL after a random number
of acknowledged answers (so usually in the middle of the next transaction), reopens the file and
checks: every acknowledged review is in the log, each card's stored state equals the "after" of
its last logged review, each review starts from the previous one's "after", integrity_check ok.
The same file is reused across trials, so every restart recovers from the previous crash.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.storage.crash_check import run_trial  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=ROOT / "benchmarks" / "_work" / "crash")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    db = args.dir / "progress.sqlite3"
    rng = random.Random(args.seed)
    acked = lost = bad = 0
    start = time.perf_counter()
    for trial in range(args.trials):
        result = run_trial(db, seed=args.seed * 100_000 + trial, rng=rng)
        acked += result.acknowledged
        lost += len(result.lost)
        bad += len(result.mismatched)
        if result.lost or result.mismatched:
            print(f"trial {trial}: lost {result.lost} mismatched {result.mismatched[:3]}")
    elapsed = time.perf_counter() - start
    print(
        f"{args.trials} SIGKILL trials in {elapsed:.0f} s: {acked} acknowledged answers, "
        f"{lost} lost, {bad} state mismatches"
    )
    shutil.rmtree(args.dir, ignore_errors=True)
    return 0 if lost == 0 and bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
