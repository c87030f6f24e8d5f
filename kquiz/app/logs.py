"""The log file: ``kquiz.log`` in the data folder, rotating, for errors a learner cannot see otherwise.

The Windows bundle has no console, so an unexpected error printed to stderr is lost. The app and
the CLI call ``setup_logging`` once at start; the UI's error hook logs unexpected exceptions (with
their traceback) to the ``kquiz`` logger. When the data folder cannot be written, the log goes to
stderr instead, quietly (no complaint about the log itself).

Only the ``kquiz`` logger is configured (never the root logger), and calling ``setup_logging``
again replaces the handler it installed before (tests and the self-test open several data folders).
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kquiz.paths import resolve_paths

LOG_NAME = "kquiz.log"
MAX_BYTES = 256 * 1024  # per file; with the backups at most ~1 MB on disk
BACKUPS = 3  # kquiz.log.1 … kquiz.log.3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

logger = logging.getLogger("kquiz")
_HANDLER_NAME = "kquiz-log"


def setup_logging(data_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Send the ``kquiz`` logger to ``kquiz.log`` in the data folder; returns the file, or None
    when the folder is missing or not writable (then records go to stderr).

    The file is opened on the first record, so a run that logs nothing leaves no file; the folder
    is never created here (``kquiz schema`` must not make a data folder).
    """
    folder = resolve_paths(data_dir).data_dir
    path = folder / LOG_NAME
    handler: logging.Handler
    if _writable(folder, path):
        handler = _LogFile(path)
        result: Path | None = path
    else:
        handler = logging.StreamHandler(sys.stderr)
        result = None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return result


class _LogFile(logging.Handler):
    """A rotating log file opened on the first record. ``logging.handlers`` (which imports socket,
    pickle and queue) is imported then too, not at every start."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
            )
            self._file.setFormatter(self.formatter)
            self._file.handleError = self.handleError  # type: ignore[method-assign]
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()

    def handleError(self, record: logging.LogRecord) -> None:
        """The file could not be written after all (a full disk, a file locked on Windows): the
        record goes to stderr, without logging's "--- Logging error ---" report."""
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:  # nowhere left to report to
            pass


def log_file() -> Path | None:
    """The file ``setup_logging`` chose last (None: stderr, or not set up)."""
    for handler in logger.handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, _LogFile):
            return handler.path
    return None


def _writable(folder: Path, path: Path) -> bool:
    try:
        if path.exists():
            return path.is_file() and os.access(path, os.W_OK)
        return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        return False
