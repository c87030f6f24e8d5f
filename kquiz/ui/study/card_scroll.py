"""The study screen's scrolled card: the answer kept in view once shown, and scrolling from the keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from kquiz.ui.study.card_view import CardView


class _Holder(QWidget):
    """The scrolled card column: its height follows its width (wrapped text), so no needless scrollbar."""

    resized = Signal()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        width = layout.minimumSize().width() if layout is not None else 0
        return QSize(width, self.heightForWidth(max(1, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class CardScroll(QScrollArea):
    """The card's scroll area; when its size changes, the answer is put back in view (if pinned)."""

    resized = Signal()

    def __init__(self, card: CardView, answer_shown: Callable[[], bool]) -> None:
        super().__init__()
        self.card = card
        self.answer_shown = answer_shown  # True while the screen shows the answer phase
        holder = _Holder()
        holder.setObjectName("cardHolder")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(card, 20)
        h.addStretch(1)
        column.addLayout(h)
        column.addStretch(1)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(holder)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pinned = False  # keep the verdict and the right answer in view (until the learner scrolls)
        holder.resized.connect(self.keep_answer_in_view)
        self.resized.connect(self.keep_answer_in_view)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def keep_answer_in_view(self) -> None:
        """Scroll the card so the verdict and the right answer show (the grade row is below, unscrolled).

        As little as needed: the answer block's bottom comes into view, but its top (the verdict) wins.
        """
        if not self.pinned or not self.answer_shown():
            return
        holder = self.widget()
        card = self.card
        if holder is None:
            return
        block = [w for w in (card.verdict, card.answer_widget(), card.diff) if w.isVisibleTo(holder)]
        if not block:
            return
        top = block[0].mapTo(holder, QPoint(0, 0)).y() - 8
        bottom = block[-1].mapTo(holder, QPoint(0, block[-1].height())).y() + 8
        bar = self.verticalScrollBar()
        value = bar.value()
        value = max(value, bottom - self.viewport().height())
        value = min(value, top)
        if value != bar.value():
            bar.setValue(value)

    def scroll_by(self, action: str) -> None:
        """PgUp/PgDown and the arrows ("page-up", "line-down", ...) scroll a card taller than the window."""
        self.pinned = False  # the learner scrolls: leave the card where they put it
        bar = self.verticalScrollBar()
        step = bar.pageStep() if action.startswith("page-") else bar.singleStep() * 3
        bar.setValue(bar.value() + (step if action.endswith("down") else -step))
