"""Run one crash trial (worker killed with SIGKILL) and check nothing acknowledged was lost."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kquiz.clock import FixedClock
from kquiz.storage import ProgressStore

WORKER = Path(__file__).resolve().parent / "crash_worker.py"


@dataclass
class TrialResult:
    acknowledged: int
    in_log: int
    lost: list[int]
    mismatched: list[str]


def run_trial(db: Path, seed: int, rng: random.Random, max_acks: int = 120) -> TrialResult:
    """Let the worker save a random number of answers, then SIGKILL it without warning."""
    target = rng.randrange(1, max_acks)
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(db), str(seed)], stdout=subprocess.PIPE, text=True, bufsize=1
    )
    acked: list[int] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            acked.append(int(line.split()[0]))
            if len(acked) >= target:
                child.send_signal(signal.SIGKILL)  # mid-loop: often inside the next transaction
                break
    finally:
        child.kill()
        child.wait()
    return check(db, acked)


def check(db: Path, acked: list[int]) -> TrialResult:
    with ProgressStore.open(db, clock=FixedClock(datetime(2030, 1, 1, tzinfo=UTC))) as store:
        reviews = list(store.iter_reviews())
        ids = {r.id for r in reviews}
        lost = [i for i in acked if i not in ids]
        mismatched = []
        last: dict = {}
        for review in sorted(
            reviews, key=lambda r: r.id
        ):  # replay in commit order: each review starts where the previous one ended
            previous = last.get(review.key)
            if previous is not None and review.before != previous.after:
                mismatched.append(f"review {review.id} of {review.key} does not follow {previous.id}")
            last[review.key] = review
        for key, review in last.items():
            stored = store.get(key)
            if stored is None or stored.memory != review.after:
                mismatched.append(f"{key}: stored state differs from its last logged review {review.id}")
        if store.verify():
            mismatched.append("integrity check failed")
    return TrialResult(len(acked), len(reviews), lost, mismatched)
