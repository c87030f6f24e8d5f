"""The difference between a typed answer and the expected one: two lines, typed above expected.

Text goes in through QTextCursor.insertText with a character format: it is never parsed
as HTML. Each DiffPart says whether its text matched, was missing or was extra; the core marks
whole words, or letters inside a similar word (kquiz.study.worddiff). Lines wrap at spaces only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor

from kquiz.ui import theme
from kquiz.ui.study.fitted_text import FittedText

if TYPE_CHECKING:
    from kquiz.app import DiffPart, Grade

_MATCH = {"equal", "same", "match", "ok", "keep"}
_MISSING = {"insert", "missing", "expected", "add", "added"}


def part_kind_text(part: DiffPart) -> tuple[str, str]:
    """(kind, text) of a DiffPart: kind is "equal", "missing" (expected, not typed) or "extra"."""
    kind = part.op.lower()
    if kind in _MATCH:
        return "equal", part.text
    if kind in _MISSING:
        return "missing", part.text
    return "extra", part.text


class DiffView(FittedText):
    def __init__(self) -> None:
        super().__init__("typedDiff", "Difference")
        self.parts: list[tuple[str, str]] = []

    def show_diff(self, grade: Grade | None) -> None:
        self.clear()
        typed = [part_kind_text(p) for p in grade.typed_line] if grade is not None else []
        expected = [part_kind_text(p) for p in grade.expected_line] if grade is not None else []
        self.parts = typed + [("equal", "\n")] + expected
        if grade is None or not (typed or expected):
            self.hide()
            return
        c = theme.current_colors()
        cursor = self.textCursor()
        for index, (label, parts) in enumerate((("You typed:", typed), ("Expected:", expected))):
            if index:
                cursor.insertBlock()
            cursor.insertText(f"{label}  ", _muted(c))
            for kind, text in parts or [("equal", "(nothing)")]:
                cursor.insertText(text, _format(c, kind))
        cursor.insertBlock()
        cursor.insertText("Struck out: not expected · underlined: missing", _muted(c))
        self.moveCursor(QTextCursor.MoveOperation.Start)
        desc = " ".join(f"[{k}: {t}]" if k != "equal" else t for k, t in typed)
        desc_expected = " ".join(f"[{k}: {t}]" if k != "equal" else t for k, t in expected)
        self.setAccessibleDescription(f"You typed: {desc}. Expected: {desc_expected}.")
        self.show()
        self._fit()


def _format(c: theme.Colors, kind: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(c.text))
    if kind == "missing":
        fmt.setForeground(QColor(c.good))
        fmt.setBackground(QColor(c.good_bg))
        fmt.setFontUnderline(True)
    elif kind == "extra":
        fmt.setForeground(QColor(c.bad))
        fmt.setBackground(QColor(c.bad_bg))
        fmt.setFontStrikeOut(True)
    return fmt


def _muted(c: theme.Colors) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(c.muted))
    fmt.setFontWeight(QFont.Weight.Normal)
    return fmt
