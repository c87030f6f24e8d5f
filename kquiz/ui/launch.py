"""Start the desktop app: one instance per data folder, log file, theme, error hook, main window.

``build_app`` does everything but the event loop, so tests and the screenshot script drive
the very same window ``kquiz`` opens.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt and the core are imported when the app starts, not when this module is
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from kquiz.app import Core
    from kquiz.ui.main_window import MainWindow
    from kquiz.ui.single_instance import SingleInstance


@dataclass
class Running:
    app: QApplication
    core: Core
    window: MainWindow
    instance: SingleInstance
    closed: bool = False
    unfollow: Callable[[], object] | None = None

    def close(self) -> None:
        """Close the window, wait for workers, release the data folder (idempotent)."""
        from kquiz.ui.workers import wait_idle

        if self.closed:
            return
        self.closed = True
        if self.unfollow is not None:
            self.unfollow()
        self.window.close()
        wait_idle()
        self.core.close()
        self.instance.release()


def qt_app(argv: Sequence[str] | None = None) -> QApplication:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from kquiz import __version__
    from kquiz.ui.theme import FUSION_SET

    app = QApplication.instance()
    if app is not None and not isinstance(app, QApplication):
        raise RuntimeError("kquiz needs a QApplication; this process runs a QCoreApplication")
    if app is None:
        QCoreApplication.setApplicationName("kquiz")
        QCoreApplication.setOrganizationName("kquiz")
        QCoreApplication.setApplicationVersion(__version__)
        # Fusion from the start (as Qt's -style option): asking app.style() for its name builds
        # PySide6's QStyle type with its ~700 enum members, ~10 ms of every start.
        app = QApplication([*(argv or sys.argv[:1]), "-style", "fusion"])
        app.setProperty(FUSION_SET, True)
        app.setDesktopFileName("kquiz")
        _set_window_icon(app)
    app.setApplicationName("kquiz")
    app.setOrganizationName("kquiz")
    return app


def build_app(
    data_dir: str | Path | None = None, *, core: Core | None = None, load: bool = True, **core_options: Any
) -> Running | None:
    """Everything ``run_app`` does before ``exec()``; None when another kquiz has this folder."""
    from kquiz.app import open_core, resolve_paths
    from kquiz.app.logs import setup_logging
    from kquiz.app.startup import check_data_dir
    from kquiz.ui import theme
    from kquiz.ui.errors import install_excepthook
    from kquiz.ui.main_window import MainWindow
    from kquiz.ui.recovery import start_auto_backup
    from kquiz.ui.single_instance import SingleInstance, ask_running_instance_to_raise
    from kquiz.ui.ui_settings import ui_settings

    app = qt_app()
    paths = resolve_paths(data_dir)
    check_data_dir(paths)  # missing: created; unwritable: a clear StorageError before anything else
    setup_logging(paths.data_dir)  # kquiz.log there: the error hook logs unexpected errors to it
    instance = SingleInstance(paths.data_dir)
    if not instance.claim(listen=False):  # the lock now; raise requests once the library is drawn
        if not ask_running_instance_to_raise(paths.data_dir):
            print(f"kquiz: another kquiz is using {paths.data_dir}", file=sys.stderr)
        return None
    install_excepthook()
    try:
        core = core or open_core(paths.data_dir, **core_options)
    except BaseException:
        instance.release()
        raise
    settings = core.settings()
    theme.apply(app, settings.theme, settings.font_size)
    unfollow = theme.follow_system(app, lambda: core.settings().theme, lambda: core.settings().font_size)
    window = MainWindow(core, ui_settings(paths.data_dir))
    instance.raise_requested.connect(window.bring_to_front)
    window.show()
    window.activateWindow()  # keyboard shortcuts need the active window (also where no window manager gives it)
    start_auto_backup(core)  # daily backup, off the UI thread
    window.show_library()
    _listen_when_drawn(window, instance)
    if load:
        window.loader.load()
    return Running(app, core, window, instance, unfollow=unfollow)


LISTEN_AFTER_MS = 1000  # the single-instance server (QtNetwork, ~40 ms) starts this long after the counts are
# drawn: not in the way of a learner who presses Enter at once for the first card
LISTEN_AT_LATEST_MS = 5000  # … or this long after the start (a long first load, or no load)


def _listen_when_drawn(window: MainWindow, instance: SingleInstance) -> None:
    """Start the single-instance server (QtNetwork) after the first screen, not before it."""
    from PySide6.QtCore import QTimer

    def drawn(_data: object) -> None:
        if not window.loader.busy:
            QTimer.singleShot(LISTEN_AFTER_MS, instance, instance.listen)

    window.loader.loaded.connect(drawn)
    window.loader.counted.connect(drawn)
    QTimer.singleShot(LISTEN_AT_LATEST_MS, instance, instance.listen)


def _quit_on_signals(app: QApplication) -> None:
    """Ctrl+C or a polite kill closes the window normally (geometry saved, lock released)."""
    import signal

    from PySide6.QtCore import QTimer

    def quit_now(*_: object) -> None:
        running_windows = [w for w in app.topLevelWidgets() if w.objectName() == "mainWindow"]
        for window in running_windows:
            window.close()
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, quit_now)
    timer = QTimer(app)  # lets the Python signal handlers run while Qt's loop is idle
    timer.start(300)
    timer.timeout.connect(lambda: None)


def _set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from kquiz.app import app_icon_file

    icon = app_icon_file()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))


def run_app(data_dir: str | None = None) -> int:
    from kquiz.errors import KQuizError
    from kquiz.ui.errors import show_error
    from kquiz.ui.recovery import start_with_recovery

    app = qt_app()
    try:
        running = start_with_recovery(build_app, data_dir)  # damaged/too-new file: ask, maybe restore
    except KQuizError as exc:  # e.g. a progress file from a newer kquiz: say so, touch nothing
        box = show_error(exc)
        if box is not None:
            box.finished.connect(app.quit)
            app.exec()
        return 1
    if running is None:
        return 0
    _quit_on_signals(app)
    code = app.exec()
    running.close()
    return code
