"""Study keys beyond answering: suspend, bury, flag, edit, help, leave; the error dialog."""

from __future__ import annotations

import sys
import textwrap
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from kquiz.errors import SessionError
from kquiz.ui.errors import shown_messages

from .keys import press, settle


def start_study(qtbot, running):
    press(qtbot, running.window, Qt.Key.Key_Return)
    return running.window.nav.session


def test_suspend_bury_flag_from_the_keyboard(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    session = start_study(qtbot, running)
    first = session.current.key
    press(qtbot, window, Qt.Key.Key_S)
    assert core.store.get(first).suspended
    assert "suspended" in window.study.status.text()
    second = session.current.key
    assert second != first
    press(qtbot, window, Qt.Key.Key_B)
    assert core.store.get(second).buried_until is not None
    third = session.current
    if str(third.kind) == "truefalse":  # F answers a true/false card; use Ctrl+F there
        press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    else:
        press(qtbot, window, Qt.Key.Key_F)
    assert core.store.get(third.key).flagged
    assert "Flagged" in window.study.deck_label.text()
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not core.store.get(third.key).flagged
    assert "Flagged" not in window.study.deck_label.text()
    # undo takes back the bury, then the suspend
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.current.key == second
    assert core.store.get(second) is None or core.store.get(second).buried_until is None
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.current.key == first
    assert core.store.get(first) is None or not core.store.get(first).suspended


def test_e_opens_the_deck_file_at_the_card_line(qtbot, data_dir, start_app, tmp_path, monkeypatch):
    record = tmp_path / "editor-args.txt"
    editor = tmp_path / "fake_editor.py"
    editor.write_text(
        textwrap.dedent(f"""
        import sys
        open({str(record)!r}, "w").write("\\n".join(sys.argv[1:]))
    """)
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    running = start_app(data_dir)
    session = start_study(qtbot, running)
    shown = session.current
    press(qtbot, running.window, Qt.Key.Key_E)
    deadline = time.monotonic() + 20
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.read_text().split("\n") == [f"+{shown.line}", str(shown.deck_path)]
    assert shown.line > 0
    assert f"{shown.deck_path}:{shown.line}" in running.window.study.status.text()


def test_question_mark_shows_the_key_list_and_esc_leaves(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    start_study(qtbot, running)
    press(qtbot, window, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert window.help.isVisible()
    labels = {w.text() for w in window.help.findChildren(type(window.study.remaining))}
    assert {"Ctrl+Z", "Esc", "T / F", "1 – 4"} <= labels
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.help.isVisible()
    assert window.stack.currentWidget() is window.study
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    assert window.summary.title.text() == "Session paused"
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library


def test_kquiz_errors_from_actions_show_in_one_dialog(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    start_study(qtbot, running)
    before = len(shown_messages())
    window.study.rate(3)  # rating before the answer is shown: a SessionError
    settle()
    assert len(shown_messages()) == before + 1
    assert "Cannot rate" in shown_messages()[-1]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and boxes[-1].text() == shown_messages()[-1]
    boxes[-1].accept()
    # the uncaught-exception hook shows kquiz errors the same way
    sys.excepthook(SessionError, SessionError("hook check"), None)
    assert shown_messages()[-1] == "hook check"
    [hooked] = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible() and w.text() == "hook check"
    ]
    hooked.accept()  # leave no dialog open for later tests to find


def test_notice_banner_is_dismissed_for_good(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    banner = running.window.notice
    assert banner.isVisible()
    assert "not medical advice" in banner.label.text()
    banner.button.click()
    assert not banner.isVisible()
    running.close()
    again = start_app(data_dir)
    assert getattr(again.window, "notice", None) is None


def test_loading_shows_progress_until_decks_arrive(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    window.loader.load()
    assert window.library.progress.isVisibleTo(window)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    settle()
    assert not window.library.progress.isVisibleTo(window)
    assert window.library.tree.topLevelItemCount() == 1


def test_leech_notice_is_shown(qtbot, data_dir, start_app, clock):
    from kquiz.app import Selection

    running = start_app(data_dir)
    window, core = running.window, running.core
    core.save_settings(core.settings().with_changes(leech_threshold=2))

    def session_on(card_id: str):
        window.nav.start(Selection(deck_ids=("ui-sample",)), "scheduled", "test")
        settle()  # the session is built off the UI thread
        session = window.nav.session
        while session.current is not None and session.current.key.card_id != card_id:
            session.bury()
        for key in list(core.store.all_progress()):  # un-bury the others for the next round
            p = core.store.get(key)
            if p.buried_until is not None:
                from dataclasses import replace

                core.store.save_progress(replace(p, buried_until=None))
        window.study.start(session)
        assert session.current is not None and session.current.key.card_id == card_id
        return session

    for rating, wait in ((4, dict(days=30)), (1, dict(minutes=15)), (3, dict(days=90)), (1, {})):
        session_on("basic-2")
        press(qtbot, window, Qt.Key.Key_Space)
        press(qtbot, window, getattr(Qt.Key, f"Key_{rating}"))
        clock.advance(**wait)
    # shown where the learner is: on the study screen, or on the summary if that was the last card
    screen = window.stack.currentWidget()
    notice = window.study.notice if screen is window.study else window.summary.notices
    assert notice.isVisibleTo(window)
    assert "leech" in notice.text()
    assert core.store.get(next(k for k in core.store.all_progress() if k.card_id == "basic-2")).suspended


def test_typed_hint_then_right_answer_suggests_hard(qtbot, data_dir, start_app):
    from kquiz.domain import Rating

    from .keys import type_text

    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    while str(session.current.kind) != "typed":
        session.bury()
    window.study.start(session)
    assert QApplication.focusWidget() is window.study.input.edit
    press(qtbot, window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    hint = window.study.input.hint_label
    assert hint.isVisibleTo(window) and hint.text().startswith("Hint: ")
    type_text(qtbot, window, session.current.card.answers[0])
    press(qtbot, window, Qt.Key.Key_Return)
    assert session.suggested_rating == Rating.HARD
    key = session.current.key
    press(qtbot, window, Qt.Key.Key_Space)  # accept the suggestion
    log = list(running.core.store.iter_reviews())
    assert [(r.key, r.rating) for r in log] == [(key, Rating.HARD)]


def test_redrawing_the_same_card_keeps_the_typed_text(qtbot, data_dir, start_app):
    from .keys import type_text

    running = start_app(data_dir)
    window = running.window
    session = start_study(qtbot, running)
    while str(session.current.kind) != "typed":
        session.bury()
    window.study.start(session)
    type_text(qtbot, window, "half an ans")
    session.replace_deck(running.core.deck("ui-sample"))  # what a live reload of the file does
    window.study.redraw()
    assert window.study.input.edit.text() == "half an ans"
    assert QApplication.focusWidget() is window.study.input.edit


def test_summary_says_when_learning_cards_come_back(qtbot, data_dir, start_app, clock):
    import dataclasses
    from datetime import timedelta

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
    if str(session.current.kind) in ("basic", "reversed", "cloze"):
        press(qtbot, window, Qt.Key.Key_Space)
    else:
        session.reveal()
        window.study.redraw()
    press(qtbot, window, Qt.Key.Key_1)  # Again: back in an hour, beyond the learn-ahead window
    assert window.stack.currentWidget() is window.summary
    due = (clock.now() + timedelta(hours=1)).astimezone()
    assert f"come back at {due:%H:%M}" in window.summary.subtitle.text()
