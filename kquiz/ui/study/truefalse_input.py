"""True/false cards: two buttons (keys T and F), colored after answering."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kquiz.ui.study.choice_input import ChoiceButton


class TrueFalseInput(QWidget):
    submitted = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.answered = False
        self.true_button = _tf_button("True", "key T", self)
        self.false_button = _tf_button("False", "key F", self)
        self.true_button.clicked.connect(lambda: self.choose(True))
        self.false_button.clicked.connect(lambda: self.choose(False))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.true_button, 1)
        layout.addWidget(self.false_button, 1)

    def choose(self, value: bool) -> None:
        if not self.answered:
            self.submitted.emit(value)

    def show_result(self, right: bool, chosen: bool) -> None:
        self.answered = True
        for value, b in ((True, self.true_button), (False, self.false_button)):
            if value == right:
                b.set_verdict("right")
            elif value == chosen:
                b.set_verdict("wrong")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def _tf_button(text: str, desc: str, parent: QWidget) -> ChoiceButton:
    b = ChoiceButton(0, text, parent)
    b.label.setText(text)
    b.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    b.setAccessibleName(text)
    b.setAccessibleDescription(desc)
    return b
