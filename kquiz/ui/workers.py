"""Slow work off the UI thread: a QRunnable on the global QThreadPool that reports by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

T = TypeVar("T")


class WorkerSignals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    """Runs ``fn()`` in a pool thread; emits ``done(result)`` or ``failed(exception)``."""

    def __init__(self, fn: Callable[[], object]):
        super().__init__()
        self.fn = fn
        self.signals = WorkerSignals()
        self.setAutoDelete(False)  # the Python side keeps it (and its signals) alive

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # reported to the UI thread, shown by the error hook
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.done, result)

    def _report(self, signal: SignalInstance, value: object) -> None:
        """Emit, unless the app is gone: a job that outlives it (kquiz quit while the job ran; the
        pool finishes it at exit) finds its signals' QObject deleted by Qt's teardown, and nobody
        is left to tell. Emitting then raised "Signal source has been deleted" into the error hook."""
        if not shiboken6.isValid(self.signals):
            return
        try:
            signal.emit(value)
        except RuntimeError:
            if shiboken6.isValid(self.signals):  # not the teardown race: a real error
                raise


_running: set[Worker] = set()


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], object],
    on_failed: Callable[[BaseException], object],
) -> Worker:
    """Start ``fn`` on the global thread pool; the callbacks run on the UI thread."""
    worker = Worker(fn)

    def finish_ok(result: T) -> None:
        _running.discard(worker)
        on_done(result)

    def finish_bad(exc: BaseException) -> None:
        _running.discard(worker)
        on_failed(exc)

    worker.signals.done.connect(finish_ok)
    worker.signals.failed.connect(finish_bad)
    _running.add(worker)
    QThreadPool.globalInstance().start(worker)
    return worker


def wait_idle(msecs: int = 30000) -> bool:
    """Block until the pool is idle (used at shutdown and in tests)."""
    return QThreadPool.globalInstance().waitForDone(msecs)
