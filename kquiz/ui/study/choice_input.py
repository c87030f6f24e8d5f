"""Multiple-choice cards: one numbered button per choice; right/wrong colored after answering.

With one right choice a click (or its number key) answers at once; with several,
clicks and numbers toggle and "Check" (or Enter) answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kquiz.domain import ChoiceCard
from kquiz.ui.widgets import button

if TYPE_CHECKING:
    from kquiz.app import ShownCard


class ChoiceButton(QPushButton):
    """A push button whose label wraps; the accessible name is exactly the visible label."""

    def __init__(self, number: int, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("choiceButton")
        self.label = QLabel(f"{number}.  {text}")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.label_text())
        self.setAccessibleDescription(f"key {number}")

    def label_text(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        own = super().sizeHint()
        return own if layout is None else layout.sizeHint().expandedTo(own)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return super().heightForWidth(width) if layout is None else layout.heightForWidth(width)

    def set_verdict(self, verdict: str) -> None:
        self.setProperty("verdict", verdict)
        self.style().unpolish(self)
        self.style().polish(self)


class ChoiceInput(QWidget):
    submitted = Signal(list)  # indices into ShownCard.choices

    def __init__(self, choices: Sequence[str], multi: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.multi = multi
        self.answered = False
        self.buttons: list[ChoiceButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(8)
        for i, text in enumerate(choices[:9]):
            b = ChoiceButton(i + 1, text, self)
            b.setCheckable(multi)
            b.clicked.connect(lambda _=False, n=i + 1: self.pick(n) if not multi else self._toggled())
            layout.addWidget(b)
            self.buttons.append(b)
        self.hint = QLabel("Choose all that apply, then Check (Enter)." if multi else "", self)
        self.hint.setObjectName("muted")
        self.hint.setVisible(multi)
        layout.addWidget(self.hint)
        self.check_button = button("Check", self, primary=True)
        self.check_button.setVisible(multi)
        self.check_button.clicked.connect(self.submit_selected)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.check_button)
        layout.addLayout(row)

    def pick(self, number: int) -> None:
        if self.answered or not 1 <= number <= len(self.buttons):
            return
        if self.multi:
            b = self.buttons[number - 1]
            if self.sender() is not b:
                b.setChecked(not b.isChecked())
            self._toggled()
        else:
            self.submitted.emit([number - 1])

    def _toggled(self) -> None:
        for b in self.buttons:
            b.setProperty("checked", "true" if b.isChecked() else "false")
            b.style().unpolish(b)
            b.style().polish(b)

    def submit_selected(self) -> None:
        if not self.answered and self.multi:
            self.submitted.emit([i for i, b in enumerate(self.buttons) if b.isChecked()])

    def show_result(self, correct: set[int], chosen: set[int]) -> None:
        self.answered = True
        self.check_button.hide()
        self.hint.hide()
        for i, b in enumerate(self.buttons):
            b.setCheckable(False)
            if i in correct:
                b.set_verdict("right")
                b.setAccessibleDescription("right answer" + (", your choice" if i in chosen else ""))
            elif i in chosen:
                b.set_verdict("wrong")
                b.setAccessibleDescription("your choice, wrong")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)


def correct_indices(shown: ShownCard) -> set[int]:
    """Which of the shown (shuffled) choice texts are right, from the card's own choices."""
    choices = shown.card.choices if isinstance(shown.card, ChoiceCard) else ()
    right = {c.text for c in choices if c.correct}
    return {i for i, text in enumerate(shown.choices) if text in right}
