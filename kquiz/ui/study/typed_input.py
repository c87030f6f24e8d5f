"""Typed cards and cloze cards: an input line, Enter checks; cloze may also be flipped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from kquiz.ui.widgets import button


class TypedInput(QWidget):
    submitted = Signal(str)
    reveal = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("typedAnswer")
        self.edit.setPlaceholderText("Type your answer, then press Enter")
        self.edit.setAccessibleName("Your answer")
        self.edit.setClearButtonEnabled(False)
        self.edit.returnPressed.connect(self.check)
        self.check_button = button("Check", self, primary=True)
        self.check_button.clicked.connect(self.check)
        self.flip_button = button("Show answer", self)
        self.flip_button.clicked.connect(self.reveal.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.check_button)
        layout.addWidget(self.flip_button)
        self.answered = False

    def check(self) -> None:
        if self.answered:
            return
        if self.edit.text().strip():
            self.submitted.emit(self.edit.text())
        else:  # Enter on an empty line: show the answer (a quiz card then suggests Again)
            self.reveal.emit()

    def set_answered(self) -> None:
        self.answered = True
        self.edit.setReadOnly(True)
        self.edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.check_button.hide()
        self.flip_button.hide()
        if not self.edit.text():
            self.hide()

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
