"""Take a test… / Print a test…: scope, number of questions, kinds, time limit (or paper), the seed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kquiz.app import Selection
from kquiz.app.quiz import DEFAULT_QUESTIONS, QuestionKind, new_seed

KIND_LABELS = (
    (QuestionKind.CHOICE, "&Multiple choice"),
    (QuestionKind.TRUEFALSE, "&True / false"),
    (QuestionKind.TYPED, "T&yped answers (and cloze)"),
)


@dataclass(frozen=True, slots=True)
class TestSetup:
    __test__ = False  # not a pytest test class

    scope: Selection
    what: str  # the scope as the learner reads it
    count: int
    kinds: frozenset[QuestionKind]
    seed: int
    minutes: int = 0  # time limit; 0: none
    answers: str = "separate"  # printing: separate / inline / none
    paper: str = "a4"


class TestDialog(QDialog):
    """``scopes``: (label, selection) pairs, the first one chosen. ``printing``: paper options instead of
    a time limit."""

    __test__ = False  # not a pytest test class

    def __init__(
        self,
        scopes: Sequence[tuple[str, Selection]],
        *,
        printing: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("testDialog")
        title = "Print a test" if printing else "Take a test"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.printing = printing
        heading = QLabel(title)
        heading.setObjectName("screenTitle")
        self.scope = QComboBox()
        for label, selection in scopes:
            self.scope.addItem(label, selection)
        self.count = QSpinBox()
        self.count.setRange(1, 500)
        self.count.setValue(DEFAULT_QUESTIONS)
        self.kinds = {kind: QCheckBox(label) for kind, label in KIND_LABELS}
        kinds_row = QHBoxLayout()
        for box in self.kinds.values():
            box.setChecked(True)
            box.toggled.connect(self._update_ok)
            kinds_row.addWidget(box)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSpecialValueText("No limit")
        self.minutes.setSuffix(" min")
        self.seed = QSpinBox()
        self.seed.setRange(0, 999_999_999)
        self.seed.setValue(new_seed())
        self.seed.setToolTip("The same seed draws the same test (and prints the same paper).")
        self.answers = QComboBox()
        for value, label in (
            ("separate", "Answer key on its own pages"),
            ("inline", "Answers under each question"),
            ("none", "No answers"),
        ):
            self.answers.addItem(label, value)
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        form = QFormLayout()
        form.addRow("&Scope:", self.scope)
        form.addRow("&Questions:", self.count)
        form.addRow("Kinds:", kinds_row)
        if printing:
            form.addRow("&Answers:", self.answers)
            form.addRow("&Paper:", self.paper)
        else:
            form.addRow("Time &limit:", self.minutes)
        form.addRow("S&eed:", self.seed)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save as PDF…" if printing else "Start the test")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.count.setFocus()
        self.count.selectAll()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(any(box.isChecked() for box in self.kinds.values()))

    def setup(self) -> TestSetup:
        return TestSetup(
            scope=self.scope.currentData(),
            what=self.scope.currentText(),
            count=self.count.value(),
            kinds=frozenset(kind for kind, box in self.kinds.items() if box.isChecked()),
            seed=self.seed.value(),
            minutes=0 if self.printing else self.minutes.value(),
            answers=str(self.answers.currentData()),
            paper=str(self.paper.currentData()),
        )
