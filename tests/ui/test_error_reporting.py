"""Unexpected errors are logged to kquiz.log, the error dialog copies details for a bug report,
and a notice that needs no decision goes to the status bar, not a dialog."""

from __future__ import annotations

import platform
import sys

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from kquiz import __version__
from kquiz.ui.errors import show_error, shown_messages

from .keys import settle


def _boom() -> None:
    raise RuntimeError("the widget fell over")


def _raised() -> RuntimeError:
    try:
        _boom()
    except RuntimeError as exc:
        return exc
    raise AssertionError("unreachable")


def _error_boxes() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
    ]


def test_an_unexpected_error_through_the_hook_is_logged_with_its_traceback(qtbot, data_dir, start_app):
    start_app(data_dir)
    log = data_dir / "kquiz.log"
    assert not log.exists()  # opened on the first record: a quiet run leaves no file
    exc = _raised()
    sys.excepthook(type(exc), exc, exc.__traceback__)  # what Qt does with an exception a slot raised
    assert "RuntimeError: the widget fell over" in shown_messages()[-1]
    text = log.read_text(encoding="utf-8")
    assert "ERROR kquiz.ui" in text and "Unexpected error: RuntimeError: the widget fell over" in text
    assert "Traceback (most recent call last):" in text and "in _boom" in text
    [box] = _error_boxes()
    box.accept()


def test_copy_details_puts_version_platform_and_traceback_on_the_clipboard(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    box = show_error(_raised(), running.window)
    assert box is not None
    qtbot.waitExposed(box)
    button = box.findChild(QPushButton, "copyDetails")
    assert button is not None and button.text() == "Copy details" and button.isVisible()
    QApplication.clipboard().clear()
    button.click()
    settle(1)
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"kquiz {__version__}\n")
    assert f"Python {platform.python_version()}" in copied and "Qt 6." in copied
    assert f"OS: {platform.platform()}" in copied
    assert "Traceback (most recent call last):" in copied and "in _boom" in copied
    assert copied.rstrip().endswith("RuntimeError: the widget fell over")
    assert box.isVisible() and button.text() == "Copied"  # copying does not close the dialog
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not _error_boxes())


def test_a_kquiz_error_copies_its_message_without_a_traceback(qtbot, data_dir, start_app):
    from kquiz.errors import StorageError

    running = start_app(data_dir)
    box = show_error(StorageError("The disk is full."), running.window)
    assert box is not None
    box.findChild(QPushButton, "copyDetails").click()
    copied = QApplication.clipboard().text()
    assert "StorageError: The disk is full." in copied and "Traceback" not in copied
    assert not (data_dir / "kquiz.log").exists()  # an expected error is not a bug: not logged
    box.accept()


def test_decks_still_loading_is_a_status_bar_notice_not_a_dialog(qtbot, data_dir, start_app, tmp_path):
    running = start_app(data_dir)
    window, loader = running.window, running.window.loader
    before = len(shown_messages())
    loader.load()  # a real reload: busy until its counts are drawn
    assert loader.busy
    loader.add_folder(tmp_path)  # File → Open folder… while the decks load
    assert window.statusBar().currentMessage() == "Decks are still loading; try again in a moment."
    assert QApplication.activeModalWidget() is None and not _error_boxes()
    assert len(shown_messages()) == before
    qtbot.waitUntil(lambda: not loader.busy, timeout=20000)
    assert tmp_path.resolve() not in running.core.deck_folders()  # dropped, not queued behind the load
