"""The browser's search field and the query a browser opens with."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

__all__ = ["STYLE", "SearchField", "breakable", "scope_query"]
PLACEHOLDER = 'Search: words, "a phrase", deck:ID, tag:T, is:due, prop:lapses>3, -is:new, a or b, ( )'
STYLE = "QLabel#queryError { color: palette(highlighted-text); background: #b3261e; padding: 3px 8px; border-radius: 4px; }"


def breakable(text: str, every: int = 16) -> str:
    """``text`` with a zero-width space every ``every`` characters of a long word, where a label may wrap."""
    return re.sub(rf"\S{{{every}}}(?=\S)", lambda m: m.group(0) + "\u200b", text)


def scope_query(deck_id: str | None, topic: str | None = None) -> str:
    """The query a browser opens with: the deck (and topic) selected in the library, else every card."""
    parts = [f"deck:{deck_id}"] if deck_id else []
    if topic:
        parts.append(f"topic:{topic}")
    return " ".join(f'{p.split(":")[0]}:"{p.partition(":")[2]}"' if " " in p else p for p in parts)


class SearchField(QLineEdit):
    """Down or Enter moves to the table (keyboard-only use)."""

    to_table = Signal()

    def __init__(self, text: str = ""):
        super().__init__(text)
        self.setPlaceholderText(PLACEHOLDER)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.to_table.emit()
            return
        super().keyPressEvent(event)
