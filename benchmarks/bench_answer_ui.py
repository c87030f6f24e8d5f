"""Answer → next card drawn, through the real window (offscreen), vs one SQLite insert + commit.

    python3 benchmarks/bench_answer_ui.py [--n 200] [--cards 10000] [--json OUT]

The kquiz window is the one ``kquiz`` opens (``kquiz.ui.launch.build_app``) on a data folder holding
a generated deck of ``--cards`` cards (benchmarks/gen.py, every card type), with daily limits lifted.
After the library has loaded, its Study button starts a session. For each card the answer is shown
(``StudyScreen.reveal``, not timed: the learner reads it), then the timed step: the study screen's
key handler gets "3" (Good) exactly as its shortcut delivers it, which grades, commits the review
durably (WAL, synchronous=FULL: one fsync) and renders the next card; events are then processed
until the question label of that next card has been painted. The first ``warmup`` answers are not
timed. Floor commits alternate with the answers (one before, one after each), because fsync latency
on this machine changes over time (sometimes ~0.3 ms, sometimes in 4 ms steps, machine-wide).
Floor, in the same process and on the same disk: a plain ``sqlite3`` connection with the store's
pragmas (WAL, synchronous=FULL, foreign keys) doing one INSERT + COMMIT. Both run alternately in
rounds so disk and CPU drift hit both. The core-only figure (no Qt) is benchmarks/bench_answer.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perfutil import median, report

WORK = Path(__file__).resolve().parent / "_work"


def bare_commit(conn: sqlite3.Connection, i: int) -> float:
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO t (at, v) VALUES (?, ?)", (i, "card"))
    conn.execute("COMMIT")
    return time.perf_counter() - start


def run(n: int, cards: int, warmup: int = 60) -> dict:
    from gen import deck_file
    from PySide6.QtCore import QEvent, QObject

    from kquiz.app import Settings, open_core
    from kquiz.ui.launch import build_app

    WORK.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="answer-ui-", dir=WORK))  # the repo's disk, not tmpfs
    try:
        conn = sqlite3.connect(tmp / "bare.sqlite3", isolation_level=None)
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")

        deck = deck_file(cards)
        core = open_core(tmp / "data", extra_deck_dirs=[deck.parent], include_bundled=False, seed=1)
        core.save_settings(Settings(new_per_day=9999, reviews_per_day=9999))
        running = build_app(tmp / "data", core=core, load=False)
        app, window = running.app, running.window
        loaded = []
        window.loader.loaded.connect(loaded.append)
        window.loader.load()
        while not loaded or window.loader.busy:  # a first load draws big deck files one step at a time
            app.processEvents()
            time.sleep(0.002)
        window.library.study_button.click()
        screen = window.study
        deadline = time.monotonic() + 300
        while window.stack.currentWidget() is not screen or screen.session is None:  # may start off-thread
            assert time.monotonic() < deadline, window.statusBar().currentMessage()
            app.processEvents()
            time.sleep(0.002)
        prompt = screen.card.prompt
        painted = []

        class Watch(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    painted.append(prompt.text())
                return False

        watch = Watch()
        prompt.installEventFilter(watch)
        times, floor = [], []
        for i in range(-warmup, n):  # warm-up answers (and floor commits) are not timed
            floor.append(bare_commit(conn, i))
            before = screen.session.current.key
            screen.reveal()
            app.processEvents()  # the answer is drawn; the learner reads it (not timed)
            assert str(screen.session.phase).upper().endswith("ANSWER")
            painted.clear()
            start = time.perf_counter()
            screen.key("3")
            while not painted:
                app.processEvents()
            assert screen.session.current.key != before, "the next card was not shown"
            if i >= 0:
                times.append(time.perf_counter() - start)
            floor.append(bare_commit(conn, n + i))
        floor = floor[2 * warmup :]
        reviews = core.store.count_reviews(since=None, until=None)
        running.close()
        conn.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    assert reviews >= n + warmup, f"only {reviews} reviews were written"
    return {
        "value": median(times),
        "floor": median(floor),
        "answers": n,
        "cards": cards,
        "p90": sorted(times)[int(len(times) * 0.9)],
        "reviews_written": reviews,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--json", action="store_true", help="print one JSON line (for run.py)")
    args = parser.parse_args(argv)
    result = run(args.n, args.cards)
    if args.json:
        report(**result)
        return 0
    print(
        f"answer → next card drawn, {args.cards:,}-card deck: median {result['value'] * 1000:.2f} ms "
        f"(p90 {result['p90'] * 1000:.2f} ms); SQLite insert+commit: {result['floor'] * 1000:.3f} ms; "
        f"ratio {result['value'] / result['floor']:.1f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
