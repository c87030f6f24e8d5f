"""The Stats window fits the screen, scrolls and closes from the keyboard, and warns of nothing."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt, QtMsgType
from PySide6.QtWidgets import QApplication

from kquiz.app import open_core
from kquiz.clock import FixedClock
from kquiz.ui.stats.window import StatsWindow

from .conftest import NOW


def shown(qtbot, core) -> StatsWindow:
    window = StatsWindow(core)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def test_fits_the_screen_for_every_scope_and_scrolls_and_closes(qtbot, studied):
    core, _clock = studied
    window = shown(qtbot, core)
    area = window.screen().availableGeometry()
    for index in range(window.scope.count()):
        if index != window.scope.currentIndex():
            with qtbot.waitSignal(window.report_ready, timeout=30000):
                window.scope.setCurrentIndex(index)
        QApplication.processEvents()
        assert window.width() <= area.width() and window.height() <= area.height(), index
        assert window.minimumSizeHint().width() <= area.width(), index
    # PgDn scrolls the page even with the focus in the scope box, whose choice stays put
    window.scope.setFocus()
    chosen = window.scope.currentIndex()
    bar = window.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    qtbot.keyClick(window.scope, Qt.Key.Key_PageDown)
    assert bar.value() > 0 and window.scope.currentIndex() == chosen
    qtbot.keyClick(window.scope, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(window.scope, Qt.Key.Key_Home)
    assert bar.value() == 0
    qtbot.keyClick(window.scope, Qt.Key.Key_Escape)
    assert not window.isVisible()
    again = shown(qtbot, core)
    qtbot.keyClick(again.scroll_area, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not again.isVisible()


def test_an_empty_history_prints_no_qt_warning(qtbot, qtlog, data_dir, deck_folder):
    core = open_core(data_dir, clock=FixedClock(NOW), extra_deck_dirs=[deck_folder], include_bundled=False)
    try:
        core.load_library()
        shown(qtbot, core)
        warnings = [
            r.message
            for r in qtlog.records
            if r.type != QtMsgType.QtDebugMsg and "propagateSizeHints" not in r.message
        ]
        assert warnings == []
    finally:
        core.close()
