"""The Browse window on the real app (temp data dir, sample deck), keyboard first."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from kquiz.ui.browser.window import BrowserWindow

from .keys import press, settle, type_text

CTRL, SHIFT, ALT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.AltModifier,
)


def open_browser(qtbot, window) -> BrowserWindow:
    press(qtbot, window, Qt.Key.Key_B, CTRL)
    browser = window.browser
    qtbot.waitExposed(browser)
    browser.activateWindow()
    qtbot.waitUntil(lambda: browser.index is not None and not browser.timer.isActive())
    settle()
    return browser


def search(qtbot, browser: BrowserWindow, text: str) -> None:
    press(qtbot, browser, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is browser.search
    browser.search.clear()
    type_text(qtbot, browser, text)
    qtbot.waitUntil(lambda: not browser.timer.isActive())
    settle()


def questions(browser: BrowserWindow) -> list[str]:
    return [r.question for r in browser.model.rows]


def test_suspend_in_a_session_then_unsuspend_it_in_the_browser_by_keys(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_Return)  # study the selected deck
    session = window.nav.session
    card = session.current.key
    press(qtbot, window, Qt.Key.Key_S)
    assert core.store.get(card).suspended
    browser = open_browser(qtbot, window)  # Ctrl+B from a session
    assert browser.search.text() == "deck:ui-sample" and browser.model.rowCount() == len(
        core.deck("ui-sample").cards
    )
    search(qtbot, browser, "is:suspended")
    assert [r.key for r in browser.model.rows] == [card]
    press(qtbot, browser, Qt.Key.Key_Down)  # from the search field to the table, first row selected
    assert QApplication.focusWidget() is browser.table and browser.selected_keys() == [card]
    press(qtbot, browser, Qt.Key.Key_J, CTRL | SHIFT)
    assert not core.store.get(card).suspended
    assert browser.statusBar().currentMessage() == "1 card unsuspended."
    settle()
    assert browser.model.rowCount() == 0  # the search ran again
    press(qtbot, browser, Qt.Key.Key_Z, CTRL)
    assert core.store.get(card).suspended and "Undone" in browser.statusBar().currentMessage()
    press(qtbot, browser, Qt.Key.Key_J, CTRL | SHIFT)  # nothing selected now: nothing changes
    assert core.store.get(card).suspended


def test_search_sort_select_and_the_history_panel(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    studied = session.current
    press(qtbot, window, Qt.Key.Key_Space)  # show the answer (or accept a flip card)
    settle()
    if session.current is not None and session.current.key == studied.key:
        press(qtbot, window, Qt.Key.Key_3)
    press(qtbot, window, Qt.Key.Key_Escape)
    browser = open_browser(qtbot, window)
    search(qtbot, browser, "receptor")
    found = browser.model.rowCount()
    assert 0 < found < 12 and all("receptor" in r.text for r in browser.model.rows)
    browser.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # Question
    assert questions(browser) == sorted(questions(browser), key=str.lower)
    browser.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert questions(browser) == sorted(questions(browser), key=str.lower, reverse=True)
    search(qtbot, browser, "-is:new")
    assert [r.key for r in browser.model.rows] == [studied.key]
    press(qtbot, browser, Qt.Key.Key_Down)
    panel = browser.panel
    assert panel.card.prompt.text() == studied.prompt
    assert panel.history.topLevelItemCount() == 1
    assert panel.history.topLevelItem(0).text(1) == "scheduled"
    assert panel.history_title.text().startswith("History: 1 scheduled")
    assert browser.count.text() == "1 of 12 cards · 1 selected"
    assert core.store.get(studied.key).memory.reps == 1
    press(qtbot, browser, Qt.Key.Key_N, CTRL | ALT)  # reset: asks, then the history says so
    browser.dialog.button(QMessageBox.StandardButton.Yes).click()
    settle()
    search(qtbot, browser, f"card:{studied.key.card_id}")
    press(qtbot, browser, Qt.Key.Key_Down)
    assert panel.history.topLevelItemCount() == 1
    assert panel.history_title.text().endswith("progress reset since (new again)")


def test_a_bad_query_shows_its_error_and_keeps_the_last_results(qtbot, data_dir, start_app):
    browser = open_browser(qtbot, start_app(data_dir).window)
    search(qtbot, browser, "type:choice")
    kept = browser.model.rowCount()
    assert kept > 0 and browser.error.isHidden()
    type_text(qtbot, browser, " (is:sleepy")
    qtbot.waitUntil(lambda: not browser.timer.isActive())
    settle()
    assert not browser.error.isHidden()
    assert "is:sleepy" in browser.error.text() and "column 17" in browser.error.text()
    assert browser.model.rowCount() == kept


def test_reset_asks_then_undo_brings_the_progress_back(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    browser = open_browser(qtbot, window)
    search(qtbot, browser, "type:typed")
    press(qtbot, browser, Qt.Key.Key_Down)
    key = browser.selected_keys()[0]
    press(qtbot, browser, Qt.Key.Key_D, CTRL | SHIFT)  # set due date: asks for the days
    dialog = browser.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue("3")
    dialog.accept()
    settle()
    assert browser.statusBar().currentMessage() == "1 card rescheduled."
    assert browser.model.rows[0].due_days == 3
    due_col = [c.name for c in browser.model.columns].index("due")
    assert browser.model.index(0, due_col).data() == "in 3d"
    before = core.store.get(key)
    press(qtbot, browser, Qt.Key.Key_N, CTRL | ALT)
    box = browser.dialog
    assert isinstance(box, QMessageBox) and core.store.get(key) == before  # nothing yet
    box.button(QMessageBox.StandardButton.Yes).click()
    settle()
    assert core.store.get(key) is None  # forgotten: new again
    assert browser.model.rows[0].state == "new"
    press(qtbot, browser, Qt.Key.Key_Z, CTRL)
    assert core.store.get(key) == before


def test_hidden_columns_are_remembered(qtbot, tmp_path, data_dir, start_app):
    core = start_app(data_dir).core
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    first = BrowserWindow(core, settings)
    qtbot.addWidget(first)
    header = first.table.horizontalHeader()
    assert header.isSectionHidden(7)  # stability: hidden at first
    first.table.set_column_visible(7, True)
    first.table.set_column_visible(0, False)
    first.table.sortByColumn(10, Qt.SortOrder.DescendingOrder)
    first.close()
    second = BrowserWindow(core, settings)
    qtbot.addWidget(second)
    header = second.table.horizontalHeader()
    assert not header.isSectionHidden(7) and header.isSectionHidden(0)
    assert header.sortIndicatorSection() == 10 and second.model.sort_column == "reviews"
    second.close()


def test_flag_two_cards_find_them_and_practise_them(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    browser = open_browser(qtbot, window)
    search(qtbot, browser, "type:choice or type:cloze")
    press(qtbot, browser, Qt.Key.Key_Down)
    press(qtbot, browser, Qt.Key.Key_Down, SHIFT)  # two rows selected
    chosen = browser.selected_keys()
    assert len(chosen) == 2
    press(qtbot, browser, Qt.Key.Key_K, CTRL)
    assert browser.statusBar().currentMessage() == "2 cards flagged."
    assert all(core.store.get(k).flagged for k in chosen)
    search(qtbot, browser, "is:flagged")
    assert {r.key for r in browser.model.rows} == set(chosen)
    press(qtbot, browser, Qt.Key.Key_Down)
    press(qtbot, browser, Qt.Key.Key_Down, SHIFT)
    press(qtbot, browser, Qt.Key.Key_Return, CTRL | SHIFT)  # practise the selection now
    qtbot.waitUntil(lambda: window.nav.session is not None)
    session = window.nav.session
    assert window.stack.currentWidget() is window.study
    assert session.current.key in chosen and session.mode.value == "practice"


def test_export_the_selection_from_the_keyboard(qtbot, tmp_path, data_dir, start_app):
    browser = open_browser(qtbot, start_app(data_dir).window)
    search(qtbot, browser, "type:typed")
    press(qtbot, browser, Qt.Key.Key_Down)
    press(qtbot, browser, Qt.Key.Key_E, CTRL | SHIFT)  # asks where
    dialog = browser.dialog
    assert dialog.isVisible()
    out = tmp_path / "typed.yaml"
    dialog.fileSelected.emit(str(out))
    dialog.reject()
    assert out.exists() and browser.statusBar().currentMessage().startswith("Exported 1 card to")


def test_a_changed_card_is_found_told_and_started_again_by_one_key(qtbot, data_dir, start_app):
    from datetime import timedelta

    from kquiz.app import Selection, open_core
    from kquiz.domain import CardKey, CardState, MemoryState, Progress, StudyMode
    from kquiz.ui.study.screen import CHANGED_NOTICE

    from .conftest import START

    key = CardKey("ui-sample", "basic-1")
    old = MemoryState(
        CardState.REVIEW, None, 5.0, 5.0, START - timedelta(days=1), START - timedelta(days=6), 3, 0
    )
    with open_core(data_dir, include_bundled=False) as core:  # studied when its text was different
        core.store.save_progress(Progress(key, old, content_hash="an older text"))
    running = start_app(data_dir)
    window, core = running.window, running.core
    assert core.store.get(key).changed
    browser = open_browser(qtbot, window)
    search(qtbot, browser, "is:changed")
    assert [r.key for r in browser.model.rows] == [key] and browser.model.rows[0].marks == "changed"
    browser.close()
    window.activateWindow()
    window.nav.start(Selection(keys=(key,)), StudyMode.SCHEDULED, "the changed card")
    qtbot.waitUntil(lambda: window.nav.session is not None)
    settle()
    assert window.study.status.text() == CHANGED_NOTICE
    press(qtbot, window, Qt.Key.Key_N, CTRL | SHIFT)
    assert core.store.get(key) is None  # forgotten: new again, no longer marked changed
    assert window.study.status.text().startswith("Progress reset")
    press(qtbot, window, Qt.Key.Key_Space)  # flip, then Good: scheduled as a new card
    press(qtbot, window, Qt.Key.Key_3)
    after = core.store.get(key).memory
    assert after.reps == 1 and after.state == CardState.LEARNING


def test_a_big_library_draws_its_first_page_then_every_card(qtbot, data_dir, start_app, monkeypatch):
    monkeypatch.setattr("kquiz.ui.browser.window.FIRST_PAGE", 2)
    running = start_app(data_dir)
    window, core = running.window, running.core
    press(qtbot, window, Qt.Key.Key_B, CTRL)
    browser = window.browser
    shown: list[int] = []
    browser.results_shown.connect(shown.append)
    total = len(core.deck("ui-sample").cards)
    qtbot.waitUntil(lambda: len(shown) >= 2)
    assert shown[0] <= 2 < total == shown[1] == browser.model.rowCount()
    assert len(browser.index.rows) == sum(len(d.cards) for d in core.library.decks)
    settle()
    assert shown == [shown[0], total]  # nothing loads a third time
