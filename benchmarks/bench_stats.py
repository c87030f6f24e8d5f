"""Benchmark the statistics: compute_report and the Stats window on 100,000 / 1,000,000-answer histories.

    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_stats.py [--sizes 100000 1000000] [--repeat 3]
    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_stats.py --screenshots docs/screenshots

Each history is simulated (learning steps, growing intervals, lapses, ~10 % practice, days off) and
bulk-written into a real progress store (schema from ProgressStore.open), with a generated deck of
as many cards as the history needs. Every figure is printed next to a baseline measured in the same
run: a full scan of the review log (``SELECT count(*), sum(duration_ms)``) for compute_report, and
showing a bare QWidget for opening the window (until its charts are painted).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kquiz.app import open_core
from kquiz.app.stats import compute_report
from kquiz.clock import FixedClock
from kquiz.storage import ProgressStore, codec

DAY_US = 86_400_000_000
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
TOPICS = ("foundations", "mechanisms", "indications", "risks")


def simulate_card(
    rng: random.Random,
    deck: str,
    card: str,
    start_us: int,
    end_us: int,
    off_days: set[int],
    max_interval: float = 45.0,
):
    """Review-log rows (and the final progress row) of one card studied from ``start_us``."""
    rows = []
    t, state, ivl, stab, last, reps, lapses = start_us, 0, 0.0, None, None, 0, 0
    while t < end_us:
        while (t // DAY_US) in off_days:
            t += DAY_US
        if t >= end_us:
            break
        r = rng.random()
        rating = 1 if r < 0.1 else 2 if r < 0.2 else 4 if r > 0.85 else 3
        due_before = None if state == 0 else t
        before = (
            state,
            0 if state in (1, 3) else None,
            stab,
            5.0 if stab else None,
            due_before,
            last,
            reps,
            lapses,
        )
        if state in (0, 1, 3):
            nstate, nivl = (state if rating == 1 else 2), (ivl if state == 3 else 1.0)
            if state == 3 and rating > 1:
                nivl = max(1.0, ivl)
        else:
            if rating == 1:
                lapses += 1
                nstate, nivl = 3, max(1.0, ivl * 0.3)
            else:
                nstate, nivl = 2, min(max_interval, ivl * (1.2, 2.5, 3.5)[rating - 2])
        reps += 1
        stab = max(0.5, nivl * 1.1)
        step_us = 600_000_000 if nstate in (1, 3) else int(nivl * DAY_US)
        due = t + step_us
        after = (nstate, 0 if nstate in (1, 3) else None, stab, 5.0, due, t, reps, lapses)
        mode = "practice" if rng.random() < 0.1 else "scheduled"
        rows.append((t, deck, card, rating, mode, rng.randrange(2000, 20000), *before, *after))
        if mode == "scheduled":
            state, ivl, last = nstate, nivl, t
            t = due + rng.randrange(0, 3600) * 1_000_000
        else:
            t += rng.randrange(60, 3600) * 1_000_000
    if not rows:
        return rows, None
    final = next((r for r in reversed(rows) if r[4] == "scheduled"), None)
    memory = final[14:22] if final else (0, None, None, None, None, None, 0, 0)
    progress = (deck, card, *memory, "", 0, None, 0, 0, 0)
    return rows, progress


def insert_history(conn: sqlite3.Connection, reviews: list, progress: list, rng: random.Random) -> None:
    """Simulated answers (in time order, each with a uid: schema v5) and progress rows, one transaction."""
    with conn:
        cols = (*codec.REVIEW_COLUMNS[1:], "uid")  # every row has a uid (schema v5)
        conn.executemany(
            f"INSERT INTO review_log ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [(*r, codec.uuid7(r[0], rng.getrandbits(74))) for r in sorted(reviews)],
        )
        conn.executemany(
            f"INSERT OR REPLACE INTO progress ({', '.join(codec.PROGRESS_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(codec.PROGRESS_COLUMNS))})",
            progress,
        )


def build_history(
    folder: Path,
    n_reviews: int,
    *,
    deck_id: str = "bench",
    keys=None,
    days: int = 1825,
    seed: int = 1,
    max_interval: float = 25.0,
) -> Path:
    """Write a store with ``n_reviews`` answers under ``folder/data`` and a deck of as many cards as
    that takes, ``folder/decks/<deck_id>.yaml`` — or, given ``keys`` ((deck, card) pairs of existing
    decks), at most one history per key. Returns the data dir."""
    rng = random.Random(seed)
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    end_us = codec.to_us(NOW)
    start_us = end_us - days * DAY_US
    off_days = {d for d in range(start_us // DAY_US, end_us // DAY_US) if rng.random() < 0.12}
    off_days -= set(range(end_us // DAY_US - 20, end_us // DAY_US + 1))  # a current streak
    reviews, progress, cards = [], [], []
    i = 0
    while len(reviews) < n_reviews and not (keys and i >= len(keys)):
        deck, card = keys[i] if keys else (deck_id, f"c{i:06d}")
        first = start_us + rng.randrange(0, (days - 30) * DAY_US)
        rows, prog = simulate_card(rng, deck, card, first, end_us, off_days, max_interval)
        reviews += rows[: n_reviews - len(reviews)]
        if prog:
            progress.append(prog)
            cards.append((card, TOPICS[i % len(TOPICS)]))
        i += 1
    store_path = data / "progress.sqlite3"
    ProgressStore.open(store_path, clock=FixedClock(NOW)).close()
    conn = sqlite3.connect(store_path)
    insert_history(conn, reviews, progress, rng)
    conn.close()
    if not keys:
        write_deck(folder / "decks", deck_id, cards)
    return data


def write_deck(folder: Path, deck_id: str, cards) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "kquiz: 1",
        f"id: {deck_id}",
        'title: "Benchmark deck"',
        "topics:",
        *(f"  - {{id: {t}, title: {t.capitalize()}}}" for t in TOPICS),
        "sources:",
        '  - {id: src, title: "Generated", sections: [Body]}',
        "cards:",
    ]
    for card, topic in cards:
        lines.append(
            f'  - {{id: {card}, type: basic, topic: {topic}, front: "Q {card}?", back: "A {card}.", '
            f"source: {{id: src, section: Body}}}}"
        )
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def open_window_until_drawn(app, core) -> float:
    from kquiz.ui.stats.window import StatsWindow

    start = time.perf_counter()
    window = StatsWindow(core)
    done = []
    window.report_ready.connect(done.append)
    window.show()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    window.repaint()
    for card in window.cards.values():  # force every chart to paint
        card.grab()
    elapsed = time.perf_counter() - start
    window.close()
    window.deleteLater()
    app.processEvents()
    return elapsed


def bare_widget(app, size: tuple[int, int] = (1180, 860)) -> float:
    """The floor of a new window: a bare QWidget of ``size`` shown and drawn (grabbed), in seconds."""
    from PySide6.QtWidgets import QWidget

    start = time.perf_counter()
    w = QWidget()
    w.resize(*size)
    w.show()
    app.processEvents()
    w.grab()
    elapsed = time.perf_counter() - start
    w.close()
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--screenshots", type=Path, help="save stats-light.png / stats-dark.png here and exit"
    )
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    if args.screenshots:
        return screenshots(app, args.screenshots)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / str(n)
            t0 = time.perf_counter()
            data = build_history(folder, n)
            print(f"built {n:,} answers in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            core = open_core(
                data, clock=FixedClock(NOW), extra_deck_dirs=[folder / "decks"], include_bundled=False
            )
            core.load_library()
            cards = sum(len(d.cards) for d in core.library.decks)
            conn = sqlite3.connect(data / "progress.sqlite3")
            scan = timed(
                lambda conn=conn: conn.execute(
                    "SELECT count(*), sum(duration_ms) FROM review_log"
                ).fetchall(),
                args.repeat,
            )
            conn.close()
            for period in (30, 365):
                t = timed(
                    lambda core=core, period=period: compute_report(core, period_days=period), args.repeat
                )
                rows.append(
                    (
                        f"compute_report, {n:,} answers / {cards:,} cards, {period} days",
                        t,
                        "full scan of the log",
                        scan,
                    )
                )
            base = timed(lambda: bare_widget(app), args.repeat)
            first = open_window_until_drawn(app, core)
            warm = timed(lambda core=core: open_window_until_drawn(app, core), args.repeat)
            rows.append(
                (
                    f"Stats window open until drawn, {n:,} answers / {cards:,} cards (first)",
                    first,
                    "bare QWidget show",
                    base,
                )
            )
            rows.append(
                (
                    f"Stats window open until drawn, {n:,} answers / {cards:,} cards (again)",
                    warm,
                    "bare QWidget show",
                    base,
                )
            )
            core.close()
    print("| what | time | baseline | baseline time | ratio |")
    print("|---|---:|---|---:|---:|")
    for what, t, base_name, base in rows:
        print(f"| {what} | {t * 1000:.0f} ms | {base_name} | {base * 1000:.1f} ms | {t / base:.1f}× |")
    return 0


def screenshots(app, folder: Path) -> int:
    """A year of study of the bundled decks, shown in both themes."""
    from kquiz.ui import theme
    from kquiz.ui.stats.window import StatsWindow

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        probe = open_core(Path(tmp) / "probe", clock=FixedClock(NOW))
        keys = [(d.id, c.id) for d in probe.load_library().decks for c in d.cards]
        probe.close()
        data = build_history(Path(tmp), 9000, keys=keys, days=330, seed=5, max_interval=300.0)
        core = open_core(data, clock=FixedClock(NOW + timedelta(hours=2)))
        core.load_library()
        for mode in ("light", "dark"):
            theme.apply(app, mode)
            window = StatsWindow(core)
            window.resize(1200, 1640)
            done = []
            window.report_ready.connect(done.append)
            window.show()
            while not done:
                app.processEvents()
            app.processEvents()
            window.grab().save(str(folder / f"stats-{mode}.png"))
            window.close()
        core.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
