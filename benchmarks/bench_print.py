"""Time to print a 200-question worksheet (with its key) to PDF, as a ratio to a one-line PDF.

    python3 benchmarks/bench_print.py [--questions 200] [--rounds 3] [--json]

Measured: drawing the test from the bundled decks, the worksheet HTML and Qt laying it out on A4
pages into a PDF (kquiz.ui.printing.write_pdf) — what ``kquiz print`` does after start-up. Floor: the
same writer with a one-paragraph document, in the same run (the fixed cost of a PDF). Budget: 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kquiz.app.quiz import to_html, worksheet_from_files  # noqa: E402
from kquiz.ui.printing import write_pdf  # noqa: E402

BUDGET_S = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON line (for benchmarks/run.py)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="kquiz-bench-print-"))
    floor, full, pages = [], [], 0
    write_pdf("<p>warm-up</p>", out / "warm.pdf")  # the Qt application and fonts, once
    for n in range(args.rounds):
        t0 = time.perf_counter()
        write_pdf("<p>One line.</p>", out / f"floor{n}.pdf")
        floor.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        sheet = worksheet_from_files([ROOT / "decks"], count=args.questions, seed=n)
        write_pdf(to_html(sheet), out / f"sheet{n}.pdf", title=sheet.title)
        full.append(time.perf_counter() - t0)
        pages = (out / f"sheet{n}.pdf").read_bytes().count(b"/Type /Page\n") or pages
    f, s = statistics.median(floor), statistics.median(full)
    if args.json:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from perfutil import report

        report(value=s, floor=f, questions=args.questions, pages=pages, rounds=args.rounds)
        return 0
    print("| what | median s |\n|---|---|")
    print(f"| one-line PDF (floor) | {f:.3f} |")
    print(f"| {args.questions}-question worksheet + key | {s:.3f} |")
    print(f"\nratio {s / f:.1f}x the floor; budget {BUDGET_S} s: {'OK' if s <= BUDGET_S else 'OVER'}")
    return 0 if s <= BUDGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
