"""Sync rounds in the app: at start, after each session, every few minutes and when the shared folder
changes (QFileSystemWatcher). All of a round runs on workers: reading and merging (``prepare_round``),
then its store write (``install_round_result``: the one write allowed off the UI thread, which owns
the store, kquiz/app/core.py), never while a study session is on screen (it waits for the session
to end). The window learns of the merge by ``merged`` and redraws from the store."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kquiz.app.sync import folder, install_round_result, prepare_round, status
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app import Core
    from kquiz.app.sync import Prepared, SyncReport

EVERY_MS = 5 * 60 * 1000
SETTLE_MS = 2000  # a folder change starts a round after the engine has been quiet this long


class SyncRunner(QObject):
    status_changed = Signal(str)  # "Synced 2 min ago · 2 other devices" ("" when sync is off)
    merged = Signal(object)  # a SyncReport that brought changes from other devices

    def __init__(self, core: Core, parent: QObject | None = None, *, paused: Callable[[], bool] = bool):
        super().__init__(parent)
        self.core, self.paused = core, paused
        self.running = False
        self.again = False
        self.stopped = False
        self.started = False
        self._waiting: Prepared | None = None
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.request)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.timeout.connect(self.request)
        self.watcher: QFileSystemWatcher | None = None  # made when there is a sync folder to watch
        self.clock = QTimer(self)  # redraws "… min ago"
        self.clock.timeout.connect(self.show_status)

    def stop(self) -> None:
        """The window closes: no more rounds (one running finishes on its worker, unused)."""
        self.stopped = True
        for timer in (self.timer, self.settle, self.clock):
            timer.stop()
        if self.watcher is not None:  # its inotify instance back now (a user has 128)
            shiboken6.delete(self.watcher)
            self.watcher = None

    def start(self) -> None:
        """Begin (again, after the folder changed): a round now, then on the timer and on folder changes."""
        if self.stopped:
            return
        self.started = True
        self.timer.start(EVERY_MS)
        self.clock.start(60_000)
        self.watch()
        self.request()

    def watch(self) -> None:
        if self.watcher is not None and self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        where = folder(self.core)
        if where is None or self.stopped:
            return
        root = where / "kquiz-sync" / "v1"
        paths = [root, *(p for p in root.iterdir() if p.is_dir())] if root.is_dir() else []
        if paths:
            if self.watcher is None:
                self.watcher = QFileSystemWatcher(self)
                self.watcher.directoryChanged.connect(lambda _path: self.settle.start(SETTLE_MS))
            self.watcher.addPaths([str(p) for p in paths])

    def request(self) -> None:
        """Run a round unless one is running (then one more follows it)."""
        if self.stopped:
            return
        if folder(self.core) is None:
            self.show_status()
            return
        if self.running:
            self.again = True
            return
        self.running, self.again = True, False
        run_in_background(lambda: prepare_round(self.core), self._prepared, self._failed)

    def resume(self) -> None:
        """After a session: install a round that waited for it, then run a new one."""
        if self.stopped:
            return
        if self._waiting is not None and not self.paused():
            prepared, self._waiting = self._waiting, None
            self._install(prepared)
        self.request()

    def _prepared(self, prepared: Prepared | None) -> None:
        if self.stopped:
            return
        if prepared is None:
            self._finish()
            return
        if self.paused():
            self._waiting = prepared  # installed by resume() when the session ends
            self.running = False
            return
        self._install(prepared)

    def _install(self, prepared: Prepared) -> None:
        """On a worker too: the install writes through a connection of its own (kquiz/app/core.py)."""
        self.running = True
        run_in_background(lambda: install_round_result(self.core, prepared), self._installed, self._failed)

    def _installed(self, report: SyncReport) -> None:
        if self.stopped:
            return
        self.last_error = ""
        if not report.installed:
            self.again = True  # the store changed meanwhile (an answer): a fresh round
        elif report.received:
            self.merged.emit(report)
        self._finish()

    def _failed(self, exc: BaseException) -> None:
        if self.stopped:
            return
        self.last_error = str(exc)
        self._finish()

    def _finish(self) -> None:
        self.running = False
        self.watch()
        self.show_status()
        if self.again:
            self.request()

    def show_status(self) -> None:
        if self.stopped:
            return
        if self.last_error:
            self.status_changed.emit(f"Sync stopped: {self.last_error}")
            return
        self.status_changed.emit(status(self.core).line(self.core.clock.now()))
