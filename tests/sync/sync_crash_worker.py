"""Child process for the sync crash test: answers cards and runs sync rounds until it is killed.

    python3 tests/sync/sync_crash_worker.py DATA_DIR DECK_DIR SEED MODE

MODE ``time``: the parent SIGKILLs it at a random moment. The other modes kill it (SIGKILL, from
inside) at one point of the first round that reaches it: ``write`` once its segment is written and
flushed under its temporary name, before the rename; ``adopt`` after the segment is in place, before
the install; ``install`` inside the install's transaction, the reviews inserted, before the commit.
``worker`` runs the rounds as the app does, prepared and installed on another thread while this one
keeps answering (the parent kills it at a random moment); ``worker-install`` and ``worker-adopt``
too, killed inside the install's transaction or between its segment and its install. After each answer the app has saved it prints ``A <uid>``; after each
installed round ``R``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import kquiz.app.sync as app_sync
import kquiz.storage.journal as journal
import kquiz.sync
import kquiz.sync.folder as sync_folder
from kquiz.app import Selection, open_core
from kquiz.clock import FixedClock
from kquiz.domain import Rating
from kquiz.storage.journal import Changes

START = datetime(2026, 3, 2, 12, tzinfo=UTC)


def _die(*_: Any, **__: Any) -> Any:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


class _DyingOs:
    """``os`` for kquiz.sync.folder only, whose ``replace`` (the segment's rename) kills the process."""

    replace = staticmethod(_die)

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)


def _write_then_die(conn: sqlite3.Connection, changes: Changes, now_us: int) -> None:
    """The real install's writes, then death before the commit (when it merges)."""
    real_write(conn, changes, now_us)
    if changes.insert_reviews or changes.save:
        _die()


real_write = journal._write


def _rounds_on_a_worker(core: Any) -> None:
    """As the app does: every round prepared and installed on another thread, while the owner answers."""
    while True:
        prepared = app_sync.prepare_round(core)
        assert prepared is not None
        if app_sync.install_round_result(core, prepared).installed:
            print("R", flush=True)
        time.sleep(0.01)


def main() -> None:
    data, decks, seed, mode = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(seed)
    probe = open_core(data, include_bundled=False)
    last = probe.store.connection.execute("SELECT MAX(reviewed_at_us) FROM review_log").fetchone()[0]
    probe.close()
    begin = START if last is None else datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=last)
    clock = FixedClock(begin + timedelta(hours=1))
    core = open_core(data, clock=clock, seed=seed, extra_deck_dirs=[decks], include_bundled=False)
    core.load_library()
    if mode == "write":
        sync_folder.os = _DyingOs()  # type: ignore[assignment]
    elif mode in ("adopt", "worker-adopt"):
        kquiz.sync.install_round = _die  # the name app.sync imports when it installs
    elif mode in ("install", "worker-install"):
        journal._write = _write_then_die
    if mode.startswith("worker"):  # the app's way: rounds on a worker thread beside the answers
        threading.Thread(target=_rounds_on_a_worker, args=(core,), daemon=True).start()
    while True:
        session = core.start_session(Selection(deck_ids=("alpha",)))
        for _ in range(rng.randint(1, 6)):
            if session.current is None:
                break
            session.reveal()
            session.rate(rng.choice(list(Rating)))
            uid = core.store.connection.execute(
                "SELECT uid FROM review_log ORDER BY id DESC LIMIT 1"
            ).fetchone()
            print("A", uid[0], flush=True)
            clock.advance(seconds=rng.randint(5, 90))
        clock.advance(hours=rng.randint(1, 30))
        if mode.startswith("worker"):
            time.sleep(0.02)
            continue
        app_sync.sync_round(core)
        print("R", flush=True)


if __name__ == "__main__":
    main()
