"""Hostile decks: every file of the hostile corpus checked in bounded time and memory (issue 21).

    python3 benchmarks/bench_hostile.py [--repeat 3] [--top 6] [--json]

The corpus is tests/data/hostile/ plus the large cases scripts/make_hostile_corpus.py writes at run
time (each once took minutes or gigabytes under the 10 MB limit: a million bare list items, a cloze
text of 49,990 '{{' aliased by 19 cards, a 100k-character cloze text aliased by 1,000 cards, 60,000
mappings in a list that must hold unique texts, 170,000 cards citing an unknown topic).
Every measurement runs in a fresh process, which imports ``kquiz.decks`` first and then times one
``load_deck(path)`` (its DeckError included: that is what ``kquiz validate`` prints); its peak RSS
is the whole process's.
  floor: libyaml's event scan of the same file (``for _ in yaml.parse(text, CSafeLoader)``, until
         the end or its first error): the least any YAML reader must do with that file.
Targets: the worst file ≤ 2 s and ≤ 300 MB.
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from perfutil import ROOT, fmt_s, median, run_child

TARGET_SECONDS, TARGET_MIB = 2.0, 300.0
HOSTILE = ROOT / "tests" / "data" / "hostile"


def child(kind: str, path: str) -> int:
    from perfutil import report

    if kind == "floor":
        import yaml

        start = time.perf_counter()
        text = Path(path).read_bytes().decode("utf-8", "replace")
        try:
            for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
                pass
        except yaml.YAMLError:
            pass
        report(seconds=time.perf_counter() - start)
        return 0
    import kquiz.decks  # noqa: F401 - imports are not part of the figure
    from kquiz.decks import load_deck
    from kquiz.errors import DeckError

    start = time.perf_counter()
    try:
        load_deck(path)
        problems = 0
    except DeckError as exc:
        problems = len(exc.problems)
    report(seconds=time.perf_counter() - start, problems=problems)
    return 0


def corpus(work: Path) -> list[Path]:
    from make_hostile_corpus import large_cases

    files = sorted(p for p in HOSTILE.iterdir() if p.suffix == ".yaml")
    for name, text in large_cases().items():
        (work / name).write_text(text, encoding="utf-8")
        files.append(work / name)
    return files


def measure(repeat: int) -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="kquiz-hostile-"))
    rows = []
    try:
        for path in corpus(work):
            floors, loads = [], []
            for _ in range(repeat):  # alternating, so both see the same machine load
                floors.append(run_child([__file__, "--child", "floor", str(path)]))
                loads.append(run_child([__file__, "--child", "load", str(path)]))
            value = median([r["seconds"] for r in loads])
            floor = median([r["seconds"] for r in floors])
            rows.append(
                {
                    "file": path.name,
                    "mb": path.stat().st_size / 2**20,
                    "value": value,
                    "floor": floor,
                    "ratio": value / floor if floor > 0 else float("inf"),
                    "peak_rss_mib": max(r["peak_rss_mib"] for r in loads),
                    "problems": loads[0]["problems"],
                    "runs": repeat,
                }
            )
            print(f"{path.name}: {fmt_s(value)} (floor {fmt_s(floor)})", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows.sort(key=lambda r: -r["value"])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=6)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON (for run.py)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    rows = measure(args.repeat)
    if args.json:
        print(json.dumps(rows))
        return 0
    worst_rss = max(r["peak_rss_mib"] for r in rows)
    print(
        f"{len(rows)} files; worst time {fmt_s(rows[0]['value'])} ({rows[0]['file']}); worst peak RSS {worst_rss:.0f} MiB"
    )
    print("| file | size | check (median) | floor (libyaml events) | ratio | problems | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows[: args.top]:
        print(
            f"| {r['file']} | {r['mb']:.2f} MB | {fmt_s(r['value'])} | {fmt_s(r['floor'])} | {r['ratio']:.2f}× "
            f"| {r['problems']} | {r['peak_rss_mib']:.0f} MiB |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
