"""Deck load, cold (first time) and warm (unchanged file, compiled cache), vs plain PyYAML CSafeLoader.

    python3 benchmarks/bench_deckload.py [--sizes 1000 10000 100000] [--repeat 3] [--json OUT]

Every measurement runs in a fresh process (the way a user meets it: a new start of kquiz), which
imports ``kquiz.decks`` first and then times one call; it reports the time and its peak RSS.
  floor: ``yaml.load(file, Loader=yaml.CSafeLoader)`` of the same file (gc on, as PyYAML users do);
  cold:  ``load_deck(path, cache_dir=<empty folder>)`` (read, YAML, schema, rules, objects, write entry);
  warm:  ``load_deck(path, cache_dir=<that folder>)`` again (hash the file, check and decode the entry,
         re-check image files).
Decks come from benchmarks/gen.py (all card types). The 100,000-card file is 44 MB, over the 10 MB
safety limit ``load_deck`` applies by default, so this benchmark passes ``max_bytes``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import fmt_s, median, run_child

TARGETS = {("cold", 10_000): 1.0, ("warm", 10_000): 0.06, ("warm", 100_000): 0.5}


def child(kind: str, path: str, cache_dir: str) -> int:
    from perfutil import report, rss_mib

    if kind == "floor":
        import yaml

        before = rss_mib()
        start = time.perf_counter()
        with open(path, "rb") as handle:
            data = yaml.load(handle, Loader=yaml.CSafeLoader)
        elapsed = time.perf_counter() - start
        report(seconds=elapsed, cards=len(data["cards"]), rss_before_mib=before)
        return 0
    import kquiz.decks  # noqa: F401 - imports are not part of the figure (the app has them loaded already)
    from kquiz.decks import load_deck

    before = rss_mib()
    start = time.perf_counter()
    deck = load_deck(path, max_bytes=2**31, cache_dir=Path(cache_dir))
    elapsed = time.perf_counter() - start
    report(seconds=elapsed, cards=len(deck.cards), rss_before_mib=before, rss_after_mib=rss_mib())
    return 0


def measure(sizes: list[int], repeat: int, *, cold_repeat_big: int = 1) -> list[dict]:
    from gen import deck_file

    rows = []
    for n in sizes:
        path = str(deck_file(n))
        reps = repeat if n < 100_000 else cold_repeat_big
        results: dict[str, list[dict]] = {"floor": [], "cold": [], "warm": []}
        work = Path(tempfile.mkdtemp(prefix="kquiz-deckload-"))
        try:
            for rep in range(reps):
                cache_dir = work / f"cache{rep}"
                results["floor"].append(run_child([__file__, "--child", "floor", path, str(cache_dir)]))
                results["cold"].append(run_child([__file__, "--child", "cold", path, str(cache_dir)]))
                assert any(cache_dir.iterdir()), "cold load wrote no cache entry"
            warm_cache = work / "cache0"
            for _ in range(max(repeat, 3)):
                results["warm"].append(run_child([__file__, "--child", "warm", path, str(warm_cache)]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        size_mb = Path(path).stat().st_size / 2**20
        floor = median([r["seconds"] for r in results["floor"]])
        floor_rss = median([r["peak_rss_mib"] for r in results["floor"]])
        for kind in ("cold", "warm"):
            rs = results[kind]
            value = median([r["seconds"] for r in rs])
            target = TARGETS.get((kind, n))
            rows.append(
                {
                    "figure": f"deck load {kind}, {n:,} cards ({size_mb:.1f} MB)",
                    "kind": kind,
                    "cards": n,
                    "value": value,
                    "floor": floor,
                    "ratio": value / floor,
                    "target": target,
                    "met": None if target is None else value <= target,
                    "runs": len(rs),
                    "peak_rss_mib": median([r["peak_rss_mib"] for r in rs]),
                    "floor_rss_mib": floor_rss,
                    "load_rss_mib": median([r["peak_rss_mib"] - r["rss_before_mib"] for r in rs]),
                }
            )
        print(
            f"{n:,} cards: floor {fmt_s(floor)}, cold {fmt_s(rows[-2]['value'])}, warm {fmt_s(rows[-1]['value'])}",
            file=sys.stderr,
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "CACHE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    rows = measure(args.sizes, args.repeat)
    print("| figure | median | floor (CSafeLoader) | ratio | target | peak RSS (load's own) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        target = "" if r["target"] is None else f"≤ {fmt_s(r['target'])}"
        print(
            f"| {r['figure']} | {fmt_s(r['value'])} | {fmt_s(r['floor'])} | {r['ratio']:.2f}× | {target} "
            f"| {r['peak_rss_mib']:.0f} MiB (+{r['load_rss_mib']:.0f}) |"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
