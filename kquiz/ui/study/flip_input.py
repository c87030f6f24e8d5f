"""Flip cards (basic, reversed, and cloze when not typed): one "Show answer" button."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kquiz.ui.widgets import button


class FlipInput(QWidget):
    reveal = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.show_button = button("Show answer", self, primary=True)
        self.show_button.setAccessibleDescription("Space or Enter")
        self.show_button.clicked.connect(self.reveal.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.show_button)
        layout.addStretch(1)

    def set_answered(self) -> None:
        self.hide()
