"""Again / Hard / Good / Easy, each with its next interval above it; the suggested one is default."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from kquiz.domain import Rating
from kquiz.ui.widgets import button

LABELS = ("Again", "Hard", "Good", "Easy")


class GradeBar(QWidget):
    rated = Signal(int)  # 1..4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        self.intervals: list[QLabel] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(len(LABELS) + 1, 1)
        for i, text in enumerate(LABELS):
            interval = QLabel("")
            interval.setObjectName("interval")
            interval.setAlignment(Qt.AlignmentFlag.AlignCenter)
            b = button(text, self)
            b.setMinimumWidth(96)
            b.clicked.connect(lambda _=False, r=i + 1: self.rated.emit(r))
            grid.addWidget(interval, 0, i + 1)
            grid.addWidget(b, 1, i + 1)
            self.buttons.append(b)
            self.intervals.append(interval)

    def set_previews(self, previews: Mapping[Rating, str], suggested: int | None) -> None:
        for i, (b, label) in enumerate(zip(self.buttons, self.intervals)):
            rating = i + 1
            text = previews.get(Rating(rating), "")
            label.setText(text)
            label.setAccessibleName(f"{LABELS[i]} interval")
            extra = ", Space or Enter" if suggested == rating else ""
            b.setAccessibleDescription(
                f"key {rating}, next review in {text}{extra}" if text else f"key {rating}"
            )
            b.setObjectName("primary" if suggested == rating else "")
            b.style().unpolish(b)
            b.style().polish(b)
