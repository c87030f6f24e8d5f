"""Custom study: narrow a deck to a tag, its leeches, the cards failed today, flagged or changed cards."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kquiz.domain import StudyMode

ANY_TAG = "Any tag"


class CustomChoice(TypedDict):
    tag: str | None
    leeches: bool
    failed_today: bool
    flagged: bool
    changed: bool
    mode: StudyMode


class CustomStudyDialog(QDialog):
    def __init__(self, deck_title: str, tags: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("customStudyDialog")
        self.setWindowTitle("Custom study")
        self.setAccessibleName("Custom study")
        heading = QLabel("Custom study")
        heading.setObjectName("screenTitle")
        deck = QLabel(deck_title)  # a long deck title wraps instead of being cut off
        deck.setObjectName("muted")
        deck.setWordWrap(True)
        deck.setTextFormat(Qt.TextFormat.PlainText)
        deck.setAccessibleName("Deck")
        self.deck_label = deck
        self.tag = QComboBox()
        self.tag.addItem(ANY_TAG, None)
        for tag in tags:
            self.tag.addItem(tag, tag)
        self.tag.setAccessibleName("Tag")
        self.leeches = QCheckBox("Only leeches (cards you keep forgetting)")
        self.failed_today = QCheckBox("Only cards failed today")
        self.flagged = QCheckBox("Only flagged cards")
        self.changed = QCheckBox("Only cards changed since you last answered them")
        self.practice = QCheckBox("Practice (do not change the schedule)")
        for box in (self.leeches, self.failed_today, self.flagged, self.changed, self.practice):
            box.setAccessibleName(box.text())
        form = QFormLayout()
        tag_label = QLabel("Tag")
        tag_label.setBuddy(self.tag)
        form.addRow(tag_label, self.tag)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Study")
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(deck)
        layout.addLayout(form)
        for box in (self.leeches, self.failed_today, self.flagged, self.changed, self.practice):
            layout.addWidget(box)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def choice(self) -> CustomChoice:
        """Selection fields chosen (tag, leeches, failed_today, flagged, changed) and the mode."""
        return {
            "tag": self.tag.currentData(),
            "leeches": self.leeches.isChecked(),
            "failed_today": self.failed_today.isChecked(),
            "flagged": self.flagged.isChecked(),
            "changed": self.changed.isChecked(),
            "mode": StudyMode.PRACTICE if self.practice.isChecked() else StudyMode.SCHEDULED,
        }
