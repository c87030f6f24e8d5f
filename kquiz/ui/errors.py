"""The one place the desktop app shows errors.

``show_error`` puts a kquiz error's message (plain words, never a traceback) in a
window-modal dialog. ``install_excepthook`` routes every uncaught exception here,
so a slot that raises ends in the same dialog. Screens call ``guarded`` around
actions that may raise: the error is shown and the action simply does not happen.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from kquiz.errors import DeckError, KQuizError

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


def show_error(exc: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    """Show one error in a dialog (non-blocking, window-modal). Returns the dialog."""
    title, text = message_for(exc)
    _shown.append(text)
    if not isinstance(exc, KQuizError):
        traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
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
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


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
