"""The grade bar highlights the grade Space/Enter will give: the core's suggestion after a quiz answer.

A wrong answer (or a quiz card revealed unanswered) suggests Again, a right one after a hint Hard, a right
one Good; a flipped card has no suggestion and Good is highlighted. Exactly one button is highlighted,
its description names Space/Enter, and Space logs that grade.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from kquiz.domain import Rating

from .keys import cloze_answer, press, settle, type_text

PLAN = {"choice": "wrong", "truefalse": "wrong", "typed": "reveal", "cloze": "hint"}


def answer(qtbot, window, session) -> Rating:  # type: ignore[no-untyped-def]
    """Answer the shown card from the keyboard by PLAN; the grade the learner's answer deserves."""
    kind, card = str(session.current.kind), session.current.card
    how = PLAN.get(kind, "flip")
    if how == "flip":
        press(qtbot, window, Qt.Key.Key_Space)
        return Rating.GOOD
    if kind == "choice":
        wrong = next(i for i, t in enumerate(session.current.choices) if not _correct(card, t))
        press(qtbot, window, getattr(Qt.Key, f"Key_{wrong + 1}"))
        if sum(c.correct for c in card.choices) > 1:
            press(qtbot, window, Qt.Key.Key_Return)
        return Rating.AGAIN
    if kind == "truefalse":
        press(qtbot, window, Qt.Key.Key_F if card.answer else Qt.Key.Key_T)
        return Rating.AGAIN
    if how == "reveal":  # Enter on an empty line shows the answer: a quiz card then suggests Again
        press(qtbot, window, Qt.Key.Key_Return)
        return Rating.AGAIN
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, window, card.answers[0] if kind == "typed" else cloze_answer(card.text))
    press(qtbot, window, Qt.Key.Key_Return)
    return Rating.HARD


def _correct(card, text: str) -> bool:  # type: ignore[no-untyped-def]
    return any(c.text == text and c.correct for c in card.choices)


def test_the_suggested_grade_is_the_highlighted_one(qtbot, data_dir, start_app, clock):
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    buttons = window.study.grades.buttons
    highlighted: list[Rating] = []
    for _ in range(8):
        expected = answer(qtbot, window, session)
        settle()
        assert session.phase.name == "ANSWER", session.current.kind
        assert window.study.grades.isVisible()
        primary = [Rating(i + 1) for i, b in enumerate(buttons) if b.objectName() == "primary"]
        assert primary == [expected], (session.current.kind, primary)
        described = [
            Rating(i + 1) for i, b in enumerate(buttons) if "Space or Enter" in b.accessibleDescription()
        ]
        assert described == [expected]
        highlighted.append(expected)
        press(qtbot, window, Qt.Key.Key_Space)  # accept what is highlighted
        assert list(core.store.iter_reviews())[-1].rating == expected
        clock.advance(seconds=20)
    assert {Rating.AGAIN, Rating.HARD, Rating.GOOD} <= set(highlighted)
