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
    return [message for message, _offset in cloze_issues(text)]


# a marker with no brace inside: a text made only of these (and brace-free text) needs no slow walk
_GOOD = re.compile(r"\{\{c(\d+)::([^{}]*?)(?:::([^{}]*?))?\}\}")
_ONE_BRACE = re.compile(r"(?<!\{)\{(c\d+::)|(?<!\{)(?<![\w])(c\d+::)")


def cloze_issues(text: str) -> list[tuple[str, int | None]]:
    """Each problem with the markers, and the 0-based character of ``text`` it is at (if one).

    Linear in the text: a text of well-formed markers is checked by two regular-expression passes;
    only a text with a slip is walked marker by marker.
    """
    numbers = _well_formed(text)
    if numbers is not None:
        return _numbering(numbers, text, [])
    return _walk(text)


def _well_formed(text: str) -> list[int] | None:
    """The numbers of the blanks when every '{{' starts a well-formed marker (else None: walk it)."""
    rest = _GOOD.sub("\x00", text)
    if "{{" in rest or "}}" in rest or "{\x00" in rest or "\x00}" in rest or _ONE_BRACE.search(text):
        return None
    numbers = []
    for match in _GOOD.finditer(text):
        number, answer, hint = match.groups()
        if not answer.strip() or (hint is not None and not hint.strip()) or not number.strip("0"):
            return None
        numbers.append(int(number))
    return numbers


def _walk(text: str) -> list[tuple[str, int | None]]:
    problems: list[tuple[str, int | None]] = []
    index = 0
    numbers: list[int] = []
    for slip in _ONE_BRACE.finditer(text):
        missing = 2 if slip.group(2) else 1
        where = slip.start()
        marker = slip.group(1) or slip.group(2)
        problems.append(
            (
                f"this cloze blank opens with {'one' if missing == 1 else 'no'} '{{': "
                f"write {{{{{marker}…}}}} with two",
                where,
            )
        )
        numbers.append(int(marker[1:-2]))
    while True:
        start = text.find(_OPEN, index)
        if start < 0:
            break
        nxt = text.find(_OPEN, start + 2)
        stop = nxt if nxt >= 0 else len(text)
        end = text.find("}}", start + 2, stop)  # searched up to the next '{{' only: linear in all
        if end < 0:
            single = text.find("}", start + 2, stop)
            at = single if single >= 0 else start
            problems.append(
                (
                    f"the cloze marker starting at character {start + 1} is not closed with '}}}}'",
                    at,
                )
            )
            index = start + 2
            continue
        marker = text[start : end + 2]
        match = MARKER.fullmatch(marker)
        if match is None or not match.group(2).strip():
            problems.append(
                (
                    f"malformed cloze marker '{_short(marker)}': write {{{{c1::answer}}}} or {{{{c1::answer::hint}}}}",
                    start,
                )
            )
        elif match.group(3) is not None and not match.group(3).strip():
            problems.append(
                (
                    f"cloze marker '{_short(marker)}' has an empty hint: drop the last '::' or write a hint",
                    start,
                )
            )
        elif int(match.group(1)) == 0:
            problems.append(
                (f"cloze numbers start at c1, not c0: write '{_short(marker.replace('c0', 'c1', 1))}'", start)
            )
        else:
            numbers.append(int(match.group(1)))
        index = end + 2
    return _numbering(numbers, text, problems)


def _numbering(
    numbers: list[int], text: str, problems: list[tuple[str, int | None]]
) -> list[tuple[str, int | None]]:
    if not numbers and not problems:
        problems.append(("a cloze card needs at least one blank like {{c1::answer}}", None))
    elif numbers:
        used = sorted(set(numbers))
        missing_numbers = [n for n in range(1, used[-1] + 1) if n not in used]
        if missing_numbers and not any(n == 0 for n in numbers) and "c0" not in text:
            problems.append(
                (
                    "cloze numbers must start at c1 and have no gaps "
                    f"(found {', '.join(f'c{n}' for n in used)}; "
                    f"missing {', '.join(f'c{n}' for n in missing_numbers)})",
                    None,
                )
            )
    return problems


def _short(marker: str) -> str:
    return marker if len(marker) <= 60 else marker[:57] + "..."
