"""A whole session from the keyboard alone, then a restart that shows exactly what was done."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from kquiz.app import open_core
from kquiz.domain import CardState, Rating, StudyMode

from .conftest import SAMPLE_DECK
from .keys import answer_by_keyboard, press, settle

PLAN = {"truefalse": "wrong", "cloze": "right", "typed": "right", "choice": "right"}


def tree_counts(window) -> dict[str, tuple[int, int, int]]:
    tree = window.library.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        out[item.text(0)] = tuple(int(item.text(c)) for c in (1, 2, 3))
    return out


def test_ten_cards_by_keyboard_undo_quit_and_restart(qtbot, data_dir, start_app, clock):
    running = start_app(data_dir)
    window = running.window
    assert tree_counts(window) == {"UI sample deck": (12, 0, 0)}
    window.resize(700, 500)

    press(qtbot, window, Qt.Key.Key_Return)  # Enter on the selected deck: Study
    assert window.stack.currentWidget() is window.study
    session = window.nav.session
    done: list[tuple[str, Rating]] = []
    kinds = set()
    for _ in range(10):
        assert window.study.card.prompt.text() == session.current.prompt
        card_id, rating, kind = answer_by_keyboard(qtbot, window, session, PLAN)
        done.append((card_id, rating))
        kinds.add(kind)
        clock.advance(seconds=20)
    assert {"basic", "choice", "truefalse", "typed"} <= kinds

    undone_id = done.pop()[0]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.current.key.card_id == undone_id
    assert session.phase.name == "QUESTION"
    assert window.study.card.prompt.text() == session.current.prompt

    press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)  # File → Quit
    assert not window.isVisible()
    running.close()

    # what the core (a fresh one on the same folder) says was done
    check = open_core(data_dir, clock=clock, extra_deck_dirs=[SAMPLE_DECK], include_bundled=False)
    try:
        log = [(r.key.card_id, r.rating) for r in check.store.iter_reviews()]
        assert log == done
        assert all(r.mode == StudyMode.SCHEDULED for r in check.store.iter_reviews())
        studied = {card_id for card_id, _ in done}
        progress = check.store.all_progress()
        assert {k.card_id for k in progress} == studied
        assert all(p.memory.state != CardState.NEW for p in progress.values())
        check.load_library()
        counts = check.counts("ui-sample")
        assert counts.new == 12 - len(studied)
    finally:
        check.close()

    # and what the app shows after a restart
    again = start_app(data_dir)
    assert again.window.size() == QSize(700, 500)  # geometry remembered
    new, learning, due = tree_counts(again.window)["UI sample deck"]
    assert (new, learning, due) == (counts.new, counts.learning, counts.review)
    assert new == 12 - len(studied)
    settle()
    assert QApplication.activeModalWidget() is None
