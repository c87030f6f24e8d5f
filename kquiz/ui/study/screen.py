"""The study screen: draws ``StudySession.current`` and passes input on; no scheduling here.

Keys (see kquiz.ui.shortcuts): Space/Enter show the answer or accept the suggested grade,
1–4 grade, 1–9 pick a choice, T/F answer true/false, Ctrl+Z undo, S suspend, B bury,
F / Ctrl+F flag, E edit, Esc leave, PgUp/PgDown and the arrows scroll a long card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kquiz.domain import CardType, Rating
from kquiz.ui.editor import open_at_line
from kquiz.ui.errors import guarded
from kquiz.ui.study.card_view import CardView
from kquiz.ui.study.choice_input import ChoiceInput, correct_indices
from kquiz.ui.study.flip_input import FlipInput
from kquiz.ui.study.grade_bar import GradeBar
from kquiz.ui.study.truefalse_input import TrueFalseInput
from kquiz.ui.study.typed_input import TypedInput
from kquiz.ui.widgets import set_text, text_label

KIND_TEXT = {
    CardType.BASIC: "Recall the answer, then show it",
    CardType.REVERSED: "Recall the term, then show it",
    CardType.CLOZE: "Fill the blank: type it (Enter) or show the answer",
    CardType.CHOICE: "Multiple choice",
    CardType.TRUEFALSE: "True or false? (T / F)",
    CardType.TYPED: "Type the answer, then press Enter",
}
KEYS = {
    "Space": "accept",
    "Return": "accept",
    "Enter": "accept",
    "Ctrl+Z": "undo",
    "S": "suspend",
    "B": "bury",
    "F": "f",
    "Ctrl+F": "flag",
    "Ctrl+H": "hint",
    "T": "t",
    "E": "edit",
    "Escape": "leave",
    "PgUp": "page-up",
    "PgDown": "page-down",
    "Up": "line-up",
    "Down": "line-down",
    # the same actions while typing an answer (a plain letter goes into the answer field)
    "Ctrl+Shift+S": "suspend",
    "Ctrl+Shift+B": "bury",
    "Ctrl+Shift+E": "edit",
    **{str(n): str(n) for n in range(1, 10)},
}


def phase_name(session: Any) -> str:
    phase = session.phase
    return str(getattr(phase, "name", phase)).upper()


class _Holder(QWidget):
    """The scrolled card column: its height follows its width (wrapped text), so no needless scrollbar."""

    def minimumSizeHint(self) -> QSize:
        return QSize(self.layout().minimumSize().width(), self.heightForWidth(max(1, self.width())))


class StudyScreen(QWidget):
    left = Signal()  # the learner left (Esc) or the session finished

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("studyScreen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session: Any = None
        self.shown: Any = None
        self.input: QWidget | None = None
        self.chosen: Any = None
        self.events_seen = 0
        self.flagged = False
        self.deck_label = text_label("", "Deck and topic", object_name="muted")
        self.remaining = QLabel("")
        self.remaining.setObjectName("muted")
        self.remaining.setAccessibleName("Remaining")
        self.notice = text_label("", "Notice", object_name="notice")
        self.card = CardView()
        self.card.setMaximumWidth(820)
        self.grades = GradeBar()
        self.grades.rated.connect(self.rate)
        self.status = text_label("", "Status", object_name="muted")
        self.keys_hint = QLabel("")
        self.keys_hint.setObjectName("muted")
        self.keys_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        holder = _Holder()
        holder.setObjectName("cardHolder")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        h = QHBoxLayout()
        h.addStretch(1)
        h.addWidget(self.card, 20)
        h.addStretch(1)
        column.addLayout(h)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll = scroll

        top = QHBoxLayout()
        top.addWidget(self.deck_label, 1)
        top.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.grades)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.status)
        self.shortcuts: dict[str, QShortcut] = {}
        for seq, action in KEYS.items():
            sc = QShortcut(QKeySequence(seq), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.setAutoRepeat(False)
            sc.activated.connect(lambda a=action: self.key(a))
            self.shortcuts[seq] = sc
        self.grades.hide()

    # session -----------------------------------------------------------------------------
    def start(self, session: Any) -> None:
        if session is self.session and self.shown is not None and session.current is self.shown:
            self.render()  # resumed from the summary: the card as it was left (typed text, picks)
            if isinstance(self.input, TypedInput) and not self.input.answered:
                self.input.focus()
            return
        self.session = session
        self.shown = None
        self.events_seen = len(getattr(session, "events", []) or [])
        set_text(self.notice, "")
        set_text(self.status, "")
        self.render()

    def _do(self, fn: Callable[[], Any]) -> Any:
        """Run one session action: errors go to the error hook; the screen is redrawn."""
        result = None
        with guarded(self):
            result = fn()
        self.render()
        return result

    def render(self) -> None:
        s = self.session
        if s is None:
            return
        self._show_events()
        shown, phase = s.current, phase_name(s)
        if phase == "FINISHED" or shown is None:
            self.grades.hide()
            self.left.emit()
            return
        if phase == "QUESTION" or shown is not self.shown:
            self._build_question(shown, phase)
        if phase == "ANSWER":
            self._show_answer(shown)
        self._draw_header(shown)
        self.keys_hint.setText(self._hint(phase, CardType(shown.kind)))

    @staticmethod
    def _hint(phase: str, kind: CardType) -> str:
        if phase == "ANSWER":
            return "1 Again · 2 Hard · 3 Good · 4 Easy · Space accepts the highlighted grade · Ctrl+Z undo · ? keys"
        return {
            CardType.CHOICE: "Press a choice's number · Esc leaves · ? keys",
            CardType.TRUEFALSE: "T true · F false · Esc leaves · ? keys",
            CardType.TYPED: "Type, then Enter · Esc leaves · ? keys",
            CardType.CLOZE: "Type the blank and press Enter, or press Enter on an empty line to flip · ? keys",
        }.get(kind, "Space shows the answer · Esc leaves · ? keys")

    def _build_question(self, shown: Any, phase: str = "QUESTION") -> None:
        # the same card redrawn (its deck file was saved meanwhile): keep what was typed or picked
        old = self.input
        same = self.shown is not None and self.shown.key == shown.key
        kept = (
            old.edit.text()
            if isinstance(old, TypedInput) and same and (phase == "ANSWER" or not old.answered)
            else ""
        )
        if not same:
            set_text(self.status, "")  # "Undid…", "Card flagged." belong to the card before
        self.shown, self.chosen = shown, self.chosen if same and phase == "ANSWER" else None
        self.flagged = bool(shown.flagged)
        self.card.clear_inputs()
        kind = CardType(shown.kind)
        text = KIND_TEXT[kind]
        if kind == CardType.CHOICE:
            right = correct_indices(shown)
            multi = len(right) > 1
            text = f"Multiple choice — {'choose all that apply' if multi else 'press 1–' + str(len(shown.choices))}"
            widget: QWidget = ChoiceInput(shown.choices, multi, self.card)
            widget.submitted.connect(self.submit_choice)
        elif kind == CardType.TRUEFALSE:
            widget = TrueFalseInput(self.card)
            widget.submitted.connect(self.submit_truefalse)
        elif kind in (CardType.TYPED, CardType.CLOZE):
            widget = TypedInput(self.card, blanks=max(1, int(getattr(shown, "blanks", 1) or 1)))
            widget.hint_requested.connect(self.hint)
            widget.submitted.connect(lambda t: self._do(lambda: self.session.submit_text(t)))
            widget.reveal.connect(self.reveal)
        else:
            widget = FlipInput(self.card)
            widget.reveal.connect(self.reveal)
        self.input = widget
        self.card.show_question(shown, text)
        self.card.add_input(widget)
        self.grades.hide()
        if isinstance(widget, TypedInput):
            widget.edit.setText(kept)
            widget.focus()
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.verticalScrollBar().setValue(0)

    def _show_answer(self, shown: Any) -> None:
        s = self.session
        grade = s.last_grade
        widget = self.input
        if isinstance(widget, ChoiceInput):
            widget.show_result(correct_indices(shown), set(self.chosen or ()))
        elif isinstance(widget, TrueFalseInput):
            right = bool(getattr(shown.card, "answer", False))
            widget.show_result(right, right if self.chosen is None else self.chosen)
        elif isinstance(widget, (TypedInput, FlipInput)):
            widget.set_answered()
        self.card.show_answer_part(shown, grade)
        suggested = s.suggested_rating
        previews = {}
        with guarded(self):
            previews = s.previews()
        # the highlighted grade is what Space/Enter gives: the suggestion, else Good
        self.grades.set_previews(previews, int(suggested) if suggested else int(Rating.GOOD))
        self.grades.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _draw_header(self, shown: Any) -> None:
        s = self.session
        parts = [shown.deck_title, shown.topic_title]
        mode = str(getattr(s.mode, "value", s.mode))
        if mode == "practice":
            parts.append("Practice (schedule unchanged)")
        if self.flagged:
            parts.append("⚑ Flagged")
        set_text(self.deck_label, "  ·  ".join(p for p in parts if p))
        r = s.remaining
        self.remaining.setText(f"New {r.new}   Learning {r.learning}   Due {r.review}")
        self.remaining.setAccessibleDescription(self.remaining.text())

    def _show_events(self) -> None:
        events = list(getattr(self.session, "events", []) or [])
        if len(events) > self.events_seen:
            set_text(self.notice, "\n".join(str(e) for e in events[self.events_seen :]))
            self.events_seen = len(events)

    # actions -----------------------------------------------------------------------------
    def reveal(self) -> None:
        self._do(self.session.reveal)

    def submit_choice(self, indices: list[int]) -> None:
        self.chosen = list(indices)
        self._do(lambda: self.session.submit_choice(indices))

    def submit_truefalse(self, value: bool) -> None:
        self.chosen = value
        self._do(lambda: self.session.submit_truefalse(value))

    def rate(self, rating: int) -> None:
        set_text(self.notice, "")
        self._do(lambda: self.session.rate(Rating(rating)))

    def key(self, action: str) -> None:
        s = self.session
        if s is None or s.current is None:
            if action in ("leave", "accept"):
                self.left.emit()
            return
        phase, kind = phase_name(s), CardType(s.current.kind)
        handlers = {
            "hint": self.hint,
            "undo": self.undo,
            "suspend": self.suspend,
            "bury": self.bury,
            "flag": self.toggle_flag,
            "edit": self.edit,
            "leave": self.left.emit,
        }
        if action.startswith(("page-", "line-")):
            self.scroll_card(action)
        elif action in handlers:
            handlers[action]()
        elif phase == "ANSWER":
            if action in ("1", "2", "3", "4"):
                self.rate(int(action))
            elif action == "accept":
                self.rate(int(s.suggested_rating or Rating.GOOD))
            elif action == "f":
                self.toggle_flag()
        elif phase == "QUESTION":
            self._question_key(action, kind)

    def _question_key(self, action: str, kind: CardType) -> None:
        widget = self.input
        if action in ("t", "f") and isinstance(widget, TrueFalseInput):
            widget.choose(action == "t")
        elif action == "f":
            self.toggle_flag()
        elif action.isdigit() and isinstance(widget, ChoiceInput):
            widget.pick(int(action))
        elif action == "accept":
            if isinstance(widget, ChoiceInput):
                widget.submit_selected()
            elif isinstance(widget, TypedInput):
                widget.check()
            elif isinstance(widget, FlipInput):
                self.reveal()

    def scroll_card(self, action: str) -> None:
        """PgUp/PgDown and the arrows scroll a card taller than the window (no mouse needed)."""
        bar = self.scroll.verticalScrollBar()
        step = bar.pageStep() if action.startswith("page-") else bar.singleStep() * 3
        bar.setValue(bar.value() + (step if action.endswith("down") else -step))

    def hint(self) -> None:
        widget = self.input
        if not isinstance(widget, TypedInput) or widget.answered:
            return
        with guarded(self):
            widget.show_hint(self.session.hint())

    def undo(self) -> None:
        undone = self._do(self.session.undo)
        set_text(self.status, "Undid the last answer." if undone else "Nothing to undo in this session.")

    def suspend(self) -> None:
        self._do(self.session.suspend)
        set_text(self.status, "Card suspended: it will not be shown until you unsuspend it.")

    def bury(self) -> None:
        self._do(self.session.bury)
        set_text(self.status, "Card buried until tomorrow.")

    def toggle_flag(self) -> None:
        result = None
        with guarded(self):
            result = self.session.toggle_flag()
            self.flagged = bool(result) if isinstance(result, bool) else not self.flagged
            set_text(self.status, "Card flagged." if self.flagged else "Flag removed.")
        if self.shown is not None:
            self._draw_header(self.shown)

    def edit(self) -> None:
        shown = self.shown
        if shown is None or not shown.deck_path:
            set_text(self.status, "This card has no deck file to open.")
            return
        set_text(self.status, open_at_line(str(shown.deck_path), int(shown.line or 0)))
