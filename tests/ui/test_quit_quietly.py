"""Quitting is quiet: nothing on stderr when the app quits right after its window appears, nor when
a background job outlives the app (it used to print "Something went wrong inside kquiz
(RuntimeError: Signal source has been deleted)" from the job's thread at exit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

QUIT_AFTER_SHOW = """
import sys
from PySide6.QtCore import QTimer
from kquiz.ui import launch

app = launch.qt_app()
build = launch.build_app

def build_then_quit(*args, **kwargs):
    running = build(*args, **kwargs)
    QTimer.singleShot(int(sys.argv[2]), app.quit)  # the window is shown, its decks are loading
    return running

launch.build_app = build_then_quit
sys.exit(launch.run_app(sys.argv[1]))
"""

JOB_OUTLIVES_APP = """
import threading
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from kquiz.ui.errors import install_excepthook
from kquiz.ui.workers import run_in_background

app = QApplication([])
install_excepthook()
started = threading.Event()
run_in_background(lambda: (started.set(), threading.Event().wait(0.5)), print, print)
started.wait(10)
QTimer.singleShot(0, app.quit)
app.exec()
del app  # Qt's teardown deletes the job's signals while the job still runs
"""


def _stderr_of_kquiz(err: str) -> list[str]:
    """stderr without the offscreen platform plugin's own notes ("This plugin does not support …")."""
    return [line for line in err.splitlines() if line.strip() and "This plugin does not support" not in line]


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120, env=env
    )


@pytest.mark.parametrize("quit_after_ms", [0, 0, 20, 150])
def test_the_app_quits_right_after_its_window_appears_without_a_word(
    data_dir: Path, quit_after_ms: int
) -> None:
    proc = _run(QUIT_AFTER_SHOW, str(data_dir), str(quit_after_ms))
    assert _stderr_of_kquiz(proc.stderr) == []
    assert proc.returncode == 0
    assert not (data_dir / "kquiz.log").exists()  # nothing unexpected was logged either


def test_a_job_that_outlives_the_app_ends_quietly() -> None:
    proc = _run(JOB_OUTLIVES_APP)
    assert "Signal source has been deleted" not in proc.stderr
    assert _stderr_of_kquiz(proc.stderr) == []
    assert proc.returncode == 0
