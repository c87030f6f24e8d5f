"""What the learner reads after answering: a wrong typed answer as two lines (typed, expected),
wrapping at spaces; a revealed cloze with only its filled-in blank highlighted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextCursor

from .keys import answer_by_keyboard, press, type_text


def go_to(qtbot, window, session, kind: str) -> None:
    while str(session.current.kind) != kind:
        answer_by_keyboard(qtbot, window, session, {})


def line_texts(edit) -> list[str]:
    """The lines the text edit really draws (after wrapping)."""
    lines = []
    block = edit.document().begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return lines


def test_a_wrong_typed_answer_shows_typed_and_expected_lines(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    window.resize(640, 480)
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    go_to(qtbot, window, session, "typed")
    type_text(qtbot, window, "kidney stones of the general urinary tract and the lower ureter walls")
    press(qtbot, window, Qt.Key.Key_Return)
    diff = window.study.card.diff
    assert diff.isVisible()
    text = diff.toPlainText().split("\n")
    assert text[0] == "You typed:  kidney stones of the general urinary tract and the lower ureter walls"
    assert text[1] == "Expected:  bladder"
    words = set(diff.toPlainText().split())
    assert len(line_texts(diff)) > 3, "the long typed line wraps at 640 px"
    for line in line_texts(diff):  # wrapped at spaces: each drawn line holds whole words only
        assert all(word in words for word in line.split()), line
    # the typed word is struck out whole, the expected word underlined whole
    cursor = QTextCursor(diff.document())
    cursor.setPosition(len("You typed:  ") + 2)
    assert cursor.charFormat().fontStrikeOut()
    cursor.setPosition(len(text[0]) + 1 + len("Expected:  ") + 2)
    assert cursor.charFormat().fontUnderline()


def test_a_revealed_cloze_highlights_only_the_blank(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    go_to(qtbot, window, session, "cloze")
    press(qtbot, window, Qt.Key.Key_Return)  # Enter on the empty line: show the answer
    assert session.phase.name == "ANSWER"
    card = window.study.card
    shown = card.cloze_answer
    assert card.answer_widget() is shown and shown.isVisible() and not card.answer.isVisible()
    assert shown.toPlainText() == "Ketamine should be given under medical supervision."
    assert shown.marked == ["medical supervision"]
    cursor = QTextCursor(shown.document())
    bold = []
    for position in range(1, len(shown.toPlainText()) + 1):
        cursor.setPosition(position)
        bold.append(cursor.charFormat().fontWeight() >= QFont.Weight.Bold)
    start = shown.toPlainText().index("medical")
    assert not any(bold[:start]) and all(bold[start : start + len("medical supervision")])
    assert not any(bold[start + len("medical supervision") :])
    assert "filled in: medical supervision" in shown.accessibleDescription()
