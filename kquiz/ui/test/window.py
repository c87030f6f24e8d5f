"""The test window: one question at a time, no feedback, a counter and a timer, back and forward,
answers changeable until Submit (Ctrl+Enter); then the results page. Keyboard-only: every key is in
kquiz/ui/shortcuts.py ("Test", "Test results")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kquiz.app.quiz import Question, QuestionKind, Response, Test, TestResult, record_test
from kquiz.domain import StudyMode
from kquiz.ui.errors import guarded
from kquiz.ui.shortcuts import bind_all
from kquiz.ui.test.results import ResultsView

if TYPE_CHECKING:
    from kquiz.app import Core


def clock_text(ms: int) -> str:
    seconds = max(0, ms // 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


class TestWindow(QWidget):
    __test__ = False  # not a pytest test class
    study_requested = Signal(object, object)  # (missed card keys, StudyMode)
    submitted = Signal(object)  # TestResult

    def __init__(self, core: Core, test: Test, *, minutes: int = 0, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("testWindow")
        self.setWindowTitle(f"Test: {test.title} — kquiz")
        self.core, self.test, self.limit_ms = core, test, minutes * 60_000
        self.responses: dict[int, Response] = {}
        self.durations: dict[int, int] = {}
        self.index = 0
        self.result: TestResult | None = None
        self.elapsed = QElapsedTimer()
        self.on_question = QElapsedTimer()
        self.pages = QStackedWidget()
        self.question_page = self._question_page()
        self.results = ResultsView()
        self.results.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.pages.addWidget(self.question_page)
        self.pages.addWidget(self.results)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        bind_all(self.question_page, "Test", self.command)
        bind_all(self.results, "Test results", self.command)
        self.results.study_button.clicked.connect(lambda: self.command("study"))
        self.results.practice_button.clicked.connect(lambda: self.command("practice"))
        self.results.close_button.clicked.connect(self.close)
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.resize(760, 560)

    def _question_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("testQuestion")
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # holds the focus on a choice question
        self.counter = QLabel()
        self.counter.setObjectName("testCounter")
        self.timer_label = QLabel()
        self.timer_label.setObjectName("testTimer")
        self.timer_label.setAccessibleName("Time")
        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addStretch(1)
        top.addWidget(self.timer_label)
        self.prompt = QLabel()
        self.prompt.setObjectName("testPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt.setFont(font)
        self.hint = QLabel()
        self.hint.setObjectName("muted")
        self.answer_box = QVBoxLayout()
        self.group: QButtonGroup | None = None
        self.buttons: list[QAbstractButton] = []
        self.typed: QLineEdit | None = None
        self.prev_button = QPushButton("◀ Previous (PgUp)")
        self.next_button = QPushButton("Next (Enter) ▶")
        self.submit_button = QPushButton("Submit (Ctrl+Enter)")
        for b in (self.prev_button, self.next_button, self.submit_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do it; the focus stays on the answer
        self.prev_button.clicked.connect(lambda: self.command("previous"))
        self.next_button.clicked.connect(lambda: self.command("next"))
        self.submit_button.clicked.connect(lambda: self.command("submit"))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)
        nav.addWidget(self.submit_button)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(self.prompt)
        layout.addWidget(self.hint)
        layout.addLayout(self.answer_box)
        layout.addStretch(1)
        layout.addLayout(nav)
        return page

    # the test -------------------------------------------------------------------------------
    def start(self) -> None:
        self.elapsed.start()
        self.ticker.start()
        self.show_question(0)

    @property
    def question(self) -> Question:
        return self.test.questions[self.index]

    def show_question(self, index: int) -> None:
        self._keep_answer()
        self.index = max(0, min(index, len(self.test.questions) - 1))
        q = self.question
        self.on_question.start()
        self._clear_answer_box()
        self.prompt.setText(q.prompt)
        response = self.responses.get(q.number)
        if q.kind == QuestionKind.TYPED:
            self.typed = QLineEdit()
            self.typed.setObjectName("testTyped")
            self.typed.setAccessibleName("Your answer")
            self.typed.setPlaceholderText(
                f"{q.blanks} blanks, in order: separate them with |" if q.blanks > 1 else "Type your answer"
            )
            self.typed.setText(response if isinstance(response, str) else "")
            self.answer_box.addWidget(self.typed)
            self.typed.show()
            self.question_page.setFocusProxy(self.typed)  # the page's focus goes to the answer field
            self.hint.setText("Type, then Enter for the next question.")
            self.typed.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            options = q.options
            multiple = q.kind == QuestionKind.CHOICE and q.multiple
            self.group = QButtonGroup(self)
            self.group.setExclusive(not multiple)
            picked = self._picked(response)
            for i, text in enumerate(options):
                label = (
                    f"{i + 1}.  {chr(65 + i)}. {text}"
                    if q.kind == QuestionKind.CHOICE
                    else f"{text[0]}  {text}"
                )
                button: QAbstractButton = QCheckBox(label) if multiple else QRadioButton(label)
                button.setChecked(i in picked)
                self.group.addButton(button, i)
                self.buttons.append(button)
                self.answer_box.addWidget(button)
                button.show()
            if q.kind == QuestionKind.TRUEFALSE:
                self.hint.setText("T or F.")
            else:
                self.hint.setText(
                    "Choose all that apply (number keys toggle)." if multiple else "Number keys pick."
                )
            self.question_page.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_header()

    def _picked(self, response: Response) -> set[int]:
        if isinstance(response, bool):
            return {0 if response else 1}
        return set(response) if isinstance(response, tuple) else set()

    def _clear_answer_box(self) -> None:
        self.question_page.setFocusProxy(None)  # type: ignore[arg-type]
        for widget in [*self.buttons, *([self.typed] if self.typed else [])]:
            self.answer_box.removeWidget(widget)
            widget.hide()  # hand the focus back before the widget goes
            widget.deleteLater()
        self.buttons, self.typed = [], None
        if self.group is not None:
            self.group.deleteLater()
            self.group = None

    def _keep_answer(self) -> None:
        """Store what the current question's widgets hold (and the time spent on it)."""
        if not self.buttons and self.typed is None:
            return
        q = self.question
        response: Response = None
        if self.typed is not None:
            response = self.typed.text().strip() or None
        else:
            checked = tuple(i for i, b in enumerate(self.buttons) if b.isChecked())
            if q.kind == QuestionKind.TRUEFALSE:
                response = (checked[0] == 0) if checked else None
            else:
                response = checked or None
        if response is None:
            self.responses.pop(q.number, None)
        else:
            self.responses[q.number] = response
        if self.on_question.isValid():
            self.durations[q.number] = self.durations.get(q.number, 0) + int(self.on_question.elapsed())
            self.on_question.restart()

    def _update_header(self) -> None:
        self._keep_answer()
        n = len(self.test.questions)
        self.counter.setText(f"Question {self.index + 1} of {n} · {len(self.responses)} answered")
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < n - 1)
        self._tick()

    def _tick(self) -> None:
        if not self.elapsed.isValid() or self.result is not None:
            return
        spent = int(self.elapsed.elapsed())
        if self.limit_ms:
            left = self.limit_ms - spent
            self.timer_label.setText(f"{clock_text(left)} left")
            if left <= 0:
                self.submit()
        else:
            self.timer_label.setText(clock_text(spent))

    def _pick(self, position: int) -> None:
        if position >= len(self.buttons):
            return
        button = self.buttons[position]
        button.setChecked(not button.isChecked() if isinstance(button, QCheckBox) else True)
        self._update_header()

    def command(self, name: str) -> None:
        """What a key (or button) asks for; keys of the other page do nothing."""
        if self.result is None:
            q = self.question
            if name.isdigit() and q.kind == QuestionKind.CHOICE:
                self._pick(int(name) - 1)
            elif name in ("t", "f") and q.kind == QuestionKind.TRUEFALSE:
                self._pick(0 if name == "t" else 1)
            elif name in ("next", "previous"):
                self.show_question(self.index + (1 if name == "next" else -1))
            elif name == "submit":
                self.submit()
            elif name == "leave":
                self.close()
            return
        if name in ("study", "practice") and self.result.missed:
            mode = StudyMode.SCHEDULED if name == "study" else StudyMode.PRACTICE
            self.study_requested.emit(list(self.result.missed), mode)
            self.close()
        elif name == "close":
            self.close()

    def submit(self) -> None:
        """Score the test and log its answers; then show the results."""
        if self.result is not None:
            return
        self._keep_answer()
        with guarded(self):
            self.result = record_test(self.core, self.test, self.responses, durations_ms=self.durations)
        if self.result is None:
            return
        self.ticker.stop()
        self.results.show_result(self.result, clock_text(int(self.elapsed.elapsed())))
        self.pages.setCurrentWidget(self.results)
        self.setWindowTitle(f"Results: {self.test.title} — kquiz")
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        self.submitted.emit(self.result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result is None and self.isVisible() and not getattr(self, "_confirmed", False):
            answer = QMessageBox.question(
                self,
                "Leave the test?",
                "Leave the test? Your answers are not saved and the test is not scored.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.ticker.stop()
        super().closeEvent(event)
