"""The browser's search field and the query a browser opens with."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

__all__ = ["SearchField", "scope_query"]


def scope_query(deck_id: str | None, topic: str | None = None) -> str:
    """The query a browser opens with: the deck (and topic) selected in the library, else every card."""
    parts = [f"deck:{deck_id}"] if deck_id else []
    if topic:
        parts.append(f"topic:{topic}")
    return " ".join(f'{p.split(":")[0]}:"{p.partition(":")[2]}"' if " " in p else p for p in parts)


class SearchField(QLineEdit):
    """Down or Enter moves to the table (keyboard-only use)."""

    to_table = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.to_table.emit()
            return
        super().keyPressEvent(event)
