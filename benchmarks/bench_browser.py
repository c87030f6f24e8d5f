"""Benchmark the card browser on a big library: open until the first rows are drawn, search, sort, history,
memory.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_browser.py [--cards 10000] [--answers N] [--repeat 5]

The library is gen.py's generated deck of ``--cards`` cards (every card type; 100,000 cards come as ten
decks). The store holds ``--answers`` simulated answers (default 10 per card: 1,000,000 for 100,000
cards; bench_stats.simulate_card's learning steps, lapses, practice and days off) over a random share
of the cards, with progress rows matching each card's last scheduled answer; it is built once in a
child process and kept under benchmarks/_work/gen.
Budgets (issue 14): first rows ≤ 1 s after Ctrl+B, a search ≤ 150 ms median, a sort ≤ 300 ms, the
card's history panel ≤ 50 ms, memory ≤ +100 MiB over the library alone. Floors, measured in the same
run: a bare QWidget shown (open), the same filter as one SQL query where the store alone can answer it
(search), Python's sort of the row list by the same key (sort), one indexed SELECT of a card's answers
(history), the process's RSS with the library loaded and a main window shown, garbage collected
(memory: the browser's RSS is measured with every row loaded, and its peak while opening).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import inspect
import multiprocessing
import os
import random
import shutil
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

from perfutil import median, report, rss_mib  # noqa: E402

from kquiz.clock import FixedClock  # noqa: E402
from kquiz.domain import CardKey  # noqa: E402
from kquiz.storage import ProgressStore, codec  # noqa: E402

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
QUERIES = (  # a query, and the same filter as one SQL query where the store alone can answer it
    ("prop:lapses>2", "SELECT deck_id, card_id FROM progress WHERE lapses > 2"),
    ("-is:new receptor", None),
    ("is:due or is:flagged", None),
    ("type:choice prop:interval>=10", None),
    ("answered:7", "SELECT DISTINCT deck_id, card_id FROM review_log WHERE reviewed_at_us >= ?"),
)
BUDGETS = {"open": 1.0, "search": 0.150, "sort": 0.300, "history": 0.050}
MEMORY_BUDGET_MIB = 100
LONGEST = "SELECT deck_id, card_id FROM review_log GROUP BY deck_id, card_id ORDER BY count(*) DESC LIMIT 1"


def reset_peak() -> None:
    """Start the peak RSS (VmHWM) again from the current RSS (Linux: clear_refs 5)."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def peak_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def fill_store(path: Path, keys: list[CardKey], n_answers: int) -> None:
    """Write ``n_answers`` simulated answers (bench_stats.simulate_card: learning steps, growing intervals,
    lapses, ~10 % practice, days off) over a random share of ``keys`` into a new store at ``path``, each
    studied card's progress row its last scheduled answer's state; 2 % flagged, 2 % suspended, a card of
    8+ lapses a leech. One bulk transaction. Run in a child process: its lists cost far more than the
    browser being measured."""
    from bench_stats import DAY_US, insert_history, simulate_card

    rng = random.Random(7)
    end_us = codec.to_us(NOW)
    off_days = {d for d in range(end_us // DAY_US - 3000, end_us // DAY_US - 20) if rng.random() < 0.12}
    order = list(keys)
    rng.shuffle(order)
    span = 365.0  # days a card has been studied at most: grows until the answers fit in the keys
    while True:
        reviews: list[tuple[object, ...]] = []
        progress: list[tuple[object, ...]] = []
        for key in order:
            if len(reviews) >= n_answers:
                break
            first = end_us - int(rng.uniform(1, span) * DAY_US)
            rows, prog = simulate_card(rng, key.deck_id, key.card_id, first, end_us, off_days, 45.0)
            if prog is None or len(reviews) + len(rows) > n_answers:
                continue
            reviews += rows
            lapses = prog[9]
            progress.append(
                (*prog[:11], int(rng.random() < 0.02), None, int(rng.random() < 0.02), int(lapses >= 8), 0)
            )
        if len(reviews) >= n_answers * 0.99 or span > 3000:
            break
        span *= 1.5
    ProgressStore.open(path, clock=FixedClock(NOW)).close()
    conn = sqlite3.connect(path)
    insert_history(conn, reviews, progress, rng)
    conn.close()


def build_store(data: Path, keys: list[CardKey], n_answers: int) -> None:
    """``data/progress.sqlite3``: a copy of fill_store's store, made once (in a child) and kept under
    benchmarks/_work/gen (keyed by the cards, the answers and the simulation's source)."""
    import bench_stats

    source = (inspect.getsource(bench_stats.simulate_card) + inspect.getsource(fill_store)).encode()
    digest = hashlib.sha256(source + "\n".join(map(str, keys[:: max(1, len(keys) // 50)])).encode())
    cache = HERE / "_work" / "gen" / f"browser-{len(keys)}-{n_answers}-{digest.hexdigest()[:8]}.sqlite3"
    if not cache.exists():
        start = time.perf_counter()
        cache.parent.mkdir(parents=True, exist_ok=True)
        part = cache.with_suffix(".part")
        part.unlink(missing_ok=True)
        child = multiprocessing.get_context("fork").Process(target=fill_store, args=(part, keys, n_answers))
        child.start()
        child.join()
        if child.exitcode != 0:
            raise SystemExit(f"building the store failed ({child.exitcode})")
        part.replace(cache)
        print(f"built {n_answers:,} answers in {time.perf_counter() - start:.0f} s: {cache}", file=sys.stderr)
    data.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{data / 'progress.sqlite3'}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cache, data / "progress.sqlite3")


def measure(n_cards: int, n_answers: int, repeat: int) -> dict[str, float]:
    from gen import deck_file, deck_set

    from kquiz.app import open_core

    folder = deck_file(n_cards).parent if n_cards <= 10_000 else deck_set(n_cards, 10)  # ≤ 10 MB a file
    tmp = Path(tempfile.mkdtemp(prefix="kquiz-bench-browser-"))
    core = open_core(tmp / "data", clock=FixedClock(NOW), extra_deck_dirs=[folder], include_bundled=False)
    core.load_library()
    keys = [CardKey(d.id, c.id) for d in core.library.decks for c in d.cards]
    core.close()
    build_store(tmp / "data", keys, n_answers)  # before Qt: the store is built in a forked child

    from bench_stats import bare_widget
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from kquiz.app.cards import card_details
    from kquiz.ui.browser.window import BrowserWindow
    from kquiz.ui.main_window import MainWindow
    from kquiz.ui.workers import wait_idle

    app = QApplication.instance() or QApplication([])
    core = open_core(tmp / "data", clock=FixedClock(NOW), extra_deck_dirs=[folder], include_bundled=False)
    core.load_library()
    settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)
    conn = sqlite3.connect(tmp / "data" / "progress.sqlite3")
    out: dict[str, float] = {"cards": float(len(keys))}
    out["answers"] = float(conn.execute("SELECT count(*) FROM review_log").fetchone()[0])
    out["studied"] = float(conn.execute("SELECT count(*) FROM progress").fetchone()[0])

    def wait_rows(browser: BrowserWindow, shown: list[int]) -> None:
        while not shown:
            wait_idle(50)
            app.processEvents()
        browser.table.viewport().repaint()

    def wait_all(browser: BrowserWindow) -> None:  # the first page is drawn: now every card
        while browser.pending is not None or browser.index is None or len(browser.index.rows) < len(keys):
            wait_idle(50)
            app.processEvents()
        while not wait_idle(50) or browser.timer.isActive():
            app.processEvents()
        app.processEvents()

    shown: list[int] = []

    def open_once() -> float:
        start = time.perf_counter()
        browser = BrowserWindow(core, settings)
        shown.clear()
        browser.results_shown.connect(shown.append)
        browser.show()
        wait_rows(browser, shown)
        elapsed = time.perf_counter() - start
        wait_all(browser)
        out["open_all"] = max(out.get("open_all", 0.0), time.perf_counter() - start)
        browser.close()
        browser.deleteLater()
        app.processEvents()
        return elapsed

    # memory first, in a process that has not opened a browser yet: the library alone (the main window
    # with the library loaded and drawn, garbage collected) vs the browser opened from it (Ctrl+B) with
    # every row loaded
    main = MainWindow(core, settings)
    main.show()
    main.loader.load()
    while main.loader.busy or not wait_idle(50):
        app.processEvents()
    main.library.repaint()
    app.processEvents()
    gc.collect()
    out["rss_library"] = rss_mib()
    reset_peak()
    start = time.perf_counter()
    shown.clear()
    main.open_browser()
    browser = main.browser
    browser.results_shown.connect(shown.append)
    wait_rows(browser, shown)
    out["open_first"] = time.perf_counter() - start
    wait_all(browser)
    gc.collect()
    out["rss_browser"], out["rss_peak"] = rss_mib(), peak_mib()
    out["open_floor"] = median([bare_widget(app, (1320, 760)) for _ in range(repeat)])
    opens = [open_once() for _ in range(repeat)]
    out["open"] = median(opens)
    search: dict[str, list[float]] = {q: [] for q, _sql in QUERIES}
    floors: dict[str, list[float]] = {q: [] for q, sql in QUERIES if sql}
    day = codec.to_us(NOW - timedelta(days=7))
    for _ in range(repeat):
        for q, sql in QUERIES:
            shown.clear()
            start = time.perf_counter()
            browser.search.setText(q)
            browser.run_search()
            wait_rows(browser, shown)
            search[q].append(time.perf_counter() - start)
            if sql:
                start = time.perf_counter()
                conn.execute(sql, (day,) if "?" in sql else ()).fetchall()
                floors[q].append(time.perf_counter() - start)
    out["search"] = median([t for ts in search.values() for t in ts])
    out["search_floor"] = median([t for ts in floors.values() for t in ts])
    for i, (q, _sql) in enumerate(QUERIES):
        out[f"search_{i}"] = median(search[q])
        if q in floors:
            out[f"search_{i}_floor"] = median(floors[q])
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
    studied = [r for r in browser.model.rows if r.reviews]  # 20 cards with a history, and the longest
    keys = [r.key for r in studied[:: max(1, len(studied) // 20)]][:20]
    keys.append(CardKey(*conn.execute(LONGEST).fetchone()))
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
    out["history_longest"], out["history_longest_floor"] = hist[-1], hist_floor[-1]
    conn.close()
    browser.close()
    core.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--answers", type=int, help="answers in the review log (default: 10 per card)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="one JSON line (for benchmarks/run.py)")
    args = parser.parse_args(argv)
    r = measure(args.cards, args.cards * 10 if args.answers is None else args.answers, args.repeat)
    if args.json:
        report(**r)
        return 0
    print(
        f"browser on {r['cards']:,.0f} cards, {r['answers']:,.0f} answers over {r['studied']:,.0f} studied cards"
        f" (median of {args.repeat})"
    )
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
    for i, (q, _sql) in enumerate(QUERIES):
        floor = r.get(f"search_{i}_floor")
        both = f"  floor {floor * 1000:7.2f} ms" if floor is not None else ""
        print(f"    search {q!r:34} {r[f'search_{i}'] * 1000:8.1f} ms{both}")
    print(
        f"    the longest history: {r['history_longest'] * 1000:.1f} ms"
        f"  floor {r['history_longest_floor'] * 1000:.2f} ms"
    )
    extra, peak = r["rss_browser"] - r["rss_library"], r["rss_peak"] - r["rss_library"]
    print(
        f"  {'memory, browser open, every row loaded':40} {extra:+8.1f} MiB  floor {r['rss_library']:7.1f} MiB "
        f"(library alone)  budget +{MEMORY_BUDGET_MIB} MiB  met: {'yes' if extra <= MEMORY_BUDGET_MIB else 'NO'}"
    )
    print(f"    peak while opening {peak:+.1f} MiB")
    print(
        f"  (first open: {r['open_first'] * 1000:.1f} ms; every card's row shown: {r['open_all'] * 1000:.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
