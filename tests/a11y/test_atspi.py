"""Accessibility checked the way a screen reader sees it (issue 15): through the real AT-SPI bus.

A private D-Bus session, the AT-SPI bus launcher and Xvfb are started here; kquiz runs on them
(xcb, QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) and ``walker.py``, under the system python with
python3-pyatspi, reads each screen's accessible tree: the library, a study card of each type, the
summary, settings and the browser. Every button, field and list must have a name and a role, the
card's question must be readable as text, and Tab must follow the screen (top to bottom, left to
right). Skipped only when no AT-SPI bus can start here (no Xvfb, no at-spi2-core, no system python
with Atspi); `.ci/run` installs all three.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SYSTEM_PYTHON = "/usr/bin/python3"
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
NAMED = {"push button", "toggle button", "check box", "radio button", "text", "entry", "password text"}
NAMED |= {"spin button", "combo box", "list", "list box", "table", "tree", "tree table", "slider", "page tab"}
SCREENS = ("library", "summary", "settings", "browser") + tuple(
    f"study-{k}" for k in ("basic", "reversed", "choice", "truefalse", "typed", "cloze")
)


def _why_not() -> str | None:
    if shutil.which("Xvfb") is None:
        return "no Xvfb (Debian package xvfb)"
    if shutil.which("dbus-daemon") is None:
        return "no dbus-daemon (Debian package dbus)"
    if not any(Path(p).exists() for p in LAUNCHERS):
        return "no at-spi-bus-launcher (Debian package at-spi2-core)"
    probe = [
        SYSTEM_PYTHON,
        "-c",
        "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi",
    ]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True, timeout=20).returncode:
        return f"{SYSTEM_PYTHON} cannot import gi.repository.Atspi (Debian package python3-pyatspi)"
    return None


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in reversed(procs):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    reason = _why_not()
    if reason:
        pytest.skip(f"no AT-SPI bus can start here: {reason}")
    tmp = tmp_path_factory.mktemp("atspi")
    procs: list[subprocess.Popen] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DBUS_", "AT_SPI"))}
    try:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address"],
            stdout=subprocess.PIPE, text=True, start_new_session=True,
        )  # fmt: skip
        procs.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        read, write = os.pipe()
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,), stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        procs.append(xvfb)
        os.close(write)
        with os.fdopen(read) as display:
            env["DISPLAY"] = ":" + display.readline().strip()
        launcher = next(p for p in LAUNCHERS if Path(p).exists())
        procs.append(subprocess.Popen([launcher], env=env, start_new_session=True))
        env |= {"QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "HOME": str(tmp)}
        env["PYTHONPATH"] = str(HERE.parent.parent)
        out = tmp / "screens.json"
        driver = subprocess.Popen(
            [sys.executable, str(HERE / "driver.py"), str(tmp), SYSTEM_PYTHON, str(out)],
            env=env, cwd=tmp, start_new_session=True,
        )  # fmt: skip
        procs.append(driver)
        assert driver.wait(timeout=55) == 0, "the driver failed (its output is above)"
        yield json.loads(out.read_text(encoding="utf-8"))
    finally:
        _stop(procs)


def _nodes(node: dict) -> Iterator[dict]:
    yield node
    for child in node.get("children", ()):
        yield from _nodes(child)


@pytest.mark.parametrize("screen", SCREENS)
def test_every_control_has_a_name_and_a_role(screens: dict, screen: str) -> None:
    walked = screens[screen]
    assert "error" not in walked, walked.get("error")
    nodes = [n for window in walked["windows"] for n in _nodes(window)]
    assert len(nodes) > 10 and all(
        n["role"] not in ("", "unknown") for n in nodes if "focusable" in n["states"]
    )
    nameless = [
        (n["role"], n.get("text", "")[:40]) for n in nodes if n["role"] in NAMED and not n["name"].strip()
    ]
    assert nameless == []


@pytest.mark.parametrize("kind", ("basic", "reversed", "choice", "truefalse", "typed", "cloze"))
def test_the_card_text_is_readable_as_text(screens: dict, kind: str) -> None:
    walked = screens[f"study-{kind}"]
    question = walked["question"]
    texts = [
        f"{n['name']} {n['description']} {n.get('text', '')}" for w in walked["windows"] for n in _nodes(w)
    ]
    assert question and any(question in t for t in texts), question


def _cycle(tabs: list[dict]) -> list[dict]:
    """One round of Tab, the screen's own focusable container left out, from the top left control."""
    seen: list[dict] = []
    for step in tabs:
        if step["class"] in ("StudyScreen", "SummaryScreen"):
            continue
        if step in seen:
            break
        seen.append(step)
    start = min(range(len(seen)), key=lambda i: (seen[i]["y"], seen[i]["x"]))
    return seen[start:] + seen[:start]


@pytest.mark.parametrize("screen", SCREENS)
def test_focus_order_follows_the_screen(screens: dict, screen: str) -> None:
    cycle = _cycle(screens[screen]["tabs"])
    assert cycle and all(step["name"] for step in cycle), cycle
    for before, after in itertools.pairwise(cycle):
        same_row = abs(after["y"] - before["y"]) <= 12
        assert (after["x"] > before["x"]) if same_row else (after["y"] > before["y"]), (before, after)
