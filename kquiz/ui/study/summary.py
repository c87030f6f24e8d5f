"""Session summary: answers and cards, correct %, time, and what falls due tomorrow."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kquiz.ui.shortcuts import bind
from kquiz.ui.widgets import button

if TYPE_CHECKING:
    from kquiz.app import SessionSummary


def format_elapsed(elapsed: timedelta) -> str:
    seconds = int(elapsed.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class SummaryScreen(QWidget):
    done = Signal()
    continue_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("summaryScreen")
        self.setAccessibleName("Session summary")  # it takes focus (its keys continue): name it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel("Session complete")
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("muted")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.values: dict[str, QLabel] = {}
        surface = QFrame()
        surface.setObjectName("cardSurface")
        surface.setMaximumWidth(640)
        grid = QGridLayout(surface)
        grid.setContentsMargins(32, 28, 32, 28)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(4)
        for col, name in enumerate(("Answers", "Cards", "Correct", "Time", "Due tomorrow")):
            value = QLabel("–")
            value.setObjectName("statValue")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setAccessibleName(name)
            caption = QLabel(name)
            caption.setObjectName("muted")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(value, 0, col)
            grid.addWidget(caption, 1, col)
            self.values[name] = value
        self.notices = QLabel("")
        self.notices.setObjectName("notice")
        self.notices.setTextFormat(Qt.TextFormat.PlainText)
        self.notices.setWordWrap(True)
        self.notices.setAccessibleName("Notices")
        self.notices.setMaximumWidth(640)
        self.notices.hide()
        self.continue_button = button("Continue", self)
        self.continue_button.clicked.connect(self.continue_requested.emit)
        self.continue_button.hide()
        self.ready_timer = QTimer(self)  # enables Continue when learning cards come back
        self.ready_timer.setSingleShot(True)
        self.ready_timer.timeout.connect(self._ready)
        self.primary_when_ready = True
        self.back_button = button("Back to decks", self, primary=True)
        self.back_button.setAccessibleDescription("Esc")
        self.back_button.clicked.connect(self.done.emit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(surface, 10)
        row.addStretch(1)
        brow = QHBoxLayout()
        brow.addStretch(1)
        brow.addWidget(self.continue_button)
        brow.addWidget(self.back_button)
        brow.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(row)
        layout.addWidget(self.notices, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(brow)
        layout.addStretch(2)
        bind(self, "Summary", "enter", self._enter)
        bind(self, "Summary", "back", self.done.emit)
        bind(self, "Summary", "continue", self._continue_key)

    def _enter(self) -> None:
        """Enter does what the highlighted button does: Continue when learning cards are due again."""
        if self.continue_button.objectName() == "primary" and self.continue_button.isEnabled():
            self.continue_requested.emit()
        else:
            self.done.emit()

    def _continue_key(self) -> None:
        if self.continue_button.isVisible() and self.continue_button.isEnabled():
            self.continue_requested.emit()

    def _ready(self) -> None:
        self.continue_button.setEnabled(True)
        if not self.primary_when_ready:
            self.continue_button.setAccessibleDescription("C: back to the card you left")
            return
        self.continue_button.setAccessibleDescription("Enter or C: study the learning cards due again")
        self._set_primary(self.continue_button)
        if self.isVisible():
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_primary(self, primary: QPushButton) -> None:
        for b in (self.continue_button, self.back_button):
            b.setObjectName("primary" if b is primary else "")  # the theme colours #primary
            b.style().unpolish(b)
            b.style().polish(b)

    def offer_continue(self, wait_ms: int | None, *, primary: bool = True) -> None:
        """Show Continue: None hides it, 0 enables it now, more enables it after that many ms.

        ``primary``: once enabled it is the highlighted button that Enter presses (learning cards
        due again); otherwise (a paused session) Enter still goes back to the decks and C continues.
        """
        self.ready_timer.stop()
        self.primary_when_ready = primary
        self._set_primary(self.back_button)
        self.continue_button.setVisible(wait_ms is not None)
        if wait_ms is None:
            return
        if wait_ms <= 0:
            self._ready()
        else:
            self.continue_button.setEnabled(False)
            self.continue_button.setAccessibleDescription("Available when the learning cards are due again")
            self.ready_timer.start(min(wait_ms, 2**31 - 1))

    def show_summary(
        self,
        summary: SessionSummary,
        finished: bool,
        practice: bool = False,
        notices: tuple[str, ...] = (),
        learning_due: datetime | None = None,
    ) -> None:
        self.notices.setText("\n".join(notices))
        self.notices.setAccessibleDescription(self.notices.text())
        self.notices.setVisible(bool(notices))
        self.title.setText("Session complete" if finished else "Session paused")
        sub = "Nothing more is due in this selection." if finished else "You left before the end."
        if finished and learning_due is not None:
            sub = (
                f"Cards you are still learning come back at {learning_due.astimezone():%H:%M}: "
                "Continue studies them then."
            )
        elif not finished:
            sub = "You left before the end: Continue (C) takes you back to the card you left."
        if practice:
            sub += " Practice mode: your schedule was not changed."
        self.subtitle.setText(sub)
        studied = int(summary.studied)
        accuracy = summary.accuracy
        self.values["Answers"].setText(str(studied))
        self.values["Cards"].setText(str(summary.cards))
        self.values["Correct"].setText(
            f"{round(accuracy * 100)} %" if studied and accuracy is not None else "–"
        )
        self.values["Time"].setText(format_elapsed(summary.elapsed))
        self.values["Due tomorrow"].setText(str(summary.due_tomorrow))
        for name, value in self.values.items():
            value.setAccessibleDescription(f"{name}: {value.text()}")
