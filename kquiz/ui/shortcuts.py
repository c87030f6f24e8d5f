"""Every keyboard shortcut of the app, in one table: the help overlay lists it, the screens bind from it.

A row is one line of the help overlay (``keys`` and ``action`` as the learner reads them, ``where``
the screen) and the key sequences it binds, each to a command id that the screen handles. A screen
binds its keys only through :func:`bind` / :func:`bind_all` (QShortcut) or :func:`sequences` (the main
window's QActions), so a key cannot work without being listed, nor be listed without working;
tests/ui/test_key_table.py checks the keys each screen really has against this table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Binds = tuple[tuple[str, str], ...]  # (key sequence, command id)
# "Anywhere": the main window's menu actions; "Browser": the Browse window's menu actions;
# "Stats": the Stats window; "Test" and "Test results": the test window's two pages (kquiz/ui/test)
SCREENS = ("Library", "Study", "Summary", "Anywhere", "Browser", "Stats", "Test", "Test results")


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # as shown to the user
    action: str  # what it does, as shown to the user
    where: str  # one of SCREENS
    binds: Binds  # what the screen binds for this row


def on(command: str, *keys: str) -> Binds:
    return tuple((key, command) for key in keys)


def _numbers(last: int) -> Binds:
    return tuple((str(n), str(n)) for n in range(1, last + 1))


KEYS: tuple[Key, ...] = (
    Key("Enter", "Study the selected deck or topic", "Library", on("study", "Return", "Enter")),
    Key("P", "Practice the selection (schedule untouched)", "Library", on("practice", "P")),
    Key("C", "Custom study (tag, leeches, failed today)", "Library", on("custom", "C")),
    Key("T", "Take a test of the selection (scored at the end)", "Library", on("test", "T")),
    Key(
        "Space / Enter",
        "Show answer; accept the suggested grade",
        "Study",
        on("accept", "Space", "Return", "Enter"),
    ),
    Key("1 – 4", "Again / Hard / Good / Easy (overrides a suggested grade)", "Study", _numbers(4)),
    Key("1 – 9", "Pick a choice", "Study", _numbers(9)),
    Key("T / F", "True / False", "Study", on("t", "T") + on("f", "F")),
    Key(
        "Enter",
        "Check a typed answer (on an empty line: show the answer)",
        "Study",
        on("accept", "Return", "Enter"),
    ),
    Key(
        "Ctrl+H",
        "Hint for a typed answer (a right answer then counts as Hard)",
        "Study",
        on("hint", "Ctrl+H"),
    ),
    Key("Ctrl+Z", "Undo the last answer", "Study", on("undo", "Ctrl+Z")),
    Key("S", "Suspend the card", "Study", on("suspend", "S")),
    Key("B", "Bury the card until tomorrow", "Study", on("bury", "B")),
    Key(
        "Ctrl+Shift+S / B / E",
        "Suspend, bury, edit while typing an answer",
        "Study",
        on("suspend", "Ctrl+Shift+S") + on("bury", "Ctrl+Shift+B") + on("edit", "Ctrl+Shift+E"),
    ),
    Key(
        "F / Ctrl+F",
        "Flag or unflag the card (on a true/false question F means False)",
        "Study",
        on("f", "F") + on("flag", "Ctrl+F"),
    ),
    Key("E", "Edit the card's deck file at its line", "Study", on("edit", "E")),
    Key(
        "Ctrl+Shift+N",
        "A card that changed since you last saw it: start it again as new (answering keeps it)",
        "Study",
        on("reset-changed", "Ctrl+Shift+N"),
    ),
    Key("Esc", "Leave the session", "Study", on("leave", "Escape")),
    Key(
        "PgUp / PgDn, ↑ / ↓",
        "Scroll a card taller than the window",
        "Study",
        on("page-up", "PgUp") + on("page-down", "PgDown") + on("line-up", "Up") + on("line-down", "Down"),
    ),
    Key("C", "Continue the session (when offered)", "Summary", on("continue", "C")),
    Key(
        "Enter / Space / Esc",
        "Back to the decks (Enter and Space continue when learning cards are due again)",
        "Summary",
        on("enter", "Return", "Enter", "Space") + on("back", "Escape"),
    ),
    # "?" arrives with Shift on most layouts; F1 works even while typing an answer
    Key("? / F1", "Show or hide this list", "Anywhere", on("help", "?", "Shift+?", "F1")),
    Key("Ctrl+O", "Open a folder of decks", "Anywhere", on("open-folder", "Ctrl+O")),
    Key("Ctrl+R", "Reload the decks", "Anywhere", on("reload", "Ctrl+R")),
    Key(
        "Ctrl+B", "Browse cards (search, history, suspend, flag, reset…)", "Anywhere", on("browse", "Ctrl+B")
    ),
    Key("Ctrl+T", "Stats", "Anywhere", on("stats", "Ctrl+T")),
    Key("Ctrl+,", "Settings", "Anywhere", on("settings", "Ctrl+,")),
    Key("Ctrl+Q", "Quit", "Anywhere", on("quit", "Ctrl+Q")),
    # the Browse window (its menu actions; ↓ or Enter in the search field moves to the table)
    Key("Ctrl+F", "Search (the query language: docs/browser.md)", "Browser", on("find", "Ctrl+F")),
    Key(
        "Ctrl+J / Ctrl+Shift+J",
        "Suspend / unsuspend the selected cards",
        "Browser",
        on("suspend", "Ctrl+J") + on("unsuspend", "Ctrl+Shift+J"),
    ),
    Key(
        "Ctrl+K / Ctrl+Shift+K",
        "Flag / unflag the selected cards",
        "Browser",
        on("flag", "Ctrl+K") + on("unflag", "Ctrl+Shift+K"),
    ),
    Key("Ctrl+Shift+U", "Unbury the selected cards", "Browser", on("unbury", "Ctrl+Shift+U")),
    Key(
        "Ctrl+Alt+N",
        "Reset progress of the selected cards (asks first)",
        "Browser",
        on("reset", "Ctrl+Alt+N"),
    ),
    Key("Ctrl+Shift+D", "Set the due date of the selected cards", "Browser", on("due", "Ctrl+Shift+D")),
    Key(
        "Ctrl+Return / Ctrl+Shift+Return",
        "Study / practise the selected cards now",
        "Browser",
        on("study", "Ctrl+Return") + on("practice", "Ctrl+Shift+Return"),
    ),
    Key(
        "Ctrl+Shift+E", "Export the selected cards (.apkg or .yaml)", "Browser", on("export", "Ctrl+Shift+E")
    ),
    Key("Ctrl+E", "Edit the current card's deck file at its line", "Browser", on("edit", "Ctrl+E")),
    Key("Ctrl+Z", "Undo the last action of the browser", "Browser", on("undo", "Ctrl+Z")),
    Key("Esc", "Close the browser", "Browser", on("close", "Escape")),
    # the Stats window (↑ / ↓ scroll it too while the page, not a list or box, has the focus)
    Key("Esc / Ctrl+W", "Close the Stats window", "Stats", on("close", "Escape", "Ctrl+W")),
    Key(
        "PgUp / PgDn, Home / End",
        "Scroll the statistics",
        "Stats",
        on("page-up", "PgUp") + on("page-down", "PgDown") + on("top", "Home") + on("bottom", "End"),
    ),
    # the test window (Study → Take a test…, T in the library); answers can be changed until Submit
    Key("1 – 9", "Pick a choice (several right: toggle each)", "Test", _numbers(9)),
    Key("T / F", "True / False", "Test", on("t", "T") + on("f", "F")),
    Key(
        "Enter / PgDn / Alt+Right",
        "Next question (Enter also from a typed answer)",
        "Test",
        on("next", "Return", "Enter", "PgDown", "Alt+Right"),
    ),
    Key("PgUp / Alt+Left", "Previous question", "Test", on("previous", "PgUp", "Alt+Left")),
    Key(
        "Ctrl+Return / Ctrl+Enter",
        "Submit the test and see the results",
        "Test",
        on("submit", "Ctrl+Return", "Ctrl+Enter"),
    ),
    Key("Esc", "Leave the test (asks first; nothing is saved)", "Test", on("leave", "Escape")),
    Key("S", "Study the missed cards now", "Test results", on("study", "S")),
    Key("P", "Practise the missed cards (schedule untouched)", "Test results", on("practice", "P")),
    Key("Esc", "Close the results", "Test results", on("close", "Escape")),
)


def normalized(key: str | QKeySequence) -> str:
    """One spelling per key sequence ("Escape" and "Esc" are the same key)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)


def commands(where: str) -> dict[str, tuple[str, ...]]:
    """The commands of one screen with their key sequences, in table order.

    Several rows may bind a key to the same command (Enter accepts a grade and checks a typed
    answer); a key bound to two different commands on one screen is a mistake in the table.
    """
    return dict(_commands(where))


@functools.cache  # the table is a constant: checked and grouped once per screen, not once per key bound
def _commands(where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if where not in SCREENS:
        raise ValueError(f"unknown screen {where!r}: one of {', '.join(SCREENS)}")
    meaning: dict[str, str] = {}
    found: dict[str, list[str]] = {}
    for row in KEYS:
        if row.where != where:
            continue
        for key, command in row.binds:
            same = meaning.setdefault(normalized(key), command)
            if same != command:
                raise ValueError(f"{where}: {key} is bound to both {same!r} and {command!r}")
            keys = found.setdefault(command, [])
            if key not in keys:
                keys.append(key)
    return tuple((command, tuple(keys)) for command, keys in found.items())


def sequences(where: str, command: str) -> list[QKeySequence]:
    """The key sequences of one command (for a QAction's ``setShortcuts``)."""
    keys = commands(where).get(command)
    if not keys:
        raise KeyError(f"no key for {where}/{command} in kquiz.ui.shortcuts.KEYS")
    return [QKeySequence(key) for key in keys]


def bind(
    widget: QWidget, where: str, command: str, slot: Callable[[], object], *, auto_repeat: bool = True
) -> list[QShortcut]:
    """Bind a command's keys on ``widget`` (active while the focus is in it or its children)."""
    bound = []
    for seq in sequences(where, command):
        shortcut = QShortcut(seq, widget)
        shortcut.setObjectName(f"{where}:{command}")
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(auto_repeat)
        shortcut.activated.connect(slot)
        bound.append(shortcut)
    return bound


def bind_all(
    widget: QWidget, where: str, handler: Callable[[str], object], *, auto_repeat: bool = True
) -> dict[str, list[QShortcut]]:
    """Bind every command of a screen to one handler that receives the command id."""
    return {
        command: bind(widget, where, command, functools.partial(handler, command), auto_repeat=auto_repeat)
        for command in commands(where)
    }
