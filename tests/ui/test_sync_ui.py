"""Sync in the app: Settings → Sync folder, a round off the UI thread installed on it (the owner-thread
checks are on), answers from another data folder in the library's counts, the status line."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kquiz.app import Selection, open_core
from kquiz.app.sync import set_folder, status, sync_round
from kquiz.clock import FixedClock
from kquiz.domain import Rating

from .conftest import SAMPLE_DECK, START
from .keys import press, show_loaded, type_text


def _answer_elsewhere(data: Path, shared: Path, n: int) -> None:
    """Another computer: answers n cards and syncs them into the shared folder."""
    with open_core(
        data, clock=FixedClock(START), extra_deck_dirs=[SAMPLE_DECK], include_bundled=False
    ) as core:
        core.load_library()
        set_folder(core, shared)
        session = core.start_session(Selection(deck_ids=("ui-sample",)))
        for _ in range(n):
            session.reveal()
            session.rate(Rating.GOOD)
        assert sync_round(core) is not None


def test_sync_folder_from_settings_then_rounds_off_the_ui_thread(start_app, qtbot, tmp_path: Path) -> None:
    shared = tmp_path / "Sync"
    shared.mkdir()
    _answer_elsewhere(tmp_path / "laptop", shared, 2)
    running = start_app(tmp_path / "desktop")
    window = running.window
    assert not window.library.sync_status.isVisible()  # sync is off
    window.nav.open_settings()
    dialog = window.nav.settings_dialog
    dialog.sync_folder.setText(str(shared))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: len(list(running.core.store.iter_reviews())) == 2, timeout=10000)
    qtbot.waitUntil(lambda: window.library.sync_status.text().startswith("Synced"), timeout=5000)
    assert "1 other device" in window.library.sync_status.text()
    assert window.library.sync_status.isVisible()
    assert status(running.core).folder == shared.resolve()
    assert len(running.core.store.all_progress()) == 2


def test_sync_folder_set_from_the_keyboard(start_app, qtbot, tmp_path: Path) -> None:
    """Ctrl+, opens Settings, Alt+Y goes to the sync folder, the path is typed, Enter saves: a round
    runs and the library's status line says so."""
    shared = tmp_path / "Sync"
    shared.mkdir()
    _answer_elsewhere(tmp_path / "laptop", shared, 3)
    running = start_app(tmp_path / "desktop")
    window = show_loaded(qtbot, running)
    press(qtbot, window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.nav.settings_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible(), timeout=5000)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    press(qtbot, dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.sync_folder
    type_text(qtbot, dialog, str(shared))
    press(qtbot, dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: len(list(running.core.store.iter_reviews())) == 3, timeout=10000)
    qtbot.waitUntil(
        lambda: window.library.sync_status.text() == "Synced just now · 1 other device", timeout=5000
    )
    assert window.library.sync_status.isVisible() and status(running.core).folder == shared.resolve()


def test_a_merge_is_installed_off_the_ui_thread(start_app, qtbot, tmp_path: Path, monkeypatch) -> None:
    """The real runner's round, from reading to the store write: the write (spied on, then done for
    real) runs on a worker thread, never on the UI thread that owns the core."""
    import kquiz.storage.journal as journal

    shared = tmp_path / "Sync"
    shared.mkdir()
    _answer_elsewhere(tmp_path / "laptop", shared, 3)
    with open_core(tmp_path / "desktop", clock=FixedClock(START), include_bundled=False) as core:
        set_folder(core, shared)  # the app starts with sync on: a round at start
    writers: list[int] = []
    real_write = journal._write

    def spied(*args: Any) -> None:
        writers.append(threading.get_ident())
        real_write(*args)

    monkeypatch.setattr(journal, "_write", spied)
    running = start_app(tmp_path / "desktop")
    qtbot.waitUntil(lambda: len(list(running.core.store.iter_reviews())) == 3, timeout=10000)
    qtbot.waitUntil(lambda: not running.window.sync.running, timeout=5000)
    assert writers and threading.get_ident() not in writers
    assert len(running.core.store.all_progress()) == 3  # installed whole: answers and progress
    qtbot.waitUntil(lambda: "1 other device" in running.window.library.sync_status.text(), timeout=5000)
