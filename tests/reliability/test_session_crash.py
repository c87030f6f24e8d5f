"""Session-level crash test (a short run; benchmarks/crash_session.py runs 200 trials)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from tests.reliability.session_crash import Ledger, check_session, run_trial, write_deck


def test_sigkilled_sessions_lose_no_acknowledged_answer(tmp_path: Path) -> None:
    deck_dir, data_dir = tmp_path / "decks", tmp_path / "data"
    write_deck(deck_dir)
    rng, ledger = random.Random(7), Ledger()
    steps = 0
    for trial in range(4):
        result = run_trial(data_dir, deck_dir, seed=700 + trial, rng=rng, ledger=ledger, max_acks=40)
        assert result.lost == []
        assert result.mismatched == []
        steps += result.acknowledged
    assert steps >= 4
    assert len(ledger.acked) >= 4
    assert result.logged >= len(ledger.acked)


def test_the_checker_sees_a_lost_answer_and_a_wrong_state(tmp_path: Path) -> None:
    """The checks are not vacuous: tamper with a finished run and they report it."""
    deck_dir, data_dir = tmp_path / "decks", tmp_path / "data"
    write_deck(deck_dir)
    ledger = Ledger()
    run_trial(data_dir, deck_dir, seed=5, rng=random.Random(3), ledger=ledger, max_acks=30)
    clean = check_session(data_dir, ledger)
    assert clean.lost == [] and clean.mismatched == []
    assert ledger.acked
    review_id = max(ledger.acked)
    key, rating = ledger.acked[review_id]
    ledger.apply(f"A {review_id + 1000} {key} {rating}")  # acknowledged, never written
    db = sqlite3.connect(data_dir / "progress.sqlite3")
    with db:
        db.execute("UPDATE progress SET stability = stability + 1 WHERE stability IS NOT NULL")
    db.close()
    damaged = check_session(data_dir, ledger)
    assert any(str(review_id + 1000) in line for line in damaged.lost)
    assert any("differs from the replay" in line for line in damaged.mismatched)
