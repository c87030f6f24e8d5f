"""Plain advice for YAML slips, read off the offending line itself (not off libyaml's wording).

libyaml says *where* it stopped (``mapping values are not allowed in this context``); an educator
needs *what to change*: "this text contains ': ' — put the whole text in quotes". Each function
here looks at the lines around that place and returns a ``YamlProblem`` with a message and a
hint, or None when it does not recognise the slip (the caller then keeps libyaml's words).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kquiz.decks.scalars import Pos, YamlProblem

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# a "key: value" line, possibly the first line of a list item ("- key: value")
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>(?:- +)*)(?P<key>[\w.-]+):(?:[ \t]+(?P<value>.*?))?\s*$")
_ITEM_LINE = re.compile(r"^(?P<indent> *)- +(?P<value>.*?)\s*$")
_SPECIAL = {
    "{{": "a mapping (a cloze blank at the start needs the whole text in quotes)",
    "{": "the start of a mapping",
    "[": "the start of a list",
    "*": "an alias (a reference to an '&' anchor)",
    "&": "an anchor name",
    "!": "a tag",
    "%": "a directive",
    "@": "a reserved character",
    "`": "a reserved character",
    "|": "a block of text (the text itself must start on the next line)",
    ">": "a block of text (the text itself must start on the next line)",
    "- ": "a list inside the value",
    "? ": "a complex mapping key",
}


def lines_of(text: str) -> list[str]:
    """The lines of ``text`` as YAML counts them (\\r\\n, \\r, \\n, NEL, LS and PS end a line)."""
    if "\r" not in text and "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return text.split("\n")  # the common case, ten times faster on a big file
    return _BREAK.split(text)


def quoted(value: str) -> str:
    """``value`` as a YAML quoted scalar: double quotes, or single quotes when it holds a '"'."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


_HINT_VALUE = 300  # characters of a value quoted in a hint (a longer one is shortened)


@lru_cache(maxsize=64)  # many problems on one long line: its regular expressions run once
def quote_hint(line: str) -> str:
    """'put the whole text in quotes: front: "…"' for a ``key: value`` or ``- value`` line."""
    match = _KEY_LINE.match(line)
    if match and match.group("value"):
        return f"put the whole text in quotes: {match.group('key')}: {_shown(quoted(match.group('value')))}"
    item = _ITEM_LINE.match(line)
    if item and item.group("value"):
        return f"put the whole text in quotes: - {_shown(quoted(item.group('value')))}"
    return "put the whole text in quotes"


def _shown(text: str) -> str:
    return text if len(text) <= _HINT_VALUE else text[: _HINT_VALUE - 1] + "…" + text[-1]


def _value(line: str) -> tuple[str, str, int] | None:
    """(key or '-', value, 0-based column where the value starts) of a key or item line."""
    match = _KEY_LINE.match(line)
    if match and match.group("value") is not None:
        return match.group("key"), match.group("value"), match.start("value")
    item = _ITEM_LINE.match(line)
    if item and item.group("value") and not _KEY_LINE.match(line):
        return "-", item.group("value"), item.start("value")
    return None


def _special(line: str, number: int) -> YamlProblem | None:
    found = _value(line)
    if found is None:
        return None
    key, value, col = found
    for start, what in _SPECIAL.items():
        if value.startswith(start) and not (start in "{[" and _whole_flow(value)):
            where = f"the text after '{key}:'" if key != "-" else "this list item"
            return YamlProblem(
                f"{where} starts with '{start.strip()}', which YAML reads as {what}",
                (number, col + 1),
                quote_hint(line),
            )
    return None


def _whole_flow(value: str) -> bool:
    """Whether ``value`` is one whole flow list or mapping (``{id: s1}``), not text that starts like one."""
    import yaml

    try:
        yaml.load(value, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return False
    return True


def _colon(line: str, number: int, column: int) -> YamlProblem | None:
    found = _value(line)
    if found is None:
        return None
    _key, value, col = found
    if not value or value[0] in "\"'" or not (": " in value or value.endswith(":")):
        return None
    at = value.find(": ") if ": " in value else len(value) - 1
    return YamlProblem(
        "this text contains ': ', which YAML reads as the start of another 'key: value'",
        (number, col + at + 1),
        quote_hint(line),
    )


_NO_SPACE = re.compile(r"^(?P<indent> *)(?:- +)*(?P<key>[a-z][\w.-]*):(?P<value>[^\s:/].*)$")


def _no_space(line: str, number: int) -> YamlProblem | None:
    """``front:Which moon…``: without a space after the ':' YAML reads one text, not 'key: value'."""
    match = _NO_SPACE.match(line)
    if match is None:
        return None
    return YamlProblem(
        f"'{match.group('key')}:' needs a space after the ':'",
        (number, match.end("key") + 2),
        f"write '{match.group('key')}: {match.group('value').strip()}'",
    )


def _quote_slip(line: str, number: int) -> YamlProblem | None:
    """A quoted value that is never closed on its line, or closed early by a quote inside it."""
    found = _value(line)
    if found is None or not found[1] or found[1][0] not in "\"'":
        return None
    _key, value, col = found
    quote = value[0]
    i = 1
    while i < len(value):
        c = value[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            rest = value[i + 1 :].strip()
            if rest and not rest.startswith("#"):
                inside = "write '' for a ' inside '…'" if quote == "'" else 'write \\" for a " inside "…"'
                return YamlProblem(
                    f"the text's closing quote ({quote}) comes before the end of the text",
                    (number, col + i + 1),
                    f"{inside}; or {quote_hint(line[:col] + _unquote(value, quote))}",
                )
            return None
        i += 1
    return YamlProblem(
        f"the quote ({quote}) that starts this text is never closed",
        (number, col + 1),
        "end the text with the same quote on the same line: "
        + quote_hint(line[:col] + _unquote(value, quote)).split(": ", 1)[-1],
    )


def _unquote(value: str, quote: str) -> str:
    body = value[1:]
    if body.endswith(quote):
        body = body[:-1]
    return body.replace(quote * 2, quote) if quote == "'" else body.replace('\\"', '"')


def _spaces(n: int) -> str:
    return "1 space" if n == 1 else f"{n} spaces"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _significant(lines: list[str], start: int) -> int | None:
    """The index of the nearest line before ``start`` that is not blank or a comment."""
    for i in range(start - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _list_name(lines: list[str], item: int) -> tuple[str, int] | None:
    """The key that holds the list whose item starts at line index ``item``, and its line number."""
    depth = _indent(lines[item])
    for i in range(item - 1, -1, -1):
        match = _KEY_LINE.match(lines[i])
        if match and _indent(lines[i]) < depth and not match.group("value"):
            return match.group("key"), i + 1
    return None


def _in_cards(lines: list[str], index: int) -> bool:
    found = _list_name(lines, index)
    return found is not None and found[0] == "cards"


def _list_depth(lines: list[str], index: int) -> YamlProblem | None:
    """A '- ' item indented unlike the items of the list above it."""
    if not _ITEM_LINE.match(lines[index]):
        return None
    depth = _indent(lines[index])
    for i in range(index - 1, -1, -1):
        if _ITEM_LINE.match(lines[i]) and _indent(lines[i]) != depth:
            other = _indent(lines[i])
            owner = _list_name(lines, i)
            named = f"the items of '{owner[0]}' (line {owner[1]})" if owner else "the list items above it"
            return YamlProblem(
                f"this list item is indented {_spaces(depth)}, but {named} are indented {other}",
                (index + 1, depth + 1),
                f"start the '-' in column {other + 1}, in line with the items above it",
            )
    return None


def _missing_dash(lines: list[str], index: int) -> YamlProblem | None:
    """A 'key: value' line at the depth of the list items above it, without its '- '."""
    match = _KEY_LINE.match(lines[index])
    if not match or match.group("dash"):
        return None
    depth = _indent(lines[index])
    for i in range(index - 1, -1, -1):
        if _indent(lines[i]) < depth and lines[i].strip():
            return None
        if _ITEM_LINE.match(lines[i]) and _indent(lines[i]) == depth:
            owner = _list_name(lines, i)
            named = f"'{owner[0]}'" if owner else "the list above"
            return YamlProblem(
                f"this line is at the depth of the items of {named}, but does not start with '- '",
                (index + 1, depth + 1),
                f"if it starts a new item, write '- {match.group('key')}:'; "
                "if it belongs to the item above, indent it like that item's other lines",
            )
    return None


def _wrong_indent(lines: list[str], index: int) -> YamlProblem | None:
    """A line indented unlike the fields before it (too far, or not far enough)."""
    line = lines[index]
    if not _KEY_LINE.match(line):
        return None
    before = _significant(lines, index)
    while before is not None and _ITEM_LINE.match(lines[before]) and not _KEY_LINE.match(lines[before]):
        before = _significant(lines, before)  # skip the items of a list nested in the field above
    if before is None:
        return None
    prev = _KEY_LINE.match(lines[before])
    if prev is None or (not prev.group("value") and before == index - 1):
        return None
    expected = _indent(lines[before]) + len(prev.group("dash"))
    depth = _indent(line)
    if depth == expected:
        return None
    whose = "the card's other fields use" if _in_cards(lines, before) else "the lines around it use"
    return YamlProblem(
        f"this line is indented {_spaces(depth)}; {whose} {expected}",
        (index + 1, depth + 1),
        f"indent '{line.strip().split(':')[0]}:' by {expected} spaces, like line {before + 1}",
    )


def _unclosed_above(lines: list[str], index: int) -> YamlProblem | None:
    """The nearest quote left open on a line before ``index`` (a later quote then closed it)."""
    for i in range(min(index, len(lines) - 1), -1, -1):
        slip = _quote_slip(lines[i], i + 1)
        if slip is not None:
            return slip
    return None


def advise_syntax(text: str, problem: Pos | None, context: Pos | None, raw: str) -> YamlProblem | None:
    """Advice for a libyaml syntax error at ``problem`` (1-based), or None when not recognised."""
    if problem is None:
        return None
    lines = lines_of(text)
    index = min(problem[0], len(lines)) - 1
    line = lines[index]
    if 0 < problem[1] <= len(line) and line[problem[1] - 1] == "\t":
        return YamlProblem(
            "this line is indented with a tab; YAML indentation must use spaces",
            problem,
            "replace the tab with spaces (most editors can show tabs and convert them)",
        )
    if "quoted scalar" in raw and context is not None:
        slip = _quote_slip(lines[context[0] - 1], context[0])
        if slip is not None:
            return slip
    candidates = [index]
    if context is not None and context[0] - 1 != index and context[0] - 1 < len(lines):
        candidates.append(context[0] - 1)
    for i in candidates:
        found = _special(lines[i], i + 1) or _quote_slip(lines[i], i + 1) or _no_space(lines[i], i + 1)
        if found is not None:
            return found
    found = _colon(line, index + 1, problem[1])
    if found is None and index + 1 < len(lines) and problem[1] > len(line.rstrip()):
        found = _colon(lines[index + 1], index + 2, 1)  # libyaml may stop at the end of the line
    return (
        found
        or _list_depth(lines, index)
        or _missing_dash(lines, index)
        or _wrong_indent(lines, index)
        or _unclosed_above(lines, index)
    )


def advise_line(text: str, pos: Pos) -> YamlProblem | None:
    """Advice for a value that YAML read as something other than text (``{{c1::…}}``, ``[x] y``)."""
    lines = lines_of(text)
    if not 0 < pos[0] <= len(lines):
        return None
    return _special(lines[pos[0] - 1], pos[0])


def syntax_problem(exc: Any, text: str) -> YamlProblem:
    """A libyaml error (a ``yaml.MarkedYAMLError``) as a problem at its place, with advice when kquiz has some."""
    mark = exc.problem_mark or exc.context_mark
    pos = (mark.line + 1, mark.column + 1) if mark is not None else None
    what = " ".join(x for x in (exc.context, exc.problem) if x)
    context = exc.context_mark
    advice = advise_syntax(
        text, pos, (context.line + 1, context.column + 1) if context is not None else None, what
    )
    if advice is not None:
        return advice
    if (
        context is not None
        and mark is not None
        and (context.line, context.column) != (mark.line, mark.column)
    ):
        what += f" (it started at line {context.line + 1}, column {context.column + 1})"
    return YamlProblem(f"YAML syntax error: {what}", pos)
