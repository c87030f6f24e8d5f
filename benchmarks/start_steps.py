"""Where the start-up time goes: kquiz's start path step by step, beside a bare PySide6 window's.

    python3 benchmarks/start_steps.py [--repeat 7] [--data DIR]

Each run is a fresh child process (same environment as bench_startup.py: bytecode cached in
benchmarks/_work/pycache). A kquiz child runs ``kquiz.ui.launch.build_app`` until the library is
drawn with its counts (a later start: the data folder and the deck cache are made by a first run). A bare child imports PySide6,
makes the QApplication and shows a QWidget until it is painted (bench_startup.py's floor).
Printed: the median of each step in ms, and the total from the first line of the child's code.
The kquiz child imports the modules build_app needs in groups (each group timed), then runs the real
build_app with a clock reading after its QApplication, core, theme and main-window steps.
Interpreter start-up and ``site`` are before the first reading and are the same for both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import bench_env
from perfutil import ROOT, median

STEPS: list[tuple[str, float]] = []


def mark(name: str) -> None:
    STEPS.append((name, time.perf_counter()))


def child_bare() -> None:
    mark("start")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    app = QApplication([sys.argv[0]])
    mark("QApplication")
    window = QWidget()
    window.resize(1000, 720)
    window.show()
    mark("window shown")

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and len(STEPS) == 4:
                mark("first paint")
                QTimer.singleShot(0, app.quit)
            return False

    watcher = Painted()
    window.installEventFilter(watcher)
    app.exec()


def _marked(module: object, name: str, step: str) -> None:
    """Replace ``module.name`` by the same callable followed by a clock reading named ``step``."""
    real = getattr(module, name)

    def timed(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)
        mark(step)
        return result

    setattr(module, name, timed)


def child_kquiz(data_dir: str) -> None:
    mark("start")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication  # noqa: F401 (the same PySide6 modules as the bare child)

    mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    from PySide6.QtCore import Qt  # noqa: F401

    mark("PySide6 builds the Qt namespace (93 enums)")
    import kquiz.app
    import kquiz.app.core

    mark("import the core (kquiz.app.core: domain, storage, decks, study planning)")
    import kquiz.app.logs
    import kquiz.ui.errors
    import kquiz.ui.theme

    mark("import logging, theme, error hook")
    import kquiz.ui.main_window
    import kquiz.ui.recovery
    import kquiz.ui.single_instance

    mark("import the main window and library screen")
    from kquiz.ui import launch

    # the real build_app, with a clock reading after each of its steps
    _marked(launch, "qt_app", "QApplication")
    _marked(kquiz.app, "open_core", "data folder, log, single-instance lock; open the progress store")
    _marked(kquiz.ui.theme, "apply", "theme: palette and style sheet")
    _marked(kquiz.ui.main_window, "MainWindow", "build the main window (menus, library screen)")
    running = launch.build_app(data_dir)
    assert running is not None
    mark("show the window, start the library load")
    app, window = running.app, running.window
    tree = window.library.tree

    class Painted(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and STEPS[-1][0].startswith("library"):
                mark("paint the library")
                QTimer.singleShot(0, app.quit)
            return False

    painted = Painted()

    def reported(_data: object) -> None:
        if window.loader.busy or not tree.topLevelItemCount() or STEPS[-1][0].startswith("library"):
            return
        mark("library and counts in (decks from the cache, counts from SQLite, on a worker)")
        tree.viewport().installEventFilter(painted)
        tree.viewport().update()

    window.loader.loaded.connect(reported)
    window.loader.counted.connect(reported)
    app.exec()
    running.close()


def run_child(args: list[str]) -> list[tuple[str, float]]:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=bench_env(), cwd=ROOT
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return [tuple(step) for step in json.loads(out.stdout.strip().splitlines()[-1])]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--data", help="a data folder (default: a new one, started once first)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        child_bare() if args.child[0] == "bare" else child_kquiz(args.child[1])
        print(json.dumps([(name, t - STEPS[0][1]) for name, t in STEPS]))
        return 0
    data = args.data or str(Path(tempfile.mkdtemp(prefix="kquiz-steps-")) / "data")
    run_child(["--child", "kquiz", data])  # a first start: the deck cache is compiled
    runs: dict[str, list[list[tuple[str, float]]]] = {"bare": [], "kquiz": []}
    for _ in range(args.repeat):  # alternating, so both see the same machine
        runs["bare"].append(run_child(["--child", "bare"]))
        runs["kquiz"].append(run_child(["--child", "kquiz", data]))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}; median of {args.repeat} runs each\n")
    for kind, steps in runs.items():
        print(f"| {kind}: step | ms |\n|---|---:|")
        names = [name for name, _ in steps[0]]
        for i, name in enumerate(names[1:], start=1):
            print(f"| {name} | {median([run[i][1] - run[i - 1][1] for run in steps]) * 1000:.1f} |")
        print(f"| **total** | **{median([run[-1][1] for run in steps]) * 1000:.1f}** |\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
