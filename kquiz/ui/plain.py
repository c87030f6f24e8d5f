"""Deck text in tooltips is plain text (issue 21).

Qt renders a tooltip as rich text when it merely looks like HTML (``<b>``, ``<img src=...>``), and
tooltips have no text-format setting; so deck text is converted to its escaped HTML form first,
spaces and line breaks kept (the caret under a problem's column stays in place).
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tip(text: str) -> str:
    """``text`` as a tooltip that shows exactly these characters."""
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpacePre) if text else ""
