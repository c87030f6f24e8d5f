"""A typed answer against the expected one, as two lines: what was typed and what was expected.

Words are aligned first (case, accents and punctuation ignored); a typed word paired with a similar
expected word is then marked letter by letter, a word with nothing in common is marked whole. The
typed line has "equal" and "extra" parts (typed, not expected), the expected line "equal" and
"missing" parts (expected, not typed); the words of each line keep their own spacing, so the lines
wrap at spaces and never run two words together ("general" against "dissociative" is one struck-out
word above one underlined word, not "gdissociativeneral").
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import NamedTuple

SIMILAR = 0.5  # two words at least this alike (difflib ratio of their letters) are diffed letter by letter
_TOKEN = re.compile(r"\S+")


class DiffPart(NamedTuple):
    """One run of a diff. ``op``: "equal", "missing" (expected, not typed) or "extra" (typed, not expected)."""

    op: str
    text: str


Line = tuple[DiffPart, ...]


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _key(word: str) -> str:
    return "".join(ch for ch in fold(word) if ch.isalnum()) or fold(word)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[DiffPart] = []

    def add(self, op: str, text: str) -> None:
        if not text:
            return
        if self.parts and self.parts[-1].op == op:
            self.parts[-1] = DiffPart(op, self.parts[-1].text + text)
        else:
            self.parts.append(DiffPart(op, text))

    def space(self) -> None:
        if self.parts:
            self.add("equal", " ")


def _letters(typed: str, expected: str, t: _Builder, e: _Builder) -> None:
    """One typed word against one expected word, letter by letter."""
    a, b = [fold(c) for c in typed], [fold(c) for c in expected]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            t.add("equal", typed[i1:i2])
            e.add("equal", expected[j1:j2])
        else:
            t.add("extra", typed[i1:i2])
            e.add("missing", expected[j1:j2])


def word_diff(expected: str, given: str) -> tuple[Line, Line]:
    """(typed line, expected line) for one answer."""
    typed_words, expected_words = _TOKEN.findall(given), _TOKEN.findall(expected)
    t, e = _Builder(), _Builder()
    keys_t, keys_e = [_key(w) for w in typed_words], [_key(w) for w in expected_words]
    matcher = difflib.SequenceMatcher(None, keys_t, keys_e, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2))) if tag in ("equal", "replace") else []
        for i, j in pairs:
            t.space()
            e.space()
            tw, ew = typed_words[i], expected_words[j]
            if tag == "equal":  # the same word to the grader (case, accents, punctuation aside)
                t.add("equal", tw)
                e.add("equal", ew)
            elif difflib.SequenceMatcher(None, keys_t[i], keys_e[j], autojunk=False).ratio() >= SIMILAR:
                _letters(tw, ew, t, e)
            else:
                t.add("extra", tw)
                e.add("missing", ew)
        for i in range(i1 + len(pairs), i2):
            t.space()
            t.add("extra", typed_words[i])
        for j in range(j1 + len(pairs), j2):
            e.space()
            e.add("missing", expected_words[j])
    return tuple(t.parts), tuple(e.parts)


def join_lines(lines: list[tuple[Line, Line]], separator: str = " | ") -> tuple[Line, Line]:
    """The lines of several blanks joined into one typed and one expected line."""
    typed: list[DiffPart] = []
    expected: list[DiffPart] = []
    for index, (t, e) in enumerate(lines):
        if index:
            typed.append(DiffPart("equal", separator))
            expected.append(DiffPart("equal", separator))
        typed.extend(t)
        expected.extend(e)
    return tuple(typed), tuple(expected)
