"""Crash durability of a study session through the real core: 200 SIGKILL trials, 0 lost answers.

    python3 benchmarks/crash_session.py [--trials 200] [--seed 1]

A worker (tests/reliability/session_crash_worker.py) opens the app core on a data dir with a small
deck and studies: flips and grades, answers true/false cards, sometimes undoes. It prints each
answer only once ``rate()`` returned and the next card is current. The parent SIGKILLs it after a
random number of acknowledged answers (plus 0-20 ms, so the kill lands anywhere in the next step),
reopens the store and checks: every acknowledged answer is in the log with its card and rating,
nothing taken back is, every logged state and every card's stored state equal a replay of the log
through the Scheduler, integrity_check ok. The data dir is reused, so each start recovers from the
previous kill and every check covers all the answers acknowledged so far.
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

from tests.reliability.session_crash import Ledger, run_trial, write_deck  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=ROOT / "benchmarks" / "_work" / "crash_session")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    deck_dir, data_dir = args.dir / "decks", args.dir / "data"
    write_deck(deck_dir)
    rng = random.Random(args.seed)
    ledger = Ledger()
    lost = bad = logged = 0
    start = time.perf_counter()
    for trial in range(args.trials):
        result = run_trial(data_dir, deck_dir, seed=args.seed * 100_000 + trial, rng=rng, ledger=ledger)
        lost += len(result.lost)
        bad += len(result.mismatched)
        logged = result.logged
        if result.lost or result.mismatched:
            print(f"trial {trial}: lost {result.lost[:3]} mismatched {result.mismatched[:3]}")
    elapsed = time.perf_counter() - start
    print(
        f"{args.trials} SIGKILL trials in {elapsed:.0f} s ({elapsed / args.trials:.2f} s per trial): "
        f"{ledger.answers} acknowledged answers ({ledger.undos} of them taken back by an acknowledged undo, "
        f"{len(ledger.acked)} must be in the log), {logged} reviews in the log; "
        f"{lost} lost answers, {bad} mismatches with the replay"
    )
    shutil.rmtree(args.dir, ignore_errors=True)
    return 0 if lost == 0 and bad == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
