"""Kill a process that is saving answers (SIGKILL, mid-write) and check that nothing it acknowledged
is lost and that the stored card states match a replay of the log. 200 trials: benchmarks/crash_store.py."""

from __future__ import annotations

import random
import sys

import pytest

from .crash_check import run_trial

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_no_acknowledged_answer_is_lost_when_killed(tmp_path):
    rng = random.Random(20260302)
    db = tmp_path / "progress.sqlite3"
    total_acked = 0
    for trial in range(4):  # the same file across trials: each restart continues after a crash
        result = run_trial(db, seed=trial, rng=rng, max_acks=60)
        total_acked += result.acknowledged
        assert result.lost == [], f"trial {trial}: acknowledged answers missing from the log"
        assert result.mismatched == [], result.mismatched
        assert result.in_log >= total_acked
        assert result.in_log <= total_acked + trial + 1  # at most one unacknowledged commit per kill
