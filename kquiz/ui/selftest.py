"""The Qt half of ``kquiz self-test``: open the real main window and a stats chart, render them
offscreen and check that something was actually drawn. (The CLI may not import Qt itself.)

Each check returns a short description on success and raises ``SelfTestFailure`` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QElapsedTimer,
    QEventLoop,
    QModelIndex,
    QThread,
)
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView

    from kquiz.app import Core, StatsReport
    from kquiz.ui.launch import Running
    from kquiz.ui.library.model import LibraryData

WAIT_MS = 30_000


class SelfTestFailure(Exception):
    """A self-test step did not do what it should; the message says what was wrong."""


def _wait_until(done: Callable[[], bool], what: str, timeout_ms: int = WAIT_MS) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not done():
        if timer.elapsed() > timeout_ms:
            raise SelfTestFailure(f"timed out after {timeout_ms / 1000:.0f} s waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)


def _drawn(widget: QWidget, what: str) -> str:
    """Grab the widget into a QPixmap; it must be non-null and show more than a blank fill."""
    widget.resize(widget.size().expandedTo(widget.minimumSizeHint()))
    pixmap = widget.grab()
    if pixmap.isNull() or pixmap.width() < 50 or pixmap.height() < 50:
        raise SelfTestFailure(f"{what} rendered to an empty pixmap ({pixmap.width()}x{pixmap.height()})")
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), step_x) for y in range(0, image.height(), step_y)
    }
    if len(colours) < 8:
        raise SelfTestFailure(f"{what} rendered as a near-blank image ({len(colours)} colours)")
    return f"{pixmap.width()}x{pixmap.height()} px, {len(colours)} colours sampled"


def visible_texts(root: QWidget) -> list[str]:
    """Texts a person could read in the widget tree: labels, buttons, item views."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts.extend(_model_texts(widget.model()))
    return texts


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None, depth: int = 0) -> list[str]:
    parent = parent if parent is not None else QModelIndex()
    out: list[str] = []
    for row in range(model.rowCount(parent)):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            value = model.data(index)
            if value is not None:
                out.append(str(value))
            if column == 0 and depth < 3 and model.hasChildren(index):
                out.extend(_model_texts(model, index, depth + 1))
    return out


def render_main_window(core: Core) -> tuple[str, Running]:
    """Build the app's main window on ``core`` (as ``kquiz`` does), wait for the library, render it.

    Returns (description, running app); the caller closes the running app when done.
    """
    from kquiz.ui.errors import shown_messages
    from kquiz.ui.launch import build_app

    errors_before = len(shown_messages())
    running = build_app(core.paths.data_dir, core=core, load=False)
    if running is None:
        raise SelfTestFailure(f"another kquiz holds the self-test folder {core.paths.data_dir}")
    loaded: list[LibraryData] = []
    running.window.loader.loaded.connect(loaded.append)
    running.window.loader.load()
    _wait_until(lambda: bool(loaded), "the deck library to load")
    new_errors = shown_messages()[errors_before:]
    if new_errors:
        raise SelfTestFailure(f"the window showed an error: {new_errors[0]}")
    running.window.resize(1100, 720)
    _wait_until(lambda: running.window.isVisible(), "the main window to show")
    texts = "\n".join(visible_texts(running.window))
    missing = [deck.title for deck in core.library.decks if deck.title not in texts]
    if missing:
        raise SelfTestFailure(f"the library does not list {missing}")
    return f"{_drawn(running.window, 'the main window')}, lists {len(core.library.decks)} decks", running


def render_stats_chart(core: Core, parent: QWidget | None = None) -> str:
    """Open the stats window on ``core`` and render its first chart that has data."""
    from PySide6.QtCharts import QChartView

    from kquiz.ui.stats.window import StatsWindow

    window = StatsWindow(core, parent)
    reports: list[StatsReport] = []
    ready = getattr(window, "report_ready", None)  # emitted once the charts show the report
    if ready is not None:
        ready.connect(reports.append)
    window.resize(1000, 760)
    window.show()

    def charted() -> list[QChartView]:
        return [v for v in window.findChildren(QChartView) if v.chart() is not None and v.chart().series()]

    try:
        _wait_until(lambda: bool(charted()) and (ready is None or bool(reports)), "a stats chart with data")
        rendered = []
        for view in charted():
            title = view.chart().title() or view.objectName() or "chart"
            rendered.append(f"{title!r}: {_drawn(view, f'the stats chart {title!r}')}")
        return f"{len(rendered)} charts drawn, first {rendered[0]}"
    finally:
        window.close()
