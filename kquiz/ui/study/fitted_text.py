"""A read-only, frameless text block that is exactly as tall as its wrapped text (no scroll bars).

The revealed cloze (marked_text.py) and the typed-answer difference (diff_view.py) are both drawn
in one: text goes in through QTextCursor with character formats, never parsed as HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit

_REFIT_ON = (QEvent.Type.FontChange, QEvent.Type.StyleChange)


class FittedText(QTextEdit):
    def __init__(self, object_name: str, accessible_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)  # at spaces, never inside a word
        self.setAccessibleName(accessible_name)
        self.setStyleSheet("background: transparent;")
        self.document().setDocumentMargin(0)  # lined up with the card's other text
        self.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _REFIT_ON and self.isVisible():  # a new font size from the style sheet
            self._fit()  # (hidden: fitted when shown; the ~30 style changes while it is built cost ~1 ms each)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(max(100, self.viewport().width()))
        self.setFixedHeight(int(self.document().size().height()) + 6)
