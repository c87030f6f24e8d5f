"""A revealed cloze: the sentence in the card's answer size, only the filled-in blank(s) highlighted.

The text goes in through QTextCursor.insertText with a character format (never parsed as HTML);
``marks`` are the character spans of the blanks, from the core (``ShownCard.answer_marks``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor

from kquiz.ui import theme
from kquiz.ui.study.fitted_text import FittedText


class MarkedText(FittedText):
    def __init__(self, name: str) -> None:
        super().__init__("clozeAnswer", name)
        self.marked: list[str] = []

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
