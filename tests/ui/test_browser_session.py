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
