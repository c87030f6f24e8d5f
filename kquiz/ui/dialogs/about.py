"""About kquiz: version, where the data lives, and the educational notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kquiz import EDUCATIONAL_NOTICE, __version__


def _label(text: str, name: str, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    label.setAccessibleDescription(text)
    if object_name:
        label.setObjectName(object_name)
    return label


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About kquiz")
        self.setAccessibleName("About kquiz")
        title = _label("kquiz", "Title", "screenTitle")
        version = _label(f"Version {__version__}", "Version")
        blurb = _label(
            "Flashcards and quizzes about ketamine: decks written as YAML, "
            "scheduled with FSRS, every card citing its source.",
            "Description",
            "muted",
        )
        data = _label(f"Your data: {data_dir}", "Data location")
        notice = _label(EDUCATIONAL_NOTICE, "Educational notice", "notice")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        for w in (title, version, blurb, data, notice):
            layout.addWidget(w)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
