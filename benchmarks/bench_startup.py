"""Start → first card drawn, whole process, vs a bare PySide6 window (offscreen).

    python3 benchmarks/bench_startup.py [--repeat 5] [--user-deck PATH ...] [--json OUT]

Each run is a new ``python3`` process; the time is taken by this (parent) process from spawning the
child to reading the line the child prints once the first card is painted, so interpreter start,
imports, Qt and the data folder are all in the figure, for the floor and for kquiz alike.
  bare window: import PySide6.QtWidgets, QApplication, a QWidget (1000×720) shown, events processed
               until its first paint event;
  kquiz: ``kquiz.ui.launch.build_app(data_dir)`` (the same function ``kquiz`` runs: single-instance
         claim, progress store, theme, the main window, the library loader on a worker thread), then,
         when the library has loaded, a click on the library's Study button, and events processed
         until the study screen's question label is painted. Nothing is added to the app for this:
         the child only connects to the window's own signals and watches paint events.
Two kquiz rows: the first start in a new data folder (no progress file, no compiled deck cache yet)
and a later start (both exist). The children report peak RSS (``ru_maxrss``) at that moment.
Bytecode caching is on for the children (PYTHONPYCACHEPREFIX under benchmarks/_work), as in an
installed kquiz; one unmeasured warm-up run of each kind comes first.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import HERE, ROOT, child_env, median

PYCACHE = HERE / "_work" / "pycache"


def bench_env() -> dict[str, str]:
    env = child_env(PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# ---- children -----------------------------------------------------------------------------------
def _done(**extra: object) -> None:
    from perfutil import report

    report(**extra)
    sys.stdout.flush()


def child_bare() -> int:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.resize(1000, 720)

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                _done(what="bare")
                app.quit()
            return False

    watcher = Painted()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    return 0


def child_kquiz(data_dir: str, extra: list[str], until: str = "card") -> int:
    from kquiz.ui.launch import build_app  # the real entry point

    options = {"extra_deck_dirs": [Path(p) for p in extra]} if extra else {}
    running = build_app(data_dir, **options)
    if running is None:
        raise SystemExit("another kquiz holds the data folder")
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window = running.app, running.window
    seen: dict[str, object] = {}  # the study screen's prompt label, once that screen exists
    state = {"asked": False}

    class Painted(QObject):
        def eventFilter(self, obj, event):
            if (
                event.type() == QEvent.Type.Paint
                and window.stack.currentWidget() is window.study
                and obj is seen.get("prompt")
                and obj.text()
            ):
                obj.removeEventFilter(self)
                _done(
                    what="kquiz",
                    card=obj.text()[:60],
                    decks=len(window.core.library.decks),
                    cards=sum(len(d.cards) for d in window.core.library.decks),
                )
                QTimer.singleShot(0, app.quit)
            return False

    def library_drawn() -> None:  # --until library: the library with its counts, painted
        tree = window.library.tree
        if state["asked"] or window.loader.busy or not tree.topLevelItemCount():
            return
        state["asked"] = True

        class TreePainted(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint:
                    tree.viewport().removeEventFilter(self)
                    _done(what="library", modules=sorted(sys.modules), decks=tree.topLevelItemCount())
                    QTimer.singleShot(0, app.quit)
                return False

        state["tree_watcher"] = TreePainted()
        tree.viewport().installEventFilter(state["tree_watcher"])
        tree.viewport().update()

    def study() -> None:
        if until == "library":
            library_drawn()
            return
        if state["asked"] or not window.library.study_button.isEnabled():
            return  # not loaded yet (the library may report in steps): wait for the next report
        state["asked"] = True
        seen["prompt"] = prompt = window.study.card.prompt  # the screen is built on first use: now
        prompt.installEventFilter(watcher)
        window.library.study_button.click()  # the session may start on a worker: the paint tells

    def give_up() -> None:
        print(f"no card after 600 s (status: {window.statusBar().currentMessage()!r})", file=sys.stderr)
        os._exit(3)

    watcher = Painted()
    for name in ("loaded", "counted"):  # "counted": a later count of the same library, if the UI has it
        signal = getattr(window.loader, name, None)
        if signal is not None:
            signal.connect(lambda _data: QTimer.singleShot(0, study))
    QTimer.singleShot(600_000, give_up)
    app.exec()
    running.close()
    return 0


# ---- parent -------------------------------------------------------------------------------------
def run_once(args: list[str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=bench_env(),
        cwd=ROOT,
    )
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _out, err = proc.communicate(timeout=300)
    if proc.returncode != 0 or not line.strip():
        raise RuntimeError(f"startup child {args} failed ({proc.returncode}): {err[-3000:]}")
    result = json.loads(line)
    result["seconds"] = elapsed
    return result


def measure(repeat: int, user_decks: list[str] = (), until: str = "card") -> list[dict]:
    work = Path(tempfile.mkdtemp(prefix="kquiz-startup-"))
    extra = ["--extra", *user_decks] if user_decks else []
    extra += ["--until", until]
    try:
        run_once(["--child", "bare"])  # warm-ups: bytecode caches, page cache
        run_once(["--child", "kquiz", str(work / "warmup"), *extra])
        bare, first, later = [], [], []
        for rep in range(repeat):
            data = work / f"data{rep}"
            bare.append(run_once(["--child", "bare"]))
            first.append(run_once(["--child", "kquiz", str(data), *extra]))
            later.append(run_once(["--child", "kquiz", str(data), *extra]))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = median([r["seconds"] for r in bare])
    floor_rss = median([r["peak_rss_mib"] for r in bare])
    label = f"{later[0]['decks']} decks" if until == "library" else ""
    label = label or f"{later[0]['cards']:,} cards in {later[0]['decks']} decks"
    what = "library drawn with counts" if until == "library" else "first card drawn"
    target = 1.5 if until == "library" else 1.8  # issue 20 (second round); issue 8 had asked 1.3× to the card
    rows = [
        {
            "figure": "bare PySide6 window shown (floor)",
            "value": floor,
            "floor": floor,
            "ratio": 1.0,
            "peak_rss_mib": floor_rss,
            "floor_rss_mib": floor_rss,
            "runs": len(bare),
            "target": None,
        }
    ]
    for name, runs in (
        (f"kquiz start → {what}, first start ({label})", first),
        (f"kquiz start → {what}, later start ({label}, deck cache warm)", later),
    ):
        value = median([r["seconds"] for r in runs])
        rows.append(
            {
                "figure": name,
                "value": value,
                "floor": floor,
                "ratio": value / floor,
                "peak_rss_mib": median([r["peak_rss_mib"] for r in runs]),
                "floor_rss_mib": floor_rss,
                "runs": len(runs),
                "target_ratio": target,
                "met": value / floor <= target,
                "modules": runs[-1].get("modules", []),
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--user-deck", action="append", default=[], help="an extra deck folder")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--until", choices=("card", "library"), default="card", help="stop at the first card or the library"
    )
    parser.add_argument("--modules", action="store_true", help="list the modules imported (--until library)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--extra", nargs="*", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if args.child[0] == "bare":
            return child_bare()
        return child_kquiz(args.child[1], args.extra, args.until)
    rows = measure(args.repeat, args.user_deck, args.until)
    print("| figure | median | ratio to bare window | peak RSS |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['figure']} | {r['value'] * 1000:.0f} ms | {r['ratio']:.2f}× | {r['peak_rss_mib']:.0f} MiB |"
        )
    if args.modules and len(rows) > 2:
        mods = [m for m in rows[2]["modules"] if not m.startswith(("shibokensupport", "PySide6.support"))]
        ours = [m for m in mods if m.split(".")[0] == "kquiz"]
        others = sorted({m.split(".")[0] for m in mods} - {"kquiz"} - set(sys.stdlib_module_names))
        print(f"imported when the library is drawn: {len(ours)} kquiz modules: {' '.join(ours)}")
        print(
            f"third-party packages: {' '.join(others)}; Qt: {' '.join(m for m in mods if m.startswith('PySide6.Qt'))}"
        )
    print(f"load average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
