"""Dump one application's AT-SPI tree as JSON, then press Tab and record where focus goes.

Run with the SYSTEM python (python3-pyatspi / gi Atspi), not the test virtualenv:

    /usr/bin/python3 walker.py PID OUT.json

Walks every showing window of the application whose process id is PID: each node's role, name,
description, text (when it implements Text), states, extents and showing children (at most 40
children a node, depth 40; hidden pages are left out, as a screen reader skips them). Exit 0 on
success, 2 when the application never appears on the bus.
"""

from __future__ import annotations

import json
import sys
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)  # the *_iface getters

MAX_CHILDREN = 40
MAX_DEPTH = 40


def states(obj) -> list[str]:
    got = obj.get_state_set().get_states()
    return sorted(Atspi.StateType(s).value_nick for s in got)


def text_of(obj) -> str | None:
    try:
        text = obj.get_text_iface()
        if text is None:
            return None
        return text.get_text(0, min(text.get_character_count(), 2000))
    except Exception:
        return None


def extents(obj) -> list[int] | None:
    try:
        comp = obj.get_component_iface()
        if comp is None:
            return None
        r = comp.get_extents(Atspi.CoordType.WINDOW)
        return [r.x, r.y, r.width, r.height]
    except Exception:
        return None


def node(obj, depth: int = 0) -> dict:
    out = {
        "role": obj.get_role_name(),
        "name": obj.get_name() or "",
        "description": obj.get_description() or "",
        "states": states(obj),
        "extents": extents(obj),
    }
    text = text_of(obj)
    if text is not None:
        out["text"] = text
    count = obj.get_child_count()
    out["child_count"] = count
    if depth < MAX_DEPTH:
        kids = []
        for i in range(min(count, MAX_CHILDREN)):
            child = obj.get_child_at_index(i)
            if child is not None and child.get_state_set().contains(Atspi.StateType.SHOWING):
                kids.append(node(child, depth + 1))
        out["children"] = kids
    return out


def find_app(pid: int, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.2)
    return None


def main() -> int:
    pid, out = int(sys.argv[1]), sys.argv[2]
    app = find_app(pid)
    if app is None:
        print(f"application with pid {pid} not on the accessibility bus", file=sys.stderr)
        return 2
    windows = []
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_state_set().contains(Atspi.StateType.SHOWING):
            windows.append(node(window))
    result = {"app": app.get_name(), "windows": windows}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(result, fh, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
