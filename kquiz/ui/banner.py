"""A dismissible banner strip shown above the screens (the educational notice uses it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from kquiz.ui.widgets import button


class Banner(QFrame):
    dismissed = Signal()

    def __init__(self, text: str, name: str, parent: QWidget | None = None, *, action: str = "Dismiss"):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName(name)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(name)
        self.label.setAccessibleDescription(text)
        self.button = button(action, self)
        self.button.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 16, 10)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
