"""The study screen: draws ``StudySession.current`` and passes input on; no scheduling here.

Keys: the "Study" rows of kquiz.ui.shortcuts.KEYS, bound from there; ``key`` handles their commands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kquiz.app import Phase
from kquiz.domain import CardType, Rating, StudyMode, TrueFalseCard
from kquiz.ui.editor import open_at_line
from kquiz.ui.errors import guarded
from kquiz.ui.shortcuts import bind_all
from kquiz.ui.study.card_scroll import CardScroll
from kquiz.ui.study.card_view import CardView
from kquiz.ui.study.choice_input import ChoiceInput, correct_indices
from kquiz.ui.study.flip_input import FlipInput
from kquiz.ui.study.grade_bar import GradeBar
from kquiz.ui.study.prompts import KIND_TEXT, keys_hint
from kquiz.ui.study.truefalse_input import TrueFalseInput
from kquiz.ui.study.typed_input import TypedInput
from kquiz.ui.widgets import set_text, text_label

if TYPE_CHECKING:
    from kquiz.app import ShownCard, StudySession

T = TypeVar("T")

CHANGED_NOTICE = (
    "This card changed since you last saw it. Ctrl+Shift+N starts it again as new; answering it keeps "
    "its progress."
)


class StudyScreen(QWidget):
    left = Signal()  # the learner left (Esc) or the session finished
    edit_hook: Callable[[ShownCard], bool] | None = None  # E: True when the main window handled it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("studyScreen")
        self.setAccessibleName("Study card")  # it takes focus (its keys grade and flip): name it
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.session: StudySession | None = None
        self.shown: ShownCard | None = None
        self.input: QWidget | None = None
        self.chosen: list[int] | bool | None = None  # the choices picked, or the true/false answer
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

        # the card, scrolled; the verdict and the right answer are kept in view once shown
        self.scroll_area = CardScroll(
            self.card, lambda: self.session is not None and self.session.phase == Phase.ANSWER
        )

        top = QHBoxLayout()
        top.addWidget(self.deck_label, 1)
        top.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.grades)
        layout.addWidget(self.keys_hint)
        layout.addWidget(self.status)
        bind_all(self, "Study", self.key, auto_repeat=False)
        self.grades.hide()

    # session -----------------------------------------------------------------------------
    def start(self, session: StudySession) -> None:
        if session is self.session and self.shown is not None and session.current is self.shown:
            self.redraw()  # resumed from the summary: the card as it was left (typed text, picks)
            if isinstance(self.input, TypedInput) and not self.input.answered:
                self.input.focus()
            return
        self.session = session
        self.shown = None
        self.events_seen = len(session.events)
        set_text(self.notice, "")
        set_text(self.status, "")
        self.redraw()

    def _live(self) -> StudySession:
        """The session an action applies to (actions come only from a card on screen)."""
        if self.session is None:
            raise RuntimeError("no study session on screen")
        return self.session

    def _do(self, fn: Callable[[], T]) -> T | None:
        """Run one session action: errors go to the error hook; the screen is redrawn."""
        result = None
        with guarded(self):
            result = fn()
        self.redraw()
        return result

    def redraw(self) -> None:
        s = self.session
        if s is None:
            return
        self._show_events()
        shown, phase = s.current, s.phase
        if phase == Phase.FINISHED or shown is None:
            self.grades.hide()
            self.left.emit()
            return
        if phase == Phase.QUESTION or shown is not self.shown:
            self._build_question(shown, phase)
        if phase == Phase.ANSWER:
            self._show_answer(shown)
        self._draw_header(shown)
        self.keys_hint.setText(keys_hint(phase, CardType(shown.kind)))

    def _build_question(self, shown: ShownCard, phase: Phase = Phase.QUESTION) -> None:
        # the same card redrawn (its deck file was saved meanwhile): keep what was typed or picked
        old = self.input
        same = self.shown is not None and self.shown.key == shown.key
        kept = (
            old.edit.text()
            if isinstance(old, TypedInput) and same and (phase == Phase.ANSWER or not old.answered)
            else ""
        )
        if not same:
            set_text(self.status, "")  # "Undid…", "Card flagged." belong to the card before
            if shown.changed:
                set_text(self.status, CHANGED_NOTICE)
        self.shown, self.chosen = shown, self.chosen if same and phase == Phase.ANSWER else None
        self.flagged = bool(shown.flagged)
        self.card.clear_inputs()
        kind = CardType(shown.kind)
        text = KIND_TEXT[kind]
        if kind == CardType.CHOICE:
            right = correct_indices(shown)
            multi = len(right) > 1
            text = f"Multiple choice — {'choose all that apply' if multi else 'press 1–' + str(len(shown.choices))}"
            choice = ChoiceInput(shown.choices, multi, self.card)
            choice.submitted.connect(self.submit_choice)
            widget: QWidget = choice
        elif kind == CardType.TRUEFALSE:
            truefalse = TrueFalseInput(self.card)
            truefalse.submitted.connect(self.submit_truefalse)
            widget = truefalse
        elif kind in (CardType.TYPED, CardType.CLOZE, CardType.OCCLUSION):
            typed = TypedInput(self.card, blanks=max(1, shown.blanks))
            typed.hint_requested.connect(self.hint)
            typed.submitted.connect(lambda t: self._do(lambda: self._live().submit_text(t)))
            typed.reveal.connect(self.reveal)
            widget = typed
        else:
            flip = FlipInput(self.card)
            flip.reveal.connect(self.reveal)
            widget = flip
        self.input = widget
        self.card.show_question(shown, text)
        self.card.add_input(widget)
        self.grades.hide()
        self.scroll_area.pinned = False
        if isinstance(widget, TypedInput):
            widget.edit.setText(kept)
            widget.focus()
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_answer(self, shown: ShownCard) -> None:
        s = self._live()
        grade = s.last_grade
        widget = self.input
        if isinstance(widget, ChoiceInput):
            chosen = self.chosen if isinstance(self.chosen, list) else ()
            widget.show_result(correct_indices(shown), set(chosen))
        elif isinstance(widget, TrueFalseInput):
            right = shown.card.answer if isinstance(shown.card, TrueFalseCard) else False
            widget.show_result(right, right if not isinstance(self.chosen, bool) else self.chosen)
        elif isinstance(widget, (TypedInput, FlipInput)):
            widget.set_answered()
        self.card.show_answer_part(shown, grade)
        suggested = s.suggested_rating
        previews: dict[Rating, str] = {}
        with guarded(self):
            previews = s.previews()
        # the highlighted grade is what Space/Enter gives: the suggestion, else Good
        self.grades.set_previews(previews, int(suggested) if suggested else int(Rating.GOOD))
        self.grades.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll_area.pinned = True
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # lay the answer out now
        self.scroll_area.keep_answer_in_view()
        # and again once the scroll area has caught up
        QTimer.singleShot(0, self.scroll_area.keep_answer_in_view)

    def _draw_header(self, shown: ShownCard) -> None:
        s = self._live()
        parts = [shown.deck_title, shown.topic_title]
        if self.flagged:
            parts.append("⚑ Flagged")
        set_text(self.deck_label, "  ·  ".join(p for p in parts if p))
        r = s.remaining
        if s.mode == StudyMode.PRACTICE:  # new/learning/review mean nothing in a practice run
            self.remaining.setText(f"Practice · {r.total} left · schedule unchanged")
        else:
            self.remaining.setText(f"New {r.new}   Learning {r.learning}   Review {r.review}")
        self.remaining.setAccessibleDescription(self.remaining.text())

    def _show_events(self) -> None:
        events = self.session.events if self.session is not None else []
        if len(events) > self.events_seen:
            set_text(self.notice, "\n".join(str(e) for e in events[self.events_seen :]))
            self.events_seen = len(events)

    # actions -----------------------------------------------------------------------------
    def reveal(self) -> None:
        self._do(self._live().reveal)

    def submit_choice(self, indices: list[int]) -> None:
        self.chosen = list(indices)
        self._do(lambda: self._live().submit_choice(indices))

    def submit_truefalse(self, value: bool) -> None:
        self.chosen = value
        self._do(lambda: self._live().submit_truefalse(value))

    def rate(self, rating: int) -> None:
        set_text(self.notice, "")
        self._do(lambda: self._live().rate(Rating(rating)))

    def key(self, action: str) -> None:
        s = self.session
        if s is None or s.current is None:
            if action in ("leave", "accept"):
                self.left.emit()
            return
        phase, kind = s.phase, CardType(s.current.kind)
        handlers = {
            "hint": self.hint,
            "undo": self.undo,
            "suspend": self.suspend,
            "bury": self.bury,
            "flag": self.toggle_flag,
            "reset-changed": self.reset_changed,
            "edit": self.edit,
            "leave": self.left.emit,
        }
        if action.startswith(("page-", "line-")):
            self.scroll_card(action)
        elif action in handlers:
            handlers[action]()
        elif phase == Phase.ANSWER:
            if action in ("1", "2", "3", "4"):
                self.rate(int(action))
            elif action == "accept":
                self.rate(int(s.suggested_rating or Rating.GOOD))
            elif action == "f":
                self.toggle_flag()
        elif phase == Phase.QUESTION:
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
        self.scroll_area.scroll_by(action)

    def hint(self) -> None:
        widget = self.input
        if not isinstance(widget, TypedInput) or widget.answered:
            return
        with guarded(self):
            widget.show_hint(self._live().hint())

    def undo(self) -> None:
        what = self._live().undo_what
        undone = self._do(self._live().undo)
        set_text(self.status, f"Undid {what}." if undone else "Nothing to undo in this session.")

    def suspend(self) -> None:
        self._do(self._live().suspend)
        set_text(self.status, "Card suspended: it will not be shown until you unsuspend it.")

    def bury(self) -> None:
        self._do(self._live().bury)
        set_text(self.status, "Card buried until tomorrow.")

    def toggle_flag(self) -> None:
        result = None
        with guarded(self):
            result = self._live().toggle_flag()
            self.flagged = bool(result) if isinstance(result, bool) else not self.flagged
            set_text(self.status, "Card flagged." if self.flagged else "Flag removed.")
        if self.shown is not None:
            self._draw_header(self.shown)

    def reset_changed(self) -> None:
        """A changed card started again as new (Ctrl+Shift+N, while its question is shown)."""
        s = self.session
        if s is None or s.current is None or not s.current.changed or s.phase != Phase.QUESTION:
            return
        self._do(s.reset_changed)
        set_text(self.status, "Progress reset: this card starts again as a new card.")

    def edit(self) -> None:
        shown = self.shown
        if shown is not None and self.edit_hook is not None and self.edit_hook(shown):
            return  # the main window's: a bundled deck is offered as a copy first
        if shown is None or not shown.deck_path:
            set_text(self.status, "This card has no deck file to open.")
            return
        set_text(self.status, open_at_line(str(shown.deck_path), int(shown.line or 0)))
