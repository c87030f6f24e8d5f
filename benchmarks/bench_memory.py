"""Peak memory of kquiz with 100,000 cards, and how soon its library shows them, vs a bare PySide6 window.

    python3 benchmarks/bench_memory.py [--cards 100000] [--parts 10] [--repeat 3] [--json OUT]

Each run is a new process (the real entry point, ``kquiz.ui.launch.build_app``, offscreen) with
``--cards`` generated cards in ``--parts`` decks added as a deck folder (one file is limited to 10 MB
by default, so 100,000 cards come as ten 10,000-card decks). The child prints a line each time the
library tree is painted with more decks than before; the parent stamps each line when it reads it
(time from spawning the child). Once every deck is loaded (the loader is no longer busy), the child
clicks Study, waits for the first card to be painted and reports its peak RSS (VmHWM): the figure
covers the whole load. The first start in a new data folder parses every deck (and writes the
compiled cache); later starts load from the cache. The floor is the bare window (peak RSS and time
to its first paint), measured in the same run, alternating with the kquiz runs.
``--trace FILE`` (child) writes the RSS every 20 ms, to find where the peak is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import ROOT, median, report, rss_mib

TARGET_EXTRA_MIB = 150
TARGET_FIRST_DECK_S = 2.0


# ---- child --------------------------------------------------------------------------------------
def _trace_rss(path: Path) -> None:
    start = time.perf_counter()
    with path.open("w") as out:
        while True:
            out.write(f"{time.perf_counter() - start:.3f} {rss_mib():.1f}\n")
            out.flush()
            time.sleep(0.02)


def child_kquiz(data_dir: str, extra: list[str], trace: Path | None) -> int:
    if trace is not None:
        threading.Thread(target=_trace_rss, args=(trace,), daemon=True).start()
    from kquiz.ui.launch import build_app

    running = build_app(data_dir, extra_deck_dirs=[Path(p) for p in extra])
    if running is None:
        raise SystemExit("another kquiz holds the data folder")
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window = running.app, running.window
    tree = window.library.tree
    state: dict[str, object] = {"drawn": 0, "asked": False}

    def line(**values: object) -> None:
        print(json.dumps(values), flush=True)

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if event.type() != QEvent.Type.Paint:
                return False
            if obj is tree.viewport():
                decks = tree.topLevelItemCount()
                if decks > state["drawn"]:  # rows appeared: one line each time (deck by deck or all at once)
                    state["drawn"] = decks
                    line(event="decks", decks=decks, busy=window.loader.busy)
                if not window.loader.busy and not state["asked"]:
                    state["asked"] = True
                    if not window.library.study_button.isEnabled():
                        print(f"nothing to study: {window.statusBar().currentMessage()!r}", file=sys.stderr)
                        os._exit(4)
                    line(event="all", decks=decks, rss=rss_mib())
                    QTimer.singleShot(0, study)
            elif obj is state.get("prompt") and obj.text() and window.stack.currentWidget() is window.study:
                obj.removeEventFilter(self)
                library = window.core.library
                report(event="card", decks=len(library.decks), cards=sum(len(d.cards) for d in library.decks))
                QTimer.singleShot(0, app.quit)
            return False

    def study() -> None:
        state["prompt"] = prompt = window.study.card.prompt
        prompt.installEventFilter(watcher)
        window.library.study_button.click()

    def give_up() -> None:
        print(f"not loaded after 600 s: {window.statusBar().currentMessage()!r}", file=sys.stderr)
        os._exit(3)

    watcher = Painted()
    tree.viewport().installEventFilter(watcher)
    for signal in (window.loader.loaded, window.loader.counted):
        signal.connect(lambda _data: tree.viewport().update())
    QTimer.singleShot(600_000, give_up)
    app.exec()
    running.close()
    return 0


# ---- parent -------------------------------------------------------------------------------------
def run_kquiz(data: str, folder: Path, trace: Path | None = None) -> dict:
    from bench_startup import bench_env

    args = [sys.executable, __file__, "--child", data, str(folder)]
    if trace is not None:
        args += ["--trace", str(trace)]
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=bench_env(), cwd=ROOT
    )
    steps: list[tuple[float, int]] = []  # (seconds from spawn, decks drawn)
    result: dict = {}
    assert proc.stdout is not None
    for text in proc.stdout:
        now = time.perf_counter() - start
        event = json.loads(text)
        if event["event"] == "decks":
            steps.append((now, event["decks"]))
        elif event["event"] == "all":
            result["all_seconds"] = now
        elif event["event"] == "card":
            result.update(event, seconds=now)
            break
    _out, err = proc.communicate(timeout=300)
    if proc.returncode != 0 or "seconds" not in result:
        raise RuntimeError(f"memory child failed ({proc.returncode}): {err[-3000:]}")
    result["steps"] = steps
    result["first_seconds"] = steps[0][0]
    return result


def measure(cards: int, parts: int, repeat: int) -> list[dict]:
    from bench_startup import run_once
    from gen import deck_set

    folder = deck_set(cards, parts)
    work = Path(tempfile.mkdtemp(prefix="kquiz-memory-"))
    bare, first, later = [], [], []
    try:
        run_once(["--child", "bare"])  # warm-up: bytecode caches, page cache
        for rep in range(repeat):
            data = str(work / f"data{rep}")
            bare.append(run_once(["--child", "bare"]))
            first.append(run_kquiz(data, folder))
            later.append(run_kquiz(data, folder))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = median([r["peak_rss_mib"] for r in bare])
    floor_s = median([r["seconds"] for r in bare])
    rows = []
    for name, runs in (
        (f"first start (parses {parts} decks, writes the cache)", first),
        ("later start (compiled cache)", later),
    ):
        rss = median([r["peak_rss_mib"] for r in runs])
        rows.append(
            {
                "figure": f"peak RSS, {runs[0]['cards']:,} cards in {runs[0]['decks']} decks, {name}",
                "value": rss,
                "floor": floor,
                "extra_mib": rss - floor,
                "ratio": rss / floor,
                "target_extra_mib": TARGET_EXTRA_MIB,
                "met": rss - floor <= TARGET_EXTRA_MIB,
                "first_deck_seconds": median([r["first_seconds"] for r in runs]),
                "all_decks_seconds": median([r["all_seconds"] for r in runs]),
                "seconds": median([r["seconds"] for r in runs]),
                "floor_seconds": floor_s,
                "steps": [r["steps"] for r in runs],
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
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--trace", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return child_kquiz(args.child[0], [args.child[1]], args.trace)
    rows = measure(args.cards, args.parts, args.repeat)
    print(
        "| figure | peak RSS | bare window | extra | target | start → first deck drawn "
        "| → every deck drawn | → first card |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['figure']} | {r['value']:.0f} MiB | {r['floor']:.0f} MiB | +{r['extra_mib']:.0f} MiB "
            f"| ≤ +{TARGET_EXTRA_MIB} MiB | {r['first_deck_seconds']:.2f} s (≤ {TARGET_FIRST_DECK_S:.0f} s) "
            f"| {r['all_decks_seconds']:.2f} s | {r['seconds']:.2f} s (bare window {r['floor_seconds']:.2f} s) |"
        )
    for r in rows[:1]:
        for steps in r["steps"]:
            print("decks drawn (s from start: decks):", ", ".join(f"{s:.2f}: {n}" for s, n in steps))
    print(f"load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
