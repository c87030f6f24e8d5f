"""Where the start-up time goes: kquiz's start path step by step, beside a bare PySide6 window's.

    python3 benchmarks/start_steps.py [--repeat 7] [--data DIR]

Each run is a fresh child process (same environment as bench_startup.py: bytecode cached in
benchmarks/_work/pycache). A kquiz child does what ``kquiz.ui.launch.build_app`` does, in the same
order, with a clock reading between the steps, until the library is drawn with its counts (a later
start: the data folder and the deck cache are made by a first run). A bare child imports PySide6,
makes the QApplication and shows a QWidget until it is painted (bench_startup.py's floor).
Printed: the median of each step in ms, and the total from the first line of the child's code.
Interpreter start-up and ``site`` are before the first reading and are the same for both.
When build_app changes, change the kquiz child here with it (it is a copy of its order, for timing).
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


def child_kquiz(data_dir: str) -> None:
    mark("start")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication  # noqa: F401 (the same PySide6 modules as the bare child)

    mark("import PySide6 (QtCore, QtGui, QtWidgets)")
    from PySide6.QtCore import Qt  # noqa: F401

    mark("PySide6 builds the Qt namespace (93 enums)")
    from kquiz.app import open_core, resolve_paths

    mark("import the core (kquiz.app.core: domain, storage, decks, study planning)")
    from kquiz.app.logs import setup_logging
    from kquiz.app.startup import check_data_dir
    from kquiz.ui import theme
    from kquiz.ui.errors import install_excepthook

    mark("import logging, theme, error hook")
    from kquiz.ui.main_window import MainWindow
    from kquiz.ui.recovery import start_auto_backup
    from kquiz.ui.single_instance import SingleInstance
    from kquiz.ui.ui_settings import ui_settings

    mark("import the main window and library screen")
    from kquiz.ui.launch import _listen_when_drawn, qt_app

    app = qt_app()
    mark("QApplication")
    paths = resolve_paths(data_dir)
    check_data_dir(paths)
    setup_logging(paths.data_dir)
    instance = SingleInstance(paths.data_dir)
    instance.claim(listen=False)
    install_excepthook()
    mark("data folder, log, single-instance lock")
    core = open_core(paths.data_dir)
    mark("open the progress store (SQLite)")
    settings = core.settings()
    theme.apply(app, settings.theme, settings.font_size)
    unfollow = theme.follow_system(app, lambda: core.settings().theme, lambda: core.settings().font_size)
    mark("theme: palette and style sheet")
    window = MainWindow(core, ui_settings(paths.data_dir))
    mark("build the main window (menus, library screen)")
    window.show()
    window.activateWindow()
    start_auto_backup(core)
    window.show_library()
    _listen_when_drawn(window, instance)
    window.loader.load()
    mark("show the window, start the library load")
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
    window.close()
    unfollow()
    from kquiz.ui.workers import wait_idle

    wait_idle()
    core.close()
    instance.release()


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
