"""Test mode on the bundled decks: a test of N questions opened, and submitted (scored and listed).

    python3 benchmarks/bench_test_mode.py [--questions 200] [--repeat 5] [--json]

The real main window (``build_app`` on a new data folder, bundled decks) loads its library; then,
``--repeat`` times, the test is drawn and its window opened as *Take a test…* does (``open_test``),
timed until the first question is painted; every question is answered (the right answer to every
other one, through the commands its keys send) and Submit is timed
until the results page, which lists every question, is painted. Floor, alternating: a bare QWidget
shown and painted in the same process (what any new window costs). Budgets (issue 20: the new
screens get budgets): open ≤ 1 s and submit ≤ 1 s for 200 questions.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_stats import bare_widget  # noqa: E402
from perfutil import median, report  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kquiz.app import Selection  # noqa: E402
from kquiz.quiz import ALL_KINDS, QuestionKind  # noqa: E402
from kquiz.ui.launch import build_app  # noqa: E402
from kquiz.ui.test.dialog import TestSetup  # noqa: E402
from kquiz.ui.test.launch import open_test  # noqa: E402
from kquiz.ui.workers import wait_idle  # noqa: E402

BUDGETS = {"open": 1.0, "submit": 1.0}


class Painted(QObject):
    """Set when the watched widget is painted."""

    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.done = True
        return False


def until_painted(app: QApplication, widget: QWidget, action) -> float:
    watcher = Painted()
    widget.installEventFilter(watcher)
    start = time.perf_counter()
    action()
    while not watcher.done:
        app.processEvents()
    elapsed = time.perf_counter() - start
    widget.removeEventFilter(watcher)
    return elapsed


def measure(questions: int, repeat: int) -> dict[str, float]:
    data = Path(tempfile.mkdtemp(prefix="kquiz-bench-test-")) / "data"
    running = build_app(data)
    assert running is not None
    app, window = running.app, running.window
    while window.loader.busy or not window.core.library.decks:
        wait_idle()
        app.processEvents()
    opened, submitted, floors, asked = [], [], [], 0
    for n in range(repeat):
        floors.append(bare_widget(app, (900, 700)))
        setup = TestSetup(Selection(), "every deck", questions, frozenset(ALL_KINDS), seed=n)
        box: dict[str, object] = {}

        def open_it(setup: TestSetup = setup, box: dict[str, object] = box) -> None:
            box["window"] = open_test(window, setup)

        opened.append(until_first_paint_of_new_window(app, open_it, box))
        test_window = box["window"]
        asked = len(test_window.test.questions)  # type: ignore[attr-defined]
        for i in range(0, asked, 2):  # every other question answered right, with the keys' commands
            test_window.show_question(i)  # type: ignore[attr-defined]
            q = test_window.question  # type: ignore[attr-defined]
            if q.kind == QuestionKind.CHOICE:
                for pick in q.correct:
                    test_window.command(str(pick + 1))  # type: ignore[attr-defined]
            elif q.kind == QuestionKind.TRUEFALSE:
                test_window.command("t" if q.answer == "True" else "f")  # type: ignore[attr-defined]
        test_window.show_question(0)  # type: ignore[attr-defined]
        submitted.append(until_painted(app, test_window.results, test_window.submit))  # type: ignore[attr-defined]
        test_window.close()  # type: ignore[attr-defined]
        floors.append(bare_widget(app, (900, 700)))
    running.close()
    return {
        "questions": asked,
        "open": median(opened),
        "submit": median(submitted),
        "floor": median(floors),
    }


def until_first_paint_of_new_window(app: QApplication, action, box: dict[str, object]) -> float:
    """Time ``action`` until the window it opens (put in ``box["window"]``) has painted its question."""
    start = time.perf_counter()
    action()
    test_window = box["window"]
    watcher = Painted()
    test_window.prompt.installEventFilter(watcher)  # type: ignore[attr-defined]
    while not watcher.done:
        app.processEvents()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="one JSON line (for benchmarks/run.py)")
    args = parser.parse_args()
    r = measure(args.questions, args.repeat)
    if args.json:
        report(**r)
        return 0
    print(f"test mode, {r['questions']:.0f} questions (median of {args.repeat}); floor: a bare window shown")
    for name, label in (
        ("open", "open until the first question is drawn"),
        ("submit", "submit until the results are drawn"),
    ):
        ok = "yes" if r[name] <= BUDGETS[name] else "NO"
        print(
            f"  {label:42} {r[name] * 1000:7.1f} ms  floor {r['floor'] * 1000:6.2f} ms  budget {BUDGETS[name] * 1000:.0f} ms  met: {ok}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
