"""Typed cards and cloze cards: an input line, Enter checks; cloze may also be flipped."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kquiz.ui.widgets import button


class TypedInput(QWidget):
    submitted = Signal(str)
    reveal = Signal()
    hint_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, blanks: int = 1):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("typedAnswer")
        self.edit.setPlaceholderText(
            f"Type the {blanks} missing answers separated by | then press Enter"
            if blanks > 1
            else "Type your answer, then press Enter"
        )
        self.edit.setAccessibleName("Your answer")
        self.edit.setClearButtonEnabled(False)
        self.edit.returnPressed.connect(self.check)
        self.edit.installEventFilter(self)  # Ctrl+Z is the study screen's undo, not the field's
        self.check_button = button("Check", self, primary=True)
        self.check_button.clicked.connect(self.check)
        self.flip_button = button("Show answer", self)
        self.flip_button.clicked.connect(self.reveal.emit)
        self.hint_button = button("Hint", self)
        self.hint_button.setAccessibleDescription("Ctrl+H; a right answer after a hint counts as Hard")
        self.hint_button.clicked.connect(self.hint_requested.emit)
        self.hint_label = QLabel("", self)
        self.hint_label.setObjectName("cardDetail")
        self.hint_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hint_label.setAccessibleName("Hint")
        self.hint_label.hide()
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(self.edit, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.hint_button)
        row.addWidget(self.flip_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.hint_label)
        order = (self.edit, self.check_button, self.hint_button, self.flip_button)
        for first, then in itertools.pairwise(order):  # Tab follows the row: field, Check, Hint, Show answer
            QWidget.setTabOrder(first, then)
        self.answered = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Let Ctrl+Z reach the study screen's shortcut (undo the previous answer) from the field."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

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
        self.hint_button.hide()
        if not self.edit.text():
            self.hide()

    def show_hint(self, text: str) -> None:
        self.hint_label.setText(f"Hint: {text}")
        self.hint_label.setAccessibleDescription(text)
        self.hint_label.show()
        self.focus()

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
