"""Peak memory of kquiz with 100,000 cards, start → first card drawn, vs the bare PySide6 window.

    python3 benchmarks/bench_memory.py [--cards 100000] [--parts 10] [--repeat 3] [--json OUT]

The same whole-process run as bench_startup.py (``build_app``, library loaded on the worker thread,
Study clicked, first card painted), with ``--cards`` generated cards in ``--parts`` decks added as a
deck folder (one file is limited to 10 MB by default, so 100,000 cards come as ten 10,000-card decks).
Each child reports its peak RSS (``ru_maxrss``) once the first card is drawn. The first start in a
new data folder parses every deck (and writes the compiled cache); later starts load from the cache.
The floor is the bare window's peak RSS, measured in the same run. Times are reported too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import median

TARGET_EXTRA_MIB = 150


def measure(cards: int, parts: int, repeat: int) -> list[dict]:
    from bench_startup import run_once
    from gen import deck_set

    folder = deck_set(cards, parts)
    work = Path(tempfile.mkdtemp(prefix="kquiz-memory-"))
    try:
        data = str(work / "data")
        bare = [run_once(["--child", "bare"]) for _ in range(repeat)]
        first = run_once(["--child", "kquiz", data, "--extra", str(folder)])
        later = [run_once(["--child", "kquiz", data, "--extra", str(folder)]) for _ in range(repeat)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = median([r["peak_rss_mib"] for r in bare])
    floor_s = median([r["seconds"] for r in bare])
    rows = []
    for name, runs in (
        (f"first start (parses {parts} decks, writes the cache)", [first]),
        ("later start (compiled cache)", later),
    ):
        rss = median([r["peak_rss_mib"] for r in runs])
        seconds = median([r["seconds"] for r in runs])
        rows.append(
            {
                "figure": f"peak RSS, {runs[0]['cards']:,} cards in {runs[0]['decks']} decks, {name}",
                "value": rss,
                "floor": floor,
                "extra_mib": rss - floor,
                "ratio": rss / floor,
                "target_extra_mib": TARGET_EXTRA_MIB,
                "met": rss - floor <= TARGET_EXTRA_MIB,
                "seconds": seconds,
                "floor_seconds": floor_s,
                "runs": len(runs),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = measure(args.cards, args.parts, args.repeat)
    print("| figure | peak RSS | bare window | extra | target | start → first card |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['figure']} | {r['value']:.0f} MiB | {r['floor']:.0f} MiB | +{r['extra_mib']:.0f} MiB "
            f"| ≤ +{TARGET_EXTRA_MIB} MiB | {r['seconds']:.2f} s (bare {r['floor_seconds']:.2f} s) |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
