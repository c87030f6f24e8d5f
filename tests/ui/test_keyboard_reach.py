"""Reviewer findings, each driven with the keyboard like a learner would (no mouse)."""

from __future__ import annotations

import textwrap
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from kquiz.ui.shortcuts import KEYS

from .keys import press, settle, type_text

TYPED_FIRST = textwrap.dedent("""\
    kquiz: 1
    id: typed-first
    title: Typed first
    topics: [{id: t, title: T}]
    sources: [{id: s, title: Notes, sections: [A]}]
    cards:
      - id: typed-1
        type: typed
        topic: t
        prompt: Which organ can long-term heavy ketamine use damage?
        answers: [bladder]
        source: {id: s, section: A}
    """)


def start_study(qtbot, running):
    press(qtbot, running.window, Qt.Key.Key_Return)
    return running.window.nav.session


def test_a_typed_first_card_takes_the_typing_at_once(qtbot, data_dir, start_app, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "typed.yaml").write_text(TYPED_FIRST, encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(decks,))
    session = start_study(qtbot, running)
    assert str(session.current.kind) == "typed"
    # the study screen used to take the focus back after drawing the card: the typing went nowhere
    assert QApplication.focusWidget() is running.window.study.input.edit
    type_text(qtbot, running.window, "bladder")
    press(qtbot, running.window, Qt.Key.Key_Return)
    assert session.phase.name == "ANSWER" and session.last_grade.correct


def test_a_long_card_scrolls_with_page_down(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    window.resize(640, 420)
    session = start_study(qtbot, running)
    session.reveal()
    window.study.redraw()
    settle()
    bar = window.study.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0, "the card should be taller than this small window"
    assert bar.value() > 0, "the answer is scrolled into view"
    press(qtbot, window, Qt.Key.Key_PageUp)
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    press(qtbot, window, Qt.Key.Key_Up)
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert bar.value() == 0
    window.resize(650, 430)  # once scrolled by hand, the card stays where the learner put it
    settle()
    assert bar.value() == 0


def test_a_status_line_does_not_outlive_its_card(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    first = session.current.key
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.study.status.text() == "Card flagged."
    session.reveal()
    window.study.redraw()
    press(qtbot, window, Qt.Key.Key_3)
    assert session.current.key != first
    assert window.study.status.text() == ""


def test_help_lists_every_menu_shortcut(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    listed = " / ".join(k.keys for k in KEYS)
    missing = []
    for action in running.window.actions():
        for seq in action.shortcuts():
            text = seq.toString(QKeySequence.SequenceFormat.PortableText)
            if text in ("Shift+?",):  # "?" typed with Shift: the same key for the learner
                continue
            if text not in listed:
                missing.append(text)
    assert missing == []


def test_help_fits_a_small_window_and_scrolls(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    window.resize(800, 520)
    settle()
    window.help.toggle()
    settle()
    panel, central = window.help.panel, window.centralWidget()
    assert panel.geometry().bottom() <= central.height()
    assert window.help.close_button.isVisible()
    bar = window.help.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert bar.value() > 0
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.help.isVisible()


def test_live_reload_of_an_answered_choice_keeps_the_pick(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    while str(session.current.kind) != "choice":
        session.bury()
    window.study.start(session)
    shown = session.current
    wrong = next(
        i
        for i, t in enumerate(shown.choices)
        if not any(c.text == t and c.correct for c in shown.card.choices)
    )
    press(qtbot, window, getattr(Qt.Key, f"Key_{wrong + 1}"))
    assert session.phase.name == "ANSWER"
    buttons = window.study.input.buttons
    assert buttons[wrong].property("verdict") == "wrong"
    session.replace_deck(running.core.deck("ui-sample"))  # what saving the deck file does
    window.study.redraw()
    assert window.study.input is not None and window.study.input.buttons is not buttons
    assert window.study.input.buttons[wrong].property("verdict") == "wrong"


def test_summary_continue_resumes_a_paused_session(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    card = session.current.key
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.continue_button.isVisible() and window.summary.continue_button.isEnabled()
    assert window.summary.continue_button.accessibleName() == "Continue"
    press(qtbot, window, Qt.Key.Key_C)
    assert window.stack.currentWidget() is window.study
    assert session.current.key == card and window.nav.session is session
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Return)  # Enter on a paused session's summary: back to the decks
    assert window.stack.currentWidget() is window.library


def test_summary_continue_studies_learning_cards_when_they_are_due(qtbot, data_dir, start_app, clock):
    import dataclasses

    running = start_app(data_dir)
    window, core = running.window, running.core
    s = core.settings()
    core.save_settings(
        s.with_changes(
            new_per_day=1, scheduling=dataclasses.replace(s.scheduling, learning_steps=(timedelta(hours=1),))
        )
    )
    window.show_library()
    session = start_study(qtbot, running)
    card = session.current.key
    session.reveal()
    window.study.redraw()
    press(qtbot, window, Qt.Key.Key_1)  # Again: back in an hour
    summary = window.summary
    assert window.stack.currentWidget() is summary
    assert summary.continue_button.isVisible() and not summary.continue_button.isEnabled()
    # learning cards are taken up to 20 minutes early: Continue becomes possible after 40 minutes
    assert summary.ready_timer.isActive()
    assert abs(summary.ready_timer.remainingTime() - 40 * 60 * 1000) < 5000
    press(qtbot, window, Qt.Key.Key_Return)  # not yet: Enter goes back to the decks
    assert window.stack.currentWidget() is window.library
    window.nav.leave_session()
    clock.advance(timedelta(minutes=41))
    summary.ready_timer.timeout.emit()  # what the timer does at that time
    assert summary.continue_button.isEnabled() and summary.continue_button.objectName() == "primary"
    assert QApplication.focusWidget() is summary.continue_button
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.study
    assert session.current.key == card


def test_counts_and_session_start_run_off_the_ui_thread(qtbot, data_dir, start_app):
    """10,000 due cards take ~0.3 s to count and to queue: neither may freeze the window."""
    import threading

    running = start_app(data_dir)
    window, core = running.window, running.core
    calls: list[tuple[str, bool]] = []
    real_counts, real_start = core.counts, core.start_session

    def counts(deck_id):
        calls.append(("counts", threading.current_thread() is threading.main_thread()))
        return real_counts(deck_id)

    def start_session(*args, **kwargs):
        calls.append(("start", threading.current_thread() is threading.main_thread()))
        return real_start(*args, **kwargs)

    core.counts, core.start_session = counts, start_session
    new_before = int(window.library.tree.topLevelItem(0).text(1))
    session = start_study(qtbot, running)
    assert session is not None and window.stack.currentWidget() is window.study
    session.reveal()
    window.study.redraw()
    press(qtbot, window, Qt.Key.Key_3)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Escape)  # back to the decks: counted again, in the background
    settle()
    assert window.stack.currentWidget() is window.library
    assert int(window.library.tree.topLevelItem(0).text(1)) == new_before - 1
    assert {name for name, _ in calls} == {"counts", "start"}
    assert not any(on_ui for _, on_ui in calls), calls


def test_enter_twice_starts_one_session(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    started = []
    real_start = core.start_session
    core.start_session = lambda *a, **k: started.append(real_start(*a, **k)) or started[-1]
    window.library.study_selection("scheduled", True)
    window.library.study_selection("scheduled", True)  # before the first one arrived
    settle()
    assert len(started) == 1
    assert window.nav.session is started[0] and window.stack.currentWidget() is window.study


def test_library_header_counts_match_the_columns(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    session.reveal()
    window.study.redraw()
    press(qtbot, window, Qt.Key.Key_1)  # Again: a learning card, back in a minute (not due now)
    press(qtbot, window, Qt.Key.Key_Escape)
    press(qtbot, window, Qt.Key.Key_Escape)
    settle()
    top = window.library.tree.topLevelItem(0)
    new, learning, due = (int(top.text(c)) for c in (1, 2, 3))
    assert learning == 1
    assert window.library.summary.text() == f"{new} new · {learning} learning · {due} review"
    assert window.library.tree.headerItem().text(3) == "Review"  # "due today" in Stats is both


def test_the_window_is_active_at_start_so_keys_work_at_once(qtbot, data_dir, clock, monkeypatch):
    """Without a window manager to activate it, no shortcut fired until the window was clicked."""
    from PySide6.QtWidgets import QMainWindow

    from kquiz.app import open_core
    from kquiz.ui.launch import build_app

    from .conftest import SAMPLE_DECK

    activated = []
    real = QMainWindow.activateWindow
    monkeypatch.setattr(QMainWindow, "activateWindow", lambda self: (activated.append(self), real(self)))
    core = open_core(data_dir, clock=clock, seed=3, extra_deck_dirs=[SAMPLE_DECK], include_bundled=False)
    running = build_app(data_dir, core=core)
    try:
        assert running is not None
        assert activated and activated[0] is running.window  # by build_app itself, like `kquiz`
    finally:
        if running is not None:
            running.close()


def test_closing_while_counting_shows_no_late_error(qtbot, data_dir, start_app):
    """A recount queued behind one in flight used to start on the closed core after quitting."""
    from kquiz.ui.errors import shown_messages

    running = start_app(data_dir)
    before = len(shown_messages())
    loader = running.window.loader
    loader.refresh()
    loader.refresh()  # queued behind the first
    assert loader.recount
    running.close()
    for _ in range(5):
        settle()
    assert shown_messages()[before:] == []
    assert QApplication.activeModalWidget() is None


def test_custom_study_shows_a_long_deck_title_whole(qtbot):
    from PySide6.QtWidgets import QLabel

    from kquiz.ui.dialogs.custom_study import CustomStudyDialog

    title = "Ketamine: history, chemistry and administration of a rather long deck title"
    dialog = CustomStudyDialog(title, ("safety",))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle()
    assert dialog.deck_label.text() == title
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap():  # a one-line label must fit its text
            assert label.width() >= label.fontMetrics().horizontalAdvance(label.text()), label.text()
    assert dialog.deck_label.height() >= dialog.deck_label.heightForWidth(dialog.deck_label.width())


def test_keyboard_focus_shows_on_a_highlighted_button(qtbot, data_dir, start_app):
    """The focus ring was the accent colour, the same as a primary button's own border."""
    running = start_app(data_dir)
    window = running.window
    button = window.library.study_button
    assert button.objectName() == "primary"
    window.library.focus_tree()
    settle()
    plain = button.grab().toImage()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    assert button.hasFocus()
    focused = button.grab().toImage()
    assert focused.pixel(1, focused.height() // 2) != plain.pixel(1, plain.height() // 2)


def test_bury_suspend_and_edit_while_typing_an_answer(qtbot, data_dir, start_app, tmp_path, monkeypatch):
    """S, B and E type letters into the answer field; Ctrl+Shift+S/B/E act on the card.

    (Ctrl+E alone moves to the end of the line in a text field on X11.)"""
    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    while str(session.current.kind) != "typed":
        session.bury()
    window.study.start(session)
    edit = window.study.input.edit
    assert QApplication.focusWidget() is edit
    type_text(qtbot, window, "sbe")
    assert edit.text() == "sbe" and str(session.current.kind) == "typed"
    opened = []
    monkeypatch.setattr(
        "kquiz.ui.study.screen.open_at_line", lambda path, line: opened.append(line) or "opened"
    )
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    press(qtbot, window, Qt.Key.Key_E, ctrl_shift)
    assert opened == [session.current.line]
    typed_key = session.current.key
    press(qtbot, window, Qt.Key.Key_B, ctrl_shift)
    assert session.current.key != typed_key
    assert running.core.store.get(typed_key).buried_until is not None
    while str(session.current.kind) not in ("typed", "cloze"):
        session.bury()
    window.study.start(session)
    key = session.current.key
    assert QApplication.focusWidget() is window.study.input.edit
    press(qtbot, window, Qt.Key.Key_S, ctrl_shift)
    assert running.core.store.get(key).suspended
