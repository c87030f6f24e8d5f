"""Open kquiz on a real X display and have ``walker.py`` read each screen over AT-SPI.

    python driver.py DATA_DIR WALKER_PYTHON OUT.json

Run by tests/a11y/test_atspi.py with the test virtualenv's python, QT_QPA_PLATFORM=xcb and
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, on a private D-Bus session with the AT-SPI bus running. For
each screen (the library, a study card of each type, the summary, settings, the browser) it shows
the screen, then runs the walker (the system python with Atspi) on its own process id while it
keeps Qt's event loop turning, so the bridge can answer. The trees go to OUT.json by screen name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kquiz.app import Selection, open_core
from kquiz.clock import FixedClock, SystemClock
from kquiz.ui.launch import build_app
from kquiz.ui.workers import wait_idle

WALKER = Path(__file__).with_name("walker.py")
KINDS = ("basic", "reversed", "choice", "truefalse", "typed", "cloze")


def settle(app: QApplication, rounds: int = 6) -> None:
    for _ in range(rounds):
        wait_idle()
        app.processEvents()


def tab_order(app: QApplication, window: QWidget, tabs: int) -> list[dict]:
    """Press Tab ``tabs`` times (real key events through Qt's focus chain) and record, after each,
    the focused widget as the accessibility bridge describes it: name, role and where it is."""
    steps = []
    for _ in range(tabs):
        QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        app.processEvents()
        widget = window.focusWidget()
        if widget is None:
            steps.append({"name": "", "role": "", "x": -1, "y": -1})
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        at = widget.mapTo(window, widget.rect().topLeft())
        steps.append(
            {
                "name": face.text(QAccessible.Text.Name) if face else "",
                "role": face.role().name if face else "",
                "class": type(widget).__name__,
                "object": widget.objectName(),
                "x": at.x(),
                "y": at.y(),
            }
        )
    return steps


def walk(app: QApplication, window: QWidget, python: str, tabs: int, tmp: Path) -> dict:
    window.raise_()
    window.activateWindow()
    settle(app)
    out = tmp / "walk.json"
    out.unlink(missing_ok=True)
    proc = subprocess.Popen([python, str(WALKER), str(os.getpid()), str(out)])
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
        return {"error": "walker timed out"}
    if proc.returncode != 0:
        return {"error": f"walker exited {proc.returncode}"}
    result = json.loads(out.read_text(encoding="utf-8"))
    result["tabs"] = tab_order(app, window, tabs)
    return result


def question(card: object) -> str:
    """The start of the card's question as the learner reads it (up to a cloze blank)."""
    kind = str(getattr(card, "kind", "")) or type(card).__name__
    for field in ("back" if "reversed" in kind.lower() else "front", "prompt", "statement", "text", "front"):
        value = getattr(card, field, None)
        if isinstance(value, str) and value:
            return value.split("{{")[0].strip()[:30]
    return ""


def main() -> int:
    data, python, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    clock = FixedClock(SystemClock().now())
    core = open_core(data / "data", clock=clock, seed=7)
    running = build_app(data / "data", core=core)
    assert running is not None
    app, window = running.app, running.window
    window.resize(1000, 720)
    window.show()
    settle(app)
    screens: dict[str, dict] = {}
    window.show_library()
    settle(app)
    screens["library"] = walk(app, window, python, 12, data)
    window.notice.hide()
    session = core.start_session(Selection())
    window.nav.session = session
    window.show_study(session)
    for kind in KINDS:
        buried = 0
        while session.current is not None and str(session.current.kind) != kind:
            session.bury()
            buried += 1
        if session.current is None:
            screens[f"study-{kind}"] = {"error": f"no {kind} card in the bundled decks"}
        else:
            window.study.start(session)
            settle(app)
            screens[f"study-{kind}"] = walk(app, window, python, 8, data)
            screens[f"study-{kind}"]["question"] = question(session.current.card)
        for _ in range(buried):
            session.undo()
    for rating in (3, 3, 1, 3, 4):
        if session.current is None:
            break
        if session.phase.name == "QUESTION":
            session.reveal()
        clock.advance(seconds=23)
        session.rate(rating)
    window.show_summary(session)
    settle(app)
    screens["summary"] = walk(app, window, python, 8, data)
    window.nav.open_settings()
    settle(app)
    screens["settings"] = walk(app, window.nav.settings_dialog, python, 30, data)
    window.nav.settings_dialog.reject()
    window.open_browser()
    settle(app)
    screens["browser"] = walk(app, window.browser, python, 10, data)
    window.browser.close()
    out.write_text(json.dumps(screens, ensure_ascii=False, indent=1), encoding="utf-8")
    running.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
