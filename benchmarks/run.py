"""Run every PERF benchmark and write benchmarks/RESULTS.md (each figure as a ratio to a floor).

    python3 benchmarks/run.py            # the full run (~5–8 minutes on 2 cores, plus first-time generation)
    python3 benchmarks/run.py --quick    # smaller inputs and fewer repeats (~1–2 minutes)
    python3 benchmarks/run.py --only startup deckload answer stats memory

Figures (each benchmark file documents exactly what it times):
  1. start → first card drawn (bench_startup.py)       floor: bare PySide6 window shown
  2. deck load cold / warm (bench_deckload.py)          floor: yaml.load(CSafeLoader) of the same file
  3. answer → next card drawn (bench_answer_ui.py) and the core alone (bench_answer.py)
                                                        floor: one SQLite INSERT + COMMIT, same pragmas
  4. stats report + Stats window on 100,000 / 1,000,000 answers (bench_stats.py's generator and window
     driver, run here in a child process per size)     floor: full scan of the review log in SQLite
  5. peak RSS (every child reports ru_maxrss; bench_memory.py: 100,000 cards)  floor: bare window
  6. card browser on 100,000 cards, 1,000,000 answers (bench_browser.py): open, search, sort, history, memory
  7. the worst file of the hostile corpus (bench_hostile.py)  floor: libyaml's event scan of that file
  8. a 200-question worksheet and its key to PDF (bench_print.py)  floor: a one-line PDF, same writer
  9. test mode: a 200-question test opened, and submitted (bench_test_mode.py)  floor: a bare window
 10. sync rounds (bench_sync.py): nothing new, 50 new answers, a first merge of 100,000 on a worker
                                                        floor: decode the segments + one bulk insert
Medians over several runs; whole-process figures come from fresh child processes.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from perfutil import fmt_s, median, run_child  # noqa: E402
from results_md import NOTES, write  # noqa: E402
from run_sections import (  # noqa: E402
    section_browser,
    section_hostile,
    section_print,
    section_sync,
    section_test_mode,
)

RESULTS = HERE / "RESULTS.md"


# ---- children run by this file ------------------------------------------------------------------
def child_answer_core(n: int, rounds: int) -> int:
    """bench_answer.py's scenarios (Core, no Qt), reported as JSON."""
    import shutil

    import bench_answer as ba
    from perfutil import report

    deck = ba.synthetic_deck()
    base, new, due = [], [], []
    for r in range(rounds):
        folder = HERE / "_work" / "answer-core" / f"round{r}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        base += ba.bare(folder, n)
        new += ba.scenario(folder / "new", deck, n, False)[0]
        due += ba.scenario(folder / "due", deck, n, True)[0]
        base += ba.bare(folder, n)
        shutil.rmtree(folder, ignore_errors=True)
    report(floor=median(base), new=median(new), due=median(due), answers=len(new))
    return 0


def child_stats(n: int, repeat: int) -> int:
    """compute_report and the Stats window (until every chart is painted) on an ``n``-answer history."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_stats import NOW, open_window_until_drawn
    from gen import history_dir
    from perfutil import report, rss_mib
    from PySide6.QtWidgets import QApplication

    from kquiz.app import open_core
    from kquiz.app.stats import compute_report
    from kquiz.clock import FixedClock

    t0 = time.perf_counter()
    folder = history_dir(n)
    app = QApplication.instance() or QApplication([])
    core = open_core(
        folder / "data", clock=FixedClock(NOW), extra_deck_dirs=[folder / "decks"], include_bundled=False
    )
    t1 = time.perf_counter()
    core.load_library()
    print(f"stats {n}: history {t1 - t0:.1f} s, library {time.perf_counter() - t1:.1f} s", file=sys.stderr)
    cards = sum(len(d.cards) for d in core.library.decks)
    conn = sqlite3.connect(folder / "data" / "progress.sqlite3")

    def timed(fn) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return median(times)

    scan = timed(lambda: conn.execute("SELECT count(*), sum(duration_ms) FROM review_log").fetchall())
    conn.close()
    before = rss_mib()
    compute = timed(lambda: compute_report(core, period_days=365))
    first = open_window_until_drawn(app, core)
    again = timed(lambda: open_window_until_drawn(app, core))
    core.close()
    report(
        answers=n,
        cards=cards,
        floor=scan,
        compute=compute,
        window_first=first,
        window_again=again,
        rss_before_mib=before,
    )
    return 0


# ---- the run ------------------------------------------------------------------------------------
def section_startup(quick: bool) -> list[dict]:
    from bench_startup import measure

    repeat = 3 if quick else 7
    rows = []
    for until in ("library", "card"):  # issue 20: library drawn ≤ 1.5×, first card ≤ 1.8×
        part = measure(repeat, until=until)
        for r in part:
            r.pop("modules", None)
            r["command"] = f"python3 benchmarks/bench_startup.py --until {until} --repeat {repeat}"
            r["floor_name"] = "bare PySide6 window"
            r["target_text"] = f"≤ {r['target_ratio']}×" if "target_ratio" in r else ""
        rows += part if not rows else part[1:]  # one floor row (each part is paired with its own floor)
    return rows


def section_deckload(quick: bool) -> list[dict]:
    from bench_deckload import measure

    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    repeat = 2 if quick else 3
    rows = measure(sizes, repeat)
    for r in rows:
        r["command"] = f"python3 benchmarks/bench_deckload.py --sizes {r['cards']} --repeat {repeat}"
        r["floor_name"] = "yaml.load(CSafeLoader)"
        r["target_text"] = "" if r["target"] is None else f"≤ {fmt_s(r['target'])}"
    return rows


def section_answer(quick: bool) -> list[dict]:
    n = 60 if quick else 300
    ui = run_child([str(HERE / "bench_answer_ui.py"), "--n", str(n), "--json"])
    core = run_child([__file__, "--child", "answer-core", str(n // 3 if quick else 150), "1"])
    rows = [
        {
            "figure": f"answer → next card drawn (real study screen, {ui['cards']:,}-card deck; p90 {ui['p90'] * 1000:.1f} ms)",
            "value": ui["value"],
            "floor": ui["floor"],
            "ratio": ui["value"] / ui["floor"],
            "target": 0.010,
            "met": ui["value"] <= 0.010,
            "target_text": "≤ 10 ms",
            "peak_rss_mib": ui["peak_rss_mib"],
            "floor_name": "SQLite INSERT+COMMIT (WAL, synchronous=FULL)",
            "runs": ui["answers"],
            "command": f"python3 benchmarks/bench_answer_ui.py --n {n}",
        }
    ]
    for key, label in (("new", "a new card"), ("due", "a due review (10,000 due)")):
        rows.append(
            {
                "figure": f"answer {label} → next card ready, core only (no Qt)",
                "value": core[key],
                "floor": core["floor"],
                "ratio": core[key] / core["floor"],
                "target": None,
                "met": None,
                "target_text": "",
                "peak_rss_mib": core["peak_rss_mib"],
                "runs": core["answers"],
                "floor_name": "SQLite INSERT+COMMIT (WAL, synchronous=FULL)",
                "command": "python3 benchmarks/bench_answer.py",
            }
        )
    return rows


def section_stats(quick: bool) -> list[dict]:
    sizes = [100_000] if quick else [100_000, 1_000_000]
    rows = []
    for n in sizes:
        r = run_child([__file__, "--child", "stats", str(n), "2" if quick else "3"], timeout=1800)
        common = {
            "floor": r["floor"],
            "floor_name": "SQL full scan of the review log",
            "runs": 3,
            "peak_rss_mib": r["peak_rss_mib"],
            "command": "python3 benchmarks/run.py --only stats" + (" --quick" if quick else ""),
        }
        target = 2.0 if n == 1_000_000 else None
        rows.append(
            {
                "figure": f"stats report computed, {n:,} answers ({r['cards']:,} cards), 365 days",
                "value": r["compute"],
                "ratio": r["compute"] / r["floor"],
                "target": None,
                "met": None,
                "target_text": "",
                **common,
            }
        )
        for key, label in (("window_first", "first open"), ("window_again", "opened again")):
            rows.append(
                {
                    "figure": f"Stats window {label} until every chart is drawn, {n:,} answers",
                    "value": r[key],
                    "ratio": r[key] / r["floor"],
                    "target": target,
                    "met": None if target is None else r[key] <= target,
                    "target_text": "" if target is None else "≤ 2 s",
                    **common,
                }
            )
    return rows


def section_memory(quick: bool) -> list[dict]:
    from bench_memory import TARGET_EXTRA_MIB, measure

    cards, parts, repeat = (20_000, 2, 1) if quick else (100_000, 10, 3)
    rows = measure(cards, parts, repeat)
    for r in rows:
        r["command"] = f"python3 benchmarks/bench_memory.py --cards {cards} --parts {parts} --repeat {repeat}"
        r["target_text"] = f"≤ bare + {TARGET_EXTRA_MIB} MiB" if cards >= 100_000 else ""
        if cards < 100_000:
            r["met"] = None
    return rows


SECTIONS = {
    "startup": section_startup,
    "deckload": section_deckload,
    "answer": section_answer,
    "stats": section_stats,
    "memory": section_memory,
    "browser": section_browser,
    "hostile": section_hostile,
    "print": section_print,
    "test_mode": section_test_mode,
    "sync": section_sync,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="+", choices=list(SECTIONS), default=list(SECTIONS))
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        if args.child[0] == "answer-core":
            return child_answer_core(int(args.child[1]), int(args.child[2]))
        return child_stats(int(args.child[1]), int(args.child[2]))
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    results: dict[str, list[dict]] = {}
    raw = HERE / "_work" / "results.json"
    raw.parent.mkdir(parents=True, exist_ok=True)
    for name in args.only:
        t = time.perf_counter()
        print(f"== {name}", file=sys.stderr, flush=True)
        results[name] = SECTIONS[name](args.quick)
        raw.write_text(json.dumps(results, indent=1, default=str))
        print(f"   {name} took {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    text = write(results, args.quick, started, time.perf_counter() - t0, NOTES)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
