"""One key table: the keys each screen really has, and the help overlay's list, are kquiz.ui.shortcuts.KEYS."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kquiz.ui.shortcuts import KEYS, SCREENS, commands, normalized

from .keys import press, settle


def table(where: str) -> set[str]:
    return {normalized(key) for row in KEYS if row.where == where for key, _ in row.binds}


def bound_in(widget: QWidget) -> set[str]:
    """Every key sequence a QShortcut or QAction inside ``widget`` (itself included) answers to."""
    keys = {normalized(sc.key()) for sc in widget.findChildren(QShortcut)}
    actions = [*widget.findChildren(QAction), *widget.actions()]
    keys |= {normalized(seq) for action in actions for seq in action.shortcuts()}
    return keys - {""}


def under(obj: QObject, screens: tuple[QWidget, ...]) -> bool:
    parent = obj.parent()
    while parent is not None:
        if parent in screens:
            return True
        parent = parent.parent()
    return False


def test_each_screen_binds_exactly_its_rows_of_the_table(qtbot, data_dir, start_app):
    window = start_app(data_dir).window
    screens = {"Library": window.library, "Study": window.study, "Summary": window.summary}
    press(qtbot, window, Qt.Key.Key_Return)  # Enter studies the selected deck (a key of the table)
    session = window.nav.session
    assert session is not None and window.stack.currentWidget() is window.study
    kinds = set()
    for _ in range(12):  # every kind of card: its input widget must not bring keys of its own
        if session.current is None:
            break
        kinds.add(str(session.current.kind))
        assert bound_in(window.study) == table("Study"), session.current.kind
        session.bury()
        window.study.redraw()
        settle(1)
    assert {"basic", "choice", "truefalse", "typed"} <= kinds
    for where, screen in screens.items():
        assert bound_in(screen) == table(where), where
    # the rest of the window: the menu actions ("Anywhere"); no other shortcut anywhere
    outside = tuple(screens.values())
    anywhere = {
        normalized(seq)
        for action in window.findChildren(QAction)
        if not under(action, outside)
        for seq in action.shortcuts()
    }
    anywhere |= {normalized(sc.key()) for sc in window.findChildren(QShortcut) if not under(sc, outside)}
    assert anywhere == table("Anywhere")


def test_the_help_overlay_lists_exactly_the_table(qtbot, data_dir, start_app):
    window = start_app(data_dir).window
    window.help.toggle()
    settle()
    keys = window.help.findChild(QWidget, "helpKeys")
    grid = keys.layout()
    assert isinstance(grid, QGridLayout)
    rows = []
    for row in range(1, grid.rowCount()):  # row 0: the title
        labels = [grid.itemAtPosition(row, col) for col in range(3)]
        cells = [item.widget() for item in labels if item is not None]
        assert all(isinstance(cell, QLabel) for cell in cells)
        rows.append(tuple(cell.text() for cell in cells))
    assert rows == [(k.keys, k.action, k.where) for k in KEYS]


SHOWN_AS = {"Return": "Enter", "Escape": "Esc", "PgDown": "PgDn", "Up": "↑", "Down": "↓", "Shift+?": "?"}


def shown_in(key: str, keys: str) -> bool:
    """Whether a bound key is written in its row's ``keys`` text (as "Esc", "1 – 9", "Ctrl+Shift+S / B")."""
    parts = re.split(r"\s*/\s*|,\s+", keys)
    key = SHOWN_AS.get(key, key)
    if key in parts:
        return True
    for first, last in re.findall(r"(\d) – (\d)", keys):
        if key.isdigit() and int(first) <= int(key) <= int(last):
            return True
    prefix, _, last_key = key.rpartition("+")
    return bool(prefix) and keys.startswith(prefix + "+") and last_key in parts


@pytest.mark.parametrize("row", KEYS, ids=lambda row: f"{row.where}:{row.keys}")
def test_each_row_shows_the_keys_it_binds(row):
    assert row.where in SCREENS and row.binds
    assert [key for key, _ in row.binds if not shown_in(key, row.keys)] == []


def test_a_key_means_one_thing_on_a_screen_and_screens_leave_the_menu_keys_alone():
    for where in SCREENS:
        commands(where)  # raises if a key is bound to two commands on one screen
    menu = table("Anywhere")
    for where in ("Library", "Study", "Summary"):
        assert table(where) & menu == set(), where  # Qt would call the key ambiguous: neither runs
