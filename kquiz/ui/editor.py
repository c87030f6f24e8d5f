"""Open a deck file at a line: $VISUAL/$EDITOR with +LINE, else the desktop's handler."""

from __future__ import annotations

import os

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_at_line(path: str, line: int) -> str:
    """Try to open ``path`` at ``line``; returns what was done, for the status line."""
    where = f"{path}:{line}" if line else path
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        import shlex
        import subprocess  # (selectors, signal, locale): when an editor is opened, not with the study screen

        argv = shlex.split(editor)
        if line:
            argv.append(f"+{line}")
        argv.append(path)
        try:
            subprocess.Popen(argv, stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as exc:
            return f"Could not start {argv[0]} ({exc.strerror}); the card is at {where}"
        return f"Opened {where} in {argv[0]}"
    if QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
        return f"Opened {path}; the card is at line {line}" if line else f"Opened {path}"
    return f"The card is at {where}"
