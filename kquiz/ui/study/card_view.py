"""The card surface: deck/topic header, prompt, image, answer and what comes after answering."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kquiz.domain import OcclusionCard
from kquiz.ui.study.card_image import CardImage
from kquiz.ui.study.diff_view import DiffView
from kquiz.ui.study.marked_text import MarkedText
from kquiz.ui.widgets import set_text, text_label

if TYPE_CHECKING:
    from kquiz.app import Grade, ShownCard


class CardView(QFrame):
    """Draws one ShownCard; ``show_answer_part`` adds the answer, verdict and the citation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardSurface")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.kind_label = text_label("", "Card type", object_name="muted")
        self.prompt = text_label("", "Question", object_name="cardPrompt")
        self.image = CardImage("Image")
        self.answer_image = CardImage("Answer image")
        self.divider = QFrame()
        self.divider.setObjectName("divider")
        self.divider.setFixedHeight(1)
        self.verdict = text_label("", "Verdict", object_name="verdictGood")
        self.answer = text_label("", "Answer", object_name="cardAnswer")
        self.cloze_answer = MarkedText("Answer")  # a revealed cloze: only its blanks highlighted
        self.diff = DiffView()
        self.explanation = text_label("", "Explanation", object_name="cardText")
        self.note = text_label("", "Accuracy note", object_name="cardNote")
        self.source = text_label("", "Source", object_name="cardDetail")
        self.inputs = QVBoxLayout()
        self.inputs.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(14)
        layout.addWidget(self.kind_label)
        layout.addWidget(self.prompt)
        layout.addWidget(self.image)
        layout.addLayout(self.inputs)
        layout.addWidget(self.divider)
        layout.addWidget(self.verdict)
        layout.addWidget(self.answer)
        layout.addWidget(self.cloze_answer)
        layout.addWidget(self.answer_image)
        layout.addWidget(self.diff)
        layout.addWidget(self.explanation)
        layout.addWidget(self.note)
        layout.addWidget(self.source)
        layout.addStretch(1)

    def show_question(self, shown: ShownCard, kind_text: str) -> None:
        set_text(self.kind_label, kind_text)
        set_text(self.prompt, shown.prompt)
        self.prompt.setAccessibleName("Question")
        card = shown.card
        masks = (card.regions, card.asked, card.mode) if isinstance(card, OcclusionCard) else None
        self.image.set_image(shown.image_path, shown.alt, masks=masks)
        self.answer_image.set_image(None)
        for w in (self.verdict, self.answer, self.explanation, self.note, self.source):
            set_text(w, "")
        self.diff.show_diff(None)
        self.cloze_answer.hide()
        self.divider.hide()

    def show_answer_part(self, shown: ShownCard, grade: Grade | None, *, show_answer: bool = True) -> None:
        self.divider.show()
        if grade is not None:
            good = bool(grade.correct)
            self.verdict.setObjectName("verdictGood" if good else "verdictBad")
            self.verdict.style().unpolish(self.verdict)
            self.verdict.style().polish(self.verdict)
            exact = grade.exact
            verdict = (
                ("Correct" if exact else "Correct, close enough: check the spelling") if good else "Not quite"
            )
            set_text(self.verdict, verdict)
            self.diff.show_diff(None if good and exact else grade)
        marked = show_answer and bool(shown.answer_marks)
        set_text(self.answer, shown.answer if show_answer and not marked else "")
        if marked:
            self.cloze_answer.show_marked(shown.answer, shown.answer_marks)
        else:
            self.cloze_answer.hide()
        self.answer_image.set_image(shown.answer_image_path if show_answer else None, shown.answer_alt)
        if show_answer:
            self.image.reveal()  # an occlusion card: the asked region uncovered and outlined
        set_text(self.explanation, shown.explanation)
        set_text(self.note, f"Accuracy note: {shown.note}" if shown.note else "")
        set_text(self.source, shown.source_line)

    def answer_widget(self) -> QWidget:
        """The widget that shows the right answer once the card is answered."""
        return self.cloze_answer if self.cloze_answer.isVisibleTo(self) else self.answer

    def add_input(self, widget: QWidget) -> None:
        self.inputs.addWidget(widget)

    def clear_inputs(self) -> None:
        while self.inputs.count():
            item = self.inputs.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
