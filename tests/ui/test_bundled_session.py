"""Done-when check: a full session on a bundled deck, keyboard only, to the summary and back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kquiz.app import Selection, open_core
from kquiz.ui.launch import build_app

from .keys import answer_by_keyboard, press, show_loaded


def test_full_session_on_a_bundled_deck_without_the_mouse(qtbot, data_dir, clock):
    core = open_core(data_dir, clock=clock, seed=5)  # bundled decks included, as a learner has them
    running = build_app(data_dir, core=core)
    assert running is not None
    try:
        window = show_loaded(qtbot, running, timeout=30000)
        assert core.library.decks and not core.library.failures, core.library.failures
        deck_title = window.library.tree.currentItem().text(0)
        deck_id = window.library.selected()[0]
        new_before = core.counts(deck_id).new
        assert new_before > 0
        press(qtbot, window, Qt.Key.Key_Return)
        session = window.nav.session
        kinds, answers = set(), 0
        while window.stack.currentWidget() is window.study:
            assert answers < 400, "the session should end"
            _card, _rating, kind = answer_by_keyboard(qtbot, window, session, {})
            kinds.add(kind)
            answers += 1
            clock.advance(seconds=15)
        assert window.stack.currentWidget() is window.summary
        assert window.summary.title.text() == "Session complete"
        assert int(window.summary.values["Answers"].text()) == answers
        cards = {r.key for r in core.store.iter_reviews()}
        assert int(window.summary.values["Cards"].text()) == len(cards) < answers
        assert len(list(core.store.iter_reviews())) == answers
        assert len(kinds) >= 3, kinds
        press(qtbot, window, Qt.Key.Key_Return)
        assert window.stack.currentWidget() is window.library
        # siblings buried during the session free their daily slots (as in Anki): what the library
        # then shows as new is exactly what the next session offers, and fewer than before
        left = core.counts(deck_id).new
        assert left < new_before
        assert core.start_session(Selection(deck_ids=(deck_id,))).remaining.new == left
        assert window.library.tree.currentItem().text(0) == deck_title
        assert window.library.tree.currentItem().text(1) == str(left)
    finally:
        running.close()
