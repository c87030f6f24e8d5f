"""The browser's side panel: the current card drawn as the study screen draws it (question, choices,
answer, explanation, note, source), where it lives, and its whole answer history from the review log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kquiz.domain import CardType
from kquiz.ui.study.card_view import CardView
from kquiz.ui.widgets import set_text, text_label

if TYPE_CHECKING:
    from kquiz.app.cards import CardDetails, HistoryEntry

KIND = {
    CardType.BASIC: "Basic",
    CardType.REVERSED: "Reversed (back shown first)",
    CardType.CLOZE: "Cloze",
    CardType.CHOICE: "Multiple choice",
    CardType.TRUEFALSE: "True or false",
    CardType.TYPED: "Typed answer",
    CardType.OCCLUSION: "Image occlusion",
}
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
HISTORY_COLUMNS = ("Date", "Mode", "Rating", "Took", "Interval", "Stability")
STYLE = """
QFrame#cardSurface QLabel#cardPrompt, QFrame#cardSurface QLabel#cardAnswer {{ font-size: {size}pt; }}
QLabel#sectionTitle {{ font-weight: 600; }}
"""


def _days(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1 / 24:
        return f"{max(1, round(value * 1440))}m"
    return f"{value * 24:.0f}h" if value < 1 else f"{value:.0f}d" if value < 100 else f"{value / 30.44:.0f}mo"


def history_cells(e: HistoryEntry) -> list[str]:
    return [
        e.when.astimezone().strftime("%Y-%m-%d %H:%M"),
        e.mode,
        RATINGS.get(e.rating, str(e.rating)),
        f"{e.duration_ms / 1000:.1f}s",
        _days(e.interval_days),
        _days(e.stability_days),
    ]


class CardPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("browserPanel")
        # the study screen's card, at a side panel's size: 13 pt, or the application's font if larger
        self.setStyleSheet(STYLE.format(size=max(13, self.font().pointSize())))
        self.card = CardView()
        self.card.setAccessibleName("Card")
        self.where = text_label("", "Where the card lives", object_name="muted")
        self.history_title = QLabel("History")
        self.history_title.setObjectName("sectionTitle")
        self.history_title.setWordWrap(True)  # a long title must not widen the window
        self.history = QTreeWidget()
        self.history.setAccessibleName("Answer history")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(list(HISTORY_COLUMNS))
        self.history.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.setMinimumHeight(120)
        self.setMinimumWidth(30 * self.fontMetrics().averageCharWidth())  # the card, even at 18 pt
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.card)
        inner.addWidget(self.where)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history, 2)
        self.show_details(None)

    def show_details(self, details: CardDetails | None) -> None:
        self.card.clear_inputs()
        self.history.clear()
        if details is None:
            self.card.hide()
            set_text(self.where, "Select a card to see it and its history.")
            self.history_title.setText("History")
            return
        shown = details.shown
        self.card.show()
        self.card.show_question(shown, f"{shown.deck_title} › {shown.topic_title} · {KIND[shown.kind]}")
        if shown.choices and shown.kind == CardType.CHOICE:
            right = set(shown.answer.split("\n"))
            lines = [f"{'✓' if c in right else '·'} {c}" for c in shown.choices]
            self.card.add_input(text_label("\n".join(lines), "Choices"))
        self.card.show_answer_part(shown, None)
        place = f"{details.deck_path}:{details.line}" if details.deck_path else "(no file)"
        marks = [
            m
            for m, on in (("flagged", shown.flagged), ("leech", shown.leech), ("changed", shown.changed))
            if on
        ]
        set_text(self.where, f"{shown.key} · {place}" + (f" · {', '.join(marks)}" if marks else ""))
        scheduled = sum(1 for e in details.history if e.mode == "scheduled")
        practice = len(details.history) - scheduled
        title = f"History: {scheduled} scheduled, {practice} practice answer{'s' if practice != 1 else ''}"
        if scheduled and shown.is_new:
            title += " · progress reset since (new again)"
        self.history_title.setText(title if details.history else "History: never answered")
        for entry in reversed(details.history):  # newest first
            item = QTreeWidgetItem(history_cells(entry))
            if entry.mode == "practice":
                for col in range(len(HISTORY_COLUMNS)):
                    item.setForeground(col, self.palette().placeholderText())
            self.history.addTopLevelItem(item)
