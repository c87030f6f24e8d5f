"""One error hierarchy for kquiz. The UI and the CLI each show these in exactly one place.

Every message is plain words meant for the person using kquiz, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


class KQuizError(Exception):
    """Base of every error kquiz raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a deck file, at a place in it (line and column are 1-based)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    card_id: str | None = None
    hint: str | None = None  # what to change, in plain words (shown under the message)
    excerpt: str | None = None  # the text of the offending line, for a caret under the column

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"

    def caret(self) -> str:
        """The offending line with a caret under the column, as compilers show it ('' if unknown)."""
        if self.excerpt is None or self.line is None:
            return ""
        text = self.excerpt.rstrip("\r\n")
        col = max(1, self.column or 1)
        start = max(0, col - 1 - (_EXCERPT_WIDTH - 20)) if len(text) > _EXCERPT_WIDTH else 0
        shown = text[start : start + _EXCERPT_WIDTH]
        lead = "…" if start else ""
        tail = "…" if start + _EXCERPT_WIDTH < len(text) else ""
        pad = "".join("\t" if c == "\t" else " " for c in text[start : col - 1])
        gutter = " " * len(str(self.line))
        return f"{self.line} | {lead}{shown}{tail}\n{gutter} | {' ' * len(lead)}{pad}^"

    def render(self) -> str:
        """``path:line:col: message``, then the caret excerpt and the hint, each when known."""
        parts = [str(self)]
        caret = self.caret()
        if caret:
            parts.append(_indent(caret))
        if self.hint:
            parts.append(_indent(f"hint: {self.hint}"))
        return "\n".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "card_id": self.card_id,
            "hint": self.hint,
            "excerpt": self.caret() or None,
        }


_EXCERPT_WIDTH = 100


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.split("\n"))


class DeckError(KQuizError):
    """A deck could not be loaded; ``problems`` lists every problem found in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid deck")


class DeckNotFound(KQuizError):
    """No loaded deck has the id asked for."""


class StorageError(KQuizError):
    """The progress store could not be read or written."""


class SchemaTooNew(StorageError):
    """The progress file was written by a newer kquiz; it is left untouched."""


class CorruptStore(StorageError):
    """The progress file is damaged (integrity check failed, not a database, truncated)."""


class SettingsError(KQuizError):
    """A setting is out of its allowed range."""


class SessionError(KQuizError):
    """A study-session action that does not fit the session's current state."""


class InteropError(KQuizError):
    """An import or export failed; carries the problems with their line numbers when known."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        self.problems: list[Problem] = list(problems)
        super().__init__(message)
