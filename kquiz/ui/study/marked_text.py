"""A revealed cloze: the sentence in the card's answer size, only the filled-in blank(s) highlighted.

The text goes in through QTextCursor.insertText with a character format (never parsed as HTML);
``marks`` are the character spans of the blanks, from the core (``ShownCard.answer_marks``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QResizeEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit

from kquiz.ui import theme


class MarkedText(QTextEdit):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName("clozeAnswer")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setAccessibleName(name)
        self.setStyleSheet("background: transparent;")
        self.document().setDocumentMargin(0)  # lined up with the card's other text
        self.marked: list[str] = []
        self.hide()

    def show_marked(self, text: str, marks: Sequence[tuple[int, int]]) -> None:
        self.clear()
        c = theme.current_colors()
        plain = QTextCharFormat()
        plain.setForeground(QColor(c.text))
        blank = QTextCharFormat()
        blank.setForeground(QColor(c.good))
        blank.setBackground(QColor(c.good_bg))
        blank.setFontWeight(QFont.Weight.Bold)
        cursor = self.textCursor()
        at = 0
        self.marked = []
        for start, end in sorted(marks):
            cursor.insertText(text[at:start], plain)
            cursor.insertText(text[start:end], blank)
            self.marked.append(text[start:end])
            at = end
        cursor.insertText(text[at:], plain)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        filled = ", ".join(self.marked)
        self.setAccessibleDescription(f"{text} (filled in: {filled})" if filled else text)
        self.show()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # a new font size from the style sheet
        super().changeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(max(100, self.viewport().width()))
        self.setFixedHeight(int(self.document().size().height()) + 6)
