"""The banner shown while a deck file on disk has problems: ``path:line:col: message`` for each, with
the offending line, a caret under the column and a hint (as ``kquiz validate`` prints them), until the
file is saved again without them. kquiz keeps studying the last good version meanwhile."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kquiz.errors import Problem
from kquiz.ui.plain import plain_tip
from kquiz.ui.widgets import button

MAX_LINES = 8


class ReloadBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")  # the theme's banner colours
        self.setAccessibleName("Deck file problems")
        self._problems: dict[str, list[Problem]] = {}
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName("Problems")
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))  # carets line up
        self.open_button = button("Open in editor", self)
        self.open_button.clicked.connect(self.open_first)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.title)
        text.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 16, 10)
        layout.addLayout(text, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def set_problems(self, path: str, problems: list[Problem]) -> None:
        self._problems[path] = list(problems) or [Problem(path, "the deck could not be loaded")]
        self._refresh()

    def clear(self, path: str) -> None:
        if self._problems.pop(path, None) is not None:
            self._refresh()

    def problems(self) -> dict[str, list[Problem]]:
        return {path: list(items) for path, items in self._problems.items()}

    def text(self) -> str:
        return f"{self.title.text()}\n{self.details.text()}".strip()

    def open_first(self) -> None:
        from kquiz.ui.editor import open_at_line

        for path, items in self._problems.items():
            first = items[0]
            self.details.setToolTip(plain_tip(open_at_line(first.path or path, first.line or 0)))
            return

    def _refresh(self) -> None:
        files = len(self._problems)
        if not files:
            self.hide()
            self.title.clear()
            self.details.clear()
            return
        count = sum(len(v) for v in self._problems.values())
        names = ", ".join(sorted(os.path.basename(path) for path in self._problems))
        self.title.setText(
            f"⚠ {names}: {count} problem{'s' if count != 1 else ''} after the last save. kquiz keeps using "
            f"the last good version of {'this deck' if files == 1 else 'these decks'} until the file is fixed."
        )
        lines = [p.render() for items in self._problems.values() for p in items]
        shown = lines[:MAX_LINES]  # MAX_LINES problems, each with its caret line and hint
        if len(lines) > MAX_LINES:
            shown.append(f"… and {len(lines) - MAX_LINES} more (kquiz validate lists them all)")
        self.details.setText("\n".join(shown))
        self.setAccessibleDescription(self.text())
        self.show()
