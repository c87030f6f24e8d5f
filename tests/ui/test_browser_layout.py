"""The Browse window on a small screen with a large font: 800×600 and an 18 pt application font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from kquiz.ui.browser.window import BrowserWindow

from .keys import settle

DECKS = Path(__file__).resolve().parents[2] / "decks"  # the bundled decks: long titles and words
LONG_TITLE = "History: 120 scheduled, 30 practice answers · progress reset since (new again)"


def on_window(window: QWidget, widget: QWidget) -> bool:
    return window.rect().contains(QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()))


def test_the_browser_fits_800_by_600_with_an_18_pt_font(qtbot, data_dir, start_app, tmp_path: Path):
    core = start_app(data_dir, deck_dirs=(DECKS,)).core
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = QFont(normal)
    big.setPointSize(18)
    app.setFont(big)
    try:
        browser = BrowserWindow(core, QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(browser)
        browser.resize(800, 600)
        browser.show()
        qtbot.waitExposed(browser)
        qtbot.waitUntil(lambda: browser.model.rowCount() > 0)
        rows = browser.model.rows
        browser.table.selectRow(max(range(len(rows)), key=lambda i: len(rows[i].topic_title)))
        browser.search.setText("is:" + "x" * 60)  # a long query error
        browser.run_search()
        browser.panel.history_title.setText(LONG_TITLE)
        settle()

        # long messages wrap: the window's minimum still fits the screen and it keeps its size
        hint = browser.minimumSizeHint()
        assert hint.width() <= 800 and hint.height() <= 600
        assert browser.size() == QSize(800, 600)
        assert browser.error.isVisible() and browser.error.height() > browser.error.fontMetrics().height()
        for widget in (browser.search, browser.count, browser.error, browser.table, browser.panel):
            assert widget.isVisible() and on_window(browser, widget), widget.objectName()
        assert browser.search.width() >= 20 * browser.search.fontMetrics().averageCharWidth()

        # the side panel shows the whole card, at the application's size: no sideways scrolling
        scroll = browser.panel.findChild(QScrollArea)
        assert scroll is not None and scroll.horizontalScrollBar().maximum() == 0
        prompt = browser.panel.card.findChild(QLabel, "cardPrompt")
        assert prompt is not None and prompt.isVisible() and prompt.font().pointSize() >= 18

        # every column's title fits it, and the table scrolls sideways to the last one
        header = browser.table.horizontalHeader()
        shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        assert all(header.sectionSize(i) >= header.sectionSizeHint(i) for i in shown)
        bar = browser.table.horizontalScrollBar()
        bar.setValue(bar.maximum())
        settle()
        last = max(shown, key=header.sectionPosition)
        right = header.sectionViewportPosition(last) + header.sectionSize(last)
        assert header.sectionViewportPosition(last) >= 0 and right <= browser.table.viewport().width()
        browser.close()
    finally:
        app.setFont(normal)
