"""Cloze markers: ``{{c1::answer}}`` or ``{{c1::answer::hint}}``; all blanks of a card form one item."""

from __future__ import annotations

import re
from typing import NamedTuple

MARKER = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_OPEN = "{{"
BLANK = "[...]"


class ClozePart(NamedTuple):
    number: int
    answer: str
    hint: str


def cloze_parts(text: str) -> list[ClozePart]:
    """The blanks in order of appearance: ``(number, answer, hint)`` (hint is '' when absent)."""
    return [ClozePart(int(m.group(1)), m.group(2), m.group(3) or "") for m in MARKER.finditer(text)]


def render_cloze(text: str, reveal: bool, *, blank: str = BLANK) -> str:
    """The text with blanks shown as ``[...]`` (or ``[hint]``), or with the answers filled in."""

    def one(match: re.Match[str]) -> str:
        if reveal:
            return match.group(2)
        hint = match.group(3)
        return f"[{hint}]" if hint else blank

    return MARKER.sub(one, text)


def cloze_problems(text: str) -> list[str]:
    """Everything wrong with the markers in ``text`` (empty list when they are fine)."""
    problems: list[str] = []
    index = 0
    numbers: list[int] = []
    while True:
        start = text.find(_OPEN, index)
        if start < 0:
            break
        end = text.find("}}", start + 2)
        nxt = text.find(_OPEN, start + 2)
        if end < 0 or (0 <= nxt < end):
            problems.append(f"the cloze marker starting at character {start + 1} is not closed with '}}}}'")
            index = start + 2
            continue
        marker = text[start : end + 2]
        match = MARKER.fullmatch(marker)
        if match is None or not match.group(2).strip():
            problems.append(
                f"malformed cloze marker '{_short(marker)}': write {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}"
            )
        elif match.group(3) is not None and not match.group(3).strip():
            problems.append(
                f"cloze marker '{_short(marker)}' has an empty hint: drop the last '::' or write a hint"
            )
        else:
            numbers.append(int(match.group(1)))
        index = end + 2
    if not numbers and not problems:
        problems.append("a cloze card needs at least one blank like {{c1::answer}}")
    elif numbers:
        used = sorted(set(numbers))
        missing = [n for n in range(1, used[-1] + 1) if n not in used]
        if missing:
            problems.append(
                "cloze numbers must start at c1 and have no gaps "
                f"(found {', '.join(f'c{n}' for n in used)}; missing {', '.join(f'c{n}' for n in missing)})"
            )
    return problems


def _short(marker: str) -> str:
    return marker if len(marker) <= 60 else marker[:57] + "..."
