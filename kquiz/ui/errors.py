"""The one place the desktop app shows errors.

``show_error`` puts a kquiz error's message (plain words, never a traceback) in a
window-modal dialog. ``install_excepthook`` routes every uncaught exception here,
so a slot that raises ends in the same dialog. Screens call ``guarded`` around
actions that may raise: the error is shown and the action simply does not happen.
An unexpected error is logged with its traceback (``kquiz.log`` in the data folder, see
kquiz/app/logs.py); the dialog's "Copy details" puts version, platform and traceback on the
clipboard for a bug report. ``notify`` is for notices that need no decision: the status bar.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QPushButton, QWidget

from kquiz import __version__
from kquiz.errors import DeckError, KQuizError

log = logging.getLogger("kquiz.ui")

_shown: list[str] = []  # messages shown in this process, newest last (read by tests and logs)


def message_for(exc: BaseException) -> tuple[str, str]:
    """(title, text) for an exception: kquiz errors speak for themselves."""
    if isinstance(exc, DeckError):
        return "Deck problem", str(exc)
    if isinstance(exc, KQuizError):
        return "kquiz", str(exc) or type(exc).__name__
    return "Unexpected error", (
        f"Something went wrong inside kquiz ({type(exc).__name__}: {exc}).\n"
        "Your progress up to the last answer is saved."
    )


def _parent() -> QWidget | None:
    app = QApplication.instance()
    if app is None:
        return None
    return QApplication.activeWindow() or next(
        (w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible()), None
    )


def error_details(exc: BaseException) -> str:
    """What "Copy details" copies: version, platform and (for an unexpected error) the traceback."""
    import platform  # compiles regexes at import: only when details are asked for

    lines = [
        f"kquiz {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        f"OS: {platform.platform()}",
        "",
    ]
    if isinstance(exc, KQuizError):
        lines.append(f"{type(exc).__name__}: {exc}")
    else:
        lines.extend(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def show_error(exc: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    """Show one error in a dialog (non-blocking, window-modal). Returns the dialog."""
    title, text = message_for(exc)
    _shown.append(text)
    if not isinstance(exc, KQuizError):  # to kquiz.log (stderr when the data folder is not writable)
        log.error(
            "Unexpected error: %s: %s", type(exc).__name__, exc, exc_info=(type(exc), exc, exc.__traceback__)
        )
    if QApplication.instance() is None:
        print(f"kquiz: {text}", file=sys.stderr)
        return None
    box = QMessageBox(parent or _parent())
    box.setObjectName("errorDialog")
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, KQuizError) else QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    _add_copy_button(box, error_details(exc))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def _add_copy_button(box: QMessageBox, details: str) -> None:
    """A "Copy details" button that copies and leaves the dialog open (QMessageBox closes on any
    of its buttons, so the button's own connection to the box is cut)."""
    button = QPushButton("Copy details")
    button.setObjectName("copyDetails")
    button.setToolTip("Copy the kquiz version, your system and the error's details, for a bug report")
    box.addButton(button, QMessageBox.ButtonRole.ActionRole)
    button.clicked.disconnect()

    def copy() -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(details)
        button.setText("Copied")

    button.clicked.connect(copy)
    box.setDefaultButton(QMessageBox.StandardButton.Ok)


def notify(text: str, parent: QWidget | None = None, timeout_ms: int = 5000) -> None:
    """A notice that needs no decision ("Decks are still loading…"): shown for ``timeout_ms`` in the
    status bar of ``parent``'s main window (else the active one), never in a modal dialog."""
    window = parent.window() if parent is not None else _parent()
    if not isinstance(window, QMainWindow):
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()), None
        )
    if window is None:
        log.info("notice: %s", text)
        return
    window.statusBar().showMessage(text, timeout_ms)


def shown_messages() -> list[str]:
    return list(_shown)


@contextmanager
def guarded(parent: QWidget | None = None) -> Iterator[None]:
    """Run a UI action; a kquiz error is shown instead of escaping into Qt."""
    try:
        yield
    except KQuizError as exc:
        show_error(exc, parent)


def install_excepthook() -> None:
    """Uncaught exceptions (including from slots) go to ``show_error``."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            show_error(exc)
        except Exception:  # the dialog itself failed: fall back to the terminal
            previous(exc_type, exc, tb)

    sys.excepthook = hook
