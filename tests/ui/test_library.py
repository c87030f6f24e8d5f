"""Library: failed decks are listed with their errors; practice leaves the schedule alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kquiz.domain import StudyMode

from .conftest import BROKEN_DECKS, SAMPLE_DECK
from .keys import answer_by_keyboard, press, settle


def all_item_texts(tree) -> list[str]:
    out = []

    def walk(item):
        out.append(item.text(0))
        for j in range(item.childCount()):
            walk(item.child(j))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return out


def test_broken_deck_is_listed_with_its_error_line(qtbot, data_dir, start_app):
    running = start_app(data_dir, deck_dirs=(SAMPLE_DECK, BROKEN_DECKS))
    texts = all_item_texts(running.window.library.tree)
    broken = str(BROKEN_DECKS / "broken.yaml")
    assert f"Could not load {broken}" in texts
    problem = next(t for t in texts if t.startswith(f"{broken}:"))
    assert problem.startswith(f"{broken}:12:7:")  # path:line:col, as the loader reported it
    assert "correct" in problem
    assert "UI sample deck" in texts  # the good deck still loads


def test_topic_rows_and_study_topic(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    lib = running.window.library
    deck = lib.tree.topLevelItem(0)
    topics = {deck.child(i).text(0): deck.child(i).text(1) for i in range(deck.childCount())}
    assert topics == {"Mechanisms": "7", "Risks": "5"}
    assert not lib.topic_button.isEnabled()
    lib.tree.setCurrentItem(deck.child(1))
    assert lib.topic_button.isEnabled()
    lib.topic_button.click()
    settle()  # the session is built off the UI thread
    session = running.window.nav.session
    assert session.selection.topic == "risks"
    assert session.current.topic_title == "Risks"


def test_practice_leaves_the_schedule_untouched(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_P)  # P on the library: practice the selected deck
    session = window.nav.session
    assert session.mode == StudyMode.PRACTICE
    # the counters say what is left of the practice run (new/learning/review mean nothing here)
    remaining = window.study.remaining.text()
    assert remaining == f"Practice · {session.remaining.total} left · schedule unchanged"
    assert "New" not in remaining and "Practice" not in window.study.deck_label.text()
    for _ in range(5):
        answer_by_keyboard(qtbot, window, session, {"truefalse": "wrong"})
    assert core.store.all_progress() == {}
    reviews = list(core.store.iter_reviews())
    assert len(reviews) == 5 and all(r.mode == StudyMode.PRACTICE for r in reviews)
    assert all(r.before == r.after for r in reviews)
    press(qtbot, window, Qt.Key.Key_Escape)  # leave: the summary says nothing was rescheduled
    assert window.stack.currentWidget() is window.summary
    assert "schedule was not changed" in window.summary.subtitle.text()
    assert window.summary.values["Answers"].text() == "5"
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library
    assert core.counts("ui-sample").new == 12


def test_custom_study_by_tag(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    press(qtbot, window, Qt.Key.Key_C)
    dialog = window.findChild(QApplication.activeModalWidget().__class__, "customStudyDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.tag.setCurrentIndex(dialog.tag.findText("safety"))
    dialog.accept()
    settle()
    session = window.nav.session
    assert session.selection.tag == "safety"
    assert "safety" in session.current.card.tags


def test_empty_library_says_where_decks_go(qtbot, data_dir, start_app):
    running = start_app(data_dir, deck_dirs=())
    lib = running.window.library
    assert lib.tree.topLevelItemCount() == 0
    assert lib.empty.isVisible()
    assert str(running.core.paths.user_decks_dir) in lib.empty.text()
    assert not lib.study_button.isEnabled()
