"""Benchmark the card browser on a big library: open until the first rows are drawn, search, sort, history.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_browser.py [--cards 10000] [--repeat 5] [--json]

The library is gen.py's generated deck of ``--cards`` cards (every card type); two thirds of the cards
get progress and 6 answers each in the log (bulk-written into a store made by ProgressStore.open).
Budgets (issue 14): first rows ≤ 1 s after Ctrl+B, a search ≤ 150 ms median, a sort ≤ 300 ms, the
card's history panel ≤ 50 ms. Floors, measured in the same run: a bare QWidget shown (open), the same
filter as one SQL query on the progress table (search), Python's sort of the row list by the same key
(sort), one indexed SELECT of a card's answers (history).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from perfutil import median, report  # noqa: E402

from kquiz.clock import FixedClock  # noqa: E402
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, ReviewRecord, StudyMode  # noqa: E402
from kquiz.storage import ProgressStore, codec  # noqa: E402

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
QUERIES = ("prop:lapses>2", "-is:new receptor", "is:due or is:flagged", "type:choice prop:interval>=10")
BUDGETS = {"open": 1.0, "search": 0.150, "sort": 0.300, "history": 0.050}


def build_store(data: Path, keys: list[CardKey]) -> None:
    rng = random.Random(7)
    store = ProgressStore.open(data / "progress.sqlite3", clock=FixedClock(NOW))
    rows, reviews = [], []
    for key in keys[: len(keys) * 2 // 3]:
        last = NOW - timedelta(days=rng.uniform(0, 30))
        ivl = rng.uniform(1, 60)
        lapses = rng.choice((0, 0, 0, 1, 2, 3, 5))
        m = MemoryState(
            CardState.REVIEW, None, ivl, rng.uniform(2, 9), last + timedelta(days=ivl), last, 6, lapses
        )
        rows.append(Progress(key, m, flagged=rng.random() < 0.02, suspended=rng.random() < 0.02))
        for i in range(6):
            at = last - timedelta(days=5 * (6 - i))
            reviews.append(ReviewRecord(key, at, Rating.GOOD, StudyMode.SCHEDULED, 4000, MemoryState(), m))
    store.write_progress(rows, [])
    cols = codec.REVIEW_COLUMNS[1:]
    with store.connection:
        store.connection.executemany(
            f"INSERT INTO review_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [codec.review_values(r) for r in reviews],
        )
    store.close()


def measure(n_cards: int, repeat: int) -> dict[str, float]:
    from gen import deck_file, deck_set
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from kquiz.app import open_core
    from kquiz.app.cards import card_details
    from kquiz.ui.browser.window import BrowserWindow
    from kquiz.ui.workers import wait_idle

    app = QApplication.instance() or QApplication([])
    folder = deck_file(n_cards).parent if n_cards <= 10_000 else deck_set(n_cards, 10)  # ≤ 10 MB a file
    tmp = Path(tempfile.mkdtemp(prefix="kquiz-bench-browser-"))
    core = open_core(tmp / "data", clock=FixedClock(NOW), extra_deck_dirs=[folder], include_bundled=False)
    core.load_library()
    keys = [CardKey(d.id, c.id) for d in core.library.decks for c in d.cards]
    build_store(tmp / "data", keys)
    settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)

    def wait_rows(browser: BrowserWindow, shown: list[int]) -> None:
        while not shown:
            wait_idle(50)
            app.processEvents()
        browser.table.viewport().repaint()

    def wait_all(browser: BrowserWindow, shown: list[int]) -> None:  # the first page is drawn: now every card
        while browser.pending is not None or browser.index is None or len(browser.index.rows) < len(keys):
            wait_idle(50)
            app.processEvents()
        while not wait_idle(50) or browser.timer.isActive():
            app.processEvents()
        app.processEvents()

    def open_once() -> float:
        start = time.perf_counter()
        browser = BrowserWindow(core, settings)
        shown: list[int] = []
        browser.results_shown.connect(shown.append)
        browser.show()
        wait_rows(browser, shown)
        elapsed = time.perf_counter() - start
        wait_all(browser, shown)
        out["open_all"] = max(out.get("open_all", 0.0), time.perf_counter() - start)
        browser.close()
        browser.deleteLater()
        app.processEvents()
        return elapsed

    def bare() -> float:
        start = time.perf_counter()
        w = QWidget()
        w.resize(1320, 760)
        w.show()
        app.processEvents()
        w.grab()
        elapsed = time.perf_counter() - start
        w.close()
        return elapsed

    out: dict[str, float] = {"cards": float(len(keys))}
    out["open_floor"] = median([bare() for _ in range(repeat)])
    out["open_first"] = open_once()
    out["open"] = median([open_once() for _ in range(repeat)])
    browser = BrowserWindow(core, settings)
    shown: list[int] = []
    browser.results_shown.connect(shown.append)
    browser.show()
    wait_rows(browser, shown)
    wait_all(browser, shown)
    search, floor = [], []
    conn = sqlite3.connect(tmp / "data" / "progress.sqlite3")
    for _ in range(repeat):
        for q in QUERIES:
            shown.clear()
            start = time.perf_counter()
            browser.search.setText(q)
            browser.run_search()
            wait_rows(browser, shown)
            search.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute("SELECT deck_id, card_id FROM progress WHERE lapses > 2").fetchall()
        floor.append(time.perf_counter() - start)
    out["search"], out["search_floor"] = median(search), median(floor)
    browser.search.setText("")
    shown.clear()
    browser.run_search()
    wait_rows(browser, shown)
    sort, sort_floor = [], []
    names = [c.name for c in browser.model.columns]
    for _ in range(repeat):
        for name in ("due", "question", "recall", "lapses"):
            start = time.perf_counter()
            browser.table.sortByColumn(
                names.index(name), browser.table.horizontalHeader().sortIndicatorOrder()
            )
            browser.table.viewport().repaint()
            sort.append(time.perf_counter() - start)
        rows = list(browser.model.rows)
        start = time.perf_counter()
        rows.sort(key=lambda r: r.lapses)
        sort_floor.append(time.perf_counter() - start)
    out["sort"], out["sort_floor"] = median(sort), median(sort_floor)
    keys = [r.key for r in browser.model.rows[:: max(1, len(browser.model.rows) // 20)]]
    hist, hist_floor = [], []
    for key in keys:
        start = time.perf_counter()
        browser.panel.show_details(card_details(core, key))
        hist.append(time.perf_counter() - start)
        start = time.perf_counter()
        conn.execute(
            "SELECT * FROM review_log WHERE deck_id = ? AND card_id = ?", (key.deck_id, key.card_id)
        ).fetchall()
        hist_floor.append(time.perf_counter() - start)
    out["history"], out["history_floor"] = median(hist), median(hist_floor)
    conn.close()
    browser.close()
    core.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="one JSON line (for benchmarks/run.py)")
    args = parser.parse_args(argv)
    r = measure(args.cards, args.repeat)
    if args.json:
        report(**r)
        return 0
    print(f"browser on {r['cards']:,.0f} cards (median of {args.repeat})")
    for name, label in (
        ("open", "open until the first rows are drawn"),
        ("search", "search re-filters and redraws"),
        ("sort", "sort a column and redraw"),
        ("history", "card + history panel"),
    ):
        ok = "yes" if r[name] <= BUDGETS[name] else "NO"
        print(
            f"  {label:40} {r[name] * 1000:8.1f} ms  floor {r[name + '_floor'] * 1000:7.2f} ms  "
            f"budget {BUDGETS[name] * 1000:.0f} ms  met: {ok}"
        )
    print(
        f"  (first open: {r['open_first'] * 1000:.1f} ms; every card's row shown: {r['open_all'] * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
