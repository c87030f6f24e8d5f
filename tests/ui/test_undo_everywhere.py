"""Ctrl+Z undoes the previous step from any state (even from a typed answer's field) and says what
it undid; the footer on a typed card names the help key that works while typing (F1)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from .keys import answer_by_keyboard, press, settle, type_text


def start(qtbot, running):
    press(qtbot, running.window, Qt.Key.Key_Return)
    return running.window.nav.session


def test_ctrl_z_in_a_typed_field_undoes_the_previous_answer(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start(qtbot, running)
    while str(session.current.kind) != "typed":
        answer_by_keyboard(qtbot, window, session, {})
    answer_by_keyboard(qtbot, window, session, {})  # answer the typed card, then...
    while str(session.current.kind) not in ("typed", "cloze"):
        answer_by_keyboard(qtbot, window, session, {})
    # ...on the next typed or cloze card, with the field focused and text in it
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    before = session.current.key
    type_text(qtbot, window, "abc")
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.current.key != before, "Ctrl+Z in the field did not undo the previous answer"
    assert session.phase.name == "QUESTION"
    assert "Undid your answer Good to “" in window.study.status.text()


def test_undid_says_a_suspend_or_a_bury(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start(qtbot, running)
    while str(session.current.kind) in ("typed", "cloze", "truefalse"):
        answer_by_keyboard(qtbot, window, session, {})
    prompt = session.current.prompt[:20]
    press(qtbot, window, Qt.Key.Key_S)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.study.status.text().startswith("Undid the suspend of “" + prompt)
    while str(session.current.kind) in ("typed", "cloze", "truefalse"):
        answer_by_keyboard(qtbot, window, session, {})
    press(qtbot, window, Qt.Key.Key_B)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.study.status.text().startswith("Undid the bury of “")
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle()
    assert (
        "Nothing to undo" in window.study.status.text() or "Undid your answer" in window.study.status.text()
    )


def test_the_footer_names_a_help_key_that_works_while_typing(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start(qtbot, running)
    while str(session.current.kind) != "typed":
        answer_by_keyboard(qtbot, window, session, {})
    hint = window.study.keys_hint.text()
    assert "F1 keys" in hint and "? keys" not in hint
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    press(qtbot, window, Qt.Key.Key_F1)
    assert window.help.isVisible()
    press(qtbot, window, Qt.Key.Key_F1)
    assert not window.help.isVisible()
