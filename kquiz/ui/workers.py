"""Slow work off the UI thread: a QRunnable on the global QThreadPool that reports by signal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


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
