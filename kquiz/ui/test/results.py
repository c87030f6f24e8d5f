"""The results page: the score (and per topic), then every question with the learner's answer, the
right answer, the explanation and the source. S studies the missed cards, P practises them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from kquiz.app.quiz import TestResult

RIGHT, WRONG = "#2e7d4f", "#b3261e"


def _t(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def results_html(result: TestResult) -> str:
    rows = []
    for r in result.results:
        q = r.question
        mark = (
            f'<span style="color:{RIGHT}">✔ right</span>'
            if r.correct
            else f'<span style="color:{WRONG}">✘ wrong</span>'
        )
        parts = [f"<p><b>{q.number}.</b> {_t(q.prompt)} &nbsp;{mark}</p>", "<p style='margin-left:18px'>"]
        parts.append(f"Your answer: {_t(r.given) if r.given else '<i>(none)</i>'}<br>")
        parts.append(f"<b>Right answer: {_t(q.answer)}</b>")
        if q.explanation:
            parts.append(f"<br>{_t(q.explanation)}")
        if q.source:
            parts.append(f"<br><span style='color:#777777'>{_t(q.source)}</span>")
        parts.append(f"<br><span style='color:#777777'>{_t(q.topic_title)}</span></p>")
        rows.append("".join(parts))
    return "\n".join(rows)


class ResultsView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("testResults")
        self.score = QLabel()
        self.score.setObjectName("screenTitle")
        self.score.setAccessibleName("Score")
        self.topics = QLabel()
        self.topics.setTextFormat(Qt.TextFormat.RichText)
        self.topics.setWordWrap(True)
        self.topics.setAccessibleName("Score per topic")
        self.details = QTextBrowser()
        self.details.setObjectName("testDetails")
        self.details.setAccessibleName("Every question with your answer and the right answer")
        self.details.setOpenLinks(False)
        self.study_button = QPushButton("&Study the missed cards now (S)")
        self.practice_button = QPushButton("&Practise them (P)")
        self.close_button = QPushButton("Close (Esc)")
        buttons = QHBoxLayout()
        for b in (self.study_button, self.practice_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.score)
        layout.addWidget(self.topics)
        layout.addWidget(self.details, 1)
        layout.addLayout(buttons)

    def show_result(self, result: TestResult, elapsed: str) -> None:
        self.score.setText(f"{result.right} of {result.total} right — {result.percent:.0f}%")
        lines = [f"{_t(t.title)}: <b>{t.right}/{t.total}</b> ({t.percent:.0f}%)" for t in result.topics]
        seed = f"Seed {result.test.seed} · time {elapsed}"
        self.topics.setText("<br>".join(lines) + f"<br><span style='color:#777777'>{seed}</span>")
        self.details.setHtml(results_html(result))
        missed = len(result.missed)
        self.study_button.setEnabled(missed > 0)
        self.practice_button.setEnabled(missed > 0)
        self.study_button.setText(
            f"&Study the {missed} missed card{'s' if missed != 1 else ''} now (S)"
            if missed
            else "Nothing missed"
        )
