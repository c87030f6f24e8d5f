"""The browser beside an open study session: its changes are not overwritten by the session."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .keys import press
from .test_browser import CTRL, open_browser, search


def test_marks_set_in_the_browser_survive_the_next_answer_and_leave_the_queue(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    shown = session.current.key
    browser = open_browser(qtbot, window)
    search(qtbot, browser, f"card:{shown.card_id}")
    press(qtbot, browser, Qt.Key.Key_Down)
    press(qtbot, browser, Qt.Key.Key_K, CTRL)  # flag the card on screen in the session
    later = next(k for k in session._keys if k != shown)
    search(qtbot, browser, f"card:{later.card_id}")
    press(qtbot, browser, Qt.Key.Key_Down)
    press(qtbot, browser, Qt.Key.Key_J, CTRL)  # suspend a card still waiting in the session
    browser.close()
    window.activateWindow()
    session.reveal()
    session.rate(3)
    assert core.store.get(shown).flagged and core.store.get(shown).memory.reps == 1
    seen = []
    while session.current is not None and len(seen) < 30:
        seen.append(session.current.key)
        session.bury()
    assert later not in seen


def test_e_on_a_bundled_deck_offers_a_copy_that_replaces_it(qtbot, data_dir, clock, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from kquiz.app import open_core
    from kquiz.app.bundled import is_bundled
    from kquiz.ui.launch import build_app

    from .keys import settle, show_loaded

    monkeypatch.setenv("VISUAL", "true")  # an "editor" that opens nothing
    core = open_core(data_dir, clock=clock, seed=2)  # the bundled decks, as a learner has them
    running = build_app(data_dir, core=core)
    try:
        window = show_loaded(qtbot, running)
        press(qtbot, window, Qt.Key.Key_Return)  # study the first deck
        shown = window.nav.session.current
        assert is_bundled(shown.deck_path)
        press(qtbot, window, Qt.Key.Key_E)
        box = window.edit_question
        assert isinstance(box, QMessageBox) and "comes with kquiz" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not window.loader.busy and bool(core.library.replaced), timeout=20000)
        settle()
        copy = core.library.deck(shown.key.deck_id).path
        assert not is_bundled(copy) and copy.startswith(str(core.paths.user_decks_dir))
        assert f"{copy}:{shown.line}" in window.study.status.text()
        assert "replaces the one bundled with kquiz" in window.statusBar().currentMessage()
    finally:
        running.close()
