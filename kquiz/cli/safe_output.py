"""Terminal control characters in deck text never reach the terminal raw (issue 21).

A deck title such as ``"Deck\\e]0;pwned\\a\\e[2J"`` printed as is would retitle the terminal window and
clear the screen. While a CLI command runs, its stdout and stderr escape every C0 control character
but tab and newline, DEL and the C1 controls, as ``\\x1b``; the app shows the same text as plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

_CONTROLS = [c for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (0x09, 0x0A)]
_TABLE = {c: f"\\x{c:02x}" for c in _CONTROLS}


def escape_controls(text: str) -> str:
    """``text`` with control characters written as ``\\xNN`` (tab and newline kept)."""
    return text.translate(_TABLE)


class _Escaping:
    """A text stream that escapes control characters, otherwise the stream it wraps."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_TABLE))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Escape control characters in everything printed to stdout and stderr inside the block."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(out), _Escaping(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
