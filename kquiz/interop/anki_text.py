"""Anki's "Notes in Plain Text" export (Anki 2.1.55+ headers; older header-less files work too).

Header lines at the top of the file: ``#separator:tab|comma|semicolon|space|pipe|colon|<char>``,
``#html:true|false``, ``#tags column:N``, ``#deck column:N``, ``#notetype column:N``,
``#guid column:N`` (1-based), ``#deck:NAME``, ``#notetype:NAME``, and ``#columns:`` (the column names,
split by the separator: a Tags, Deck, Notetype or GUID column named there is that column unless a
``#... column:`` header says otherwise). Other header lines are ignored, as Anki does. The remaining columns are the note's fields: the first is the front (a cloze note's
text), the second the back (a cloze note's "Back Extra", which becomes the explanation); further
non-empty fields are appended to the explanation. The note type decides the card type: Cloze (or a
``{{c1::...}}`` marker) gives a cloze card, "reversed" a reversed card, "type in" a typed card.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kquiz.errors import InteropError, Problem
from kquiz.interop.columns import split_tags
from kquiz.interop.delimited import iter_rows, sniff_delimiter
from kquiz.interop.html_text import html_to_text, looks_like_html, mark_sounds, tidy
from kquiz.interop.model import ImportedNote, ImportFormat, ParseResult

SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
_HEADER = re.compile(r"^#([a-z][a-z ]*):(.*)$", re.IGNORECASE)
_CLOZE = re.compile(r"\{\{c\d+::")
_COLUMN_KEYS = ("tags column", "deck column", "notetype column", "guid column")
_COLUMN_NAMES = {
    "tags column": {"tags", "tag"},
    "deck column": {"deck"},
    "notetype column": {"notetype", "note type"},
    "guid column": {"guid"},
}


def read_headers(text: str, path: str) -> tuple[dict[str, str], int, str]:
    """Return (headers with lower-case keys, number of header lines, the body after them)."""
    headers: dict[str, str] = {}
    lines = text.split("\n")
    count = 0
    for line in lines:
        match = _HEADER.match(line)
        if not match:
            break
        headers[match.group(1).strip().lower()] = match.group(2).strip()
        count += 1
    return headers, count, "\n".join(lines[count:])


def _separator(value: str, path: str) -> str:
    lowered = value.strip().lower()
    if lowered in SEPARATORS:
        return SEPARATORS[lowered]
    if len(value) == 1 and value not in '"\n':
        return value
    raise InteropError(
        f"{path}:1: unknown #separator {value!r} (tab, comma, semicolon, space, pipe, colon or one character)"
    )


def _column(headers: dict[str, str], key: str, path: str) -> int | None:
    if key not in headers:
        return None
    value = headers[key]
    if not value.isdigit() or int(value) < 1:
        raise InteropError(f"{path}: #{key}:{value} is not a column number (1, 2, ...)")
    return int(value) - 1


def _named_columns(value: str, delimiter: str) -> dict[str, int]:
    """The special columns a ``#columns:`` header names (Tags, Deck, Notetype, GUID)."""
    if not value:
        return {}
    names = [n.strip().lower() for n in next(iter_rows(value, delimiter, "#columns"))[1]]
    found: dict[str, int] = {}
    for key, aliases in _COLUMN_NAMES.items():
        index = next((i for i, name in enumerate(names) if name in aliases), None)
        if index is not None:
            found[key] = index
    return found


def parse_anki_text(text: str, path: str = "<string>", *, delimiter: str | None = None) -> ParseResult:
    headers, header_lines, body = read_headers(text, path)
    if delimiter is None:
        delimiter = (
            _separator(headers["separator"], path) if "separator" in headers else sniff_delimiter(body, "\t")
        )
    html_mode = headers.get("html", "").lower()
    if html_mode not in {"", "true", "false"}:
        raise InteropError(f"{path}: #html:{headers['html']} should be true or false")
    columns = {key: _column(headers, key, path) for key in _COLUMN_KEYS}
    for key, index in _named_columns(headers.get("columns", ""), delimiter).items():
        if columns[key] is None:
            columns[key] = index
    special = {i for i in columns.values() if i is not None}
    notes: list[ImportedNote] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for body_line, cells in iter_rows(body, delimiter, path):
        line = body_line + header_lines
        if not any(c.strip() for c in cells):
            continue
        if cells[0].startswith("#"):
            warnings.append(
                Problem(path, "a line starting with # is a comment in Anki's format; skipped", line, 1)
            )
            continue

        def special_cell(key: str, cells: list[str] = cells) -> str:
            index = columns[key]
            return cells[index].strip() if index is not None and index < len(cells) else ""

        fields: list[str] = []
        for index, cell in enumerate(cells):
            if index in special:
                continue
            if html_mode == "true" or (html_mode == "" and looks_like_html(cell)):
                plain, media = html_to_text(cell)
            else:
                plain, media = mark_sounds(tidy(cell))
            fields.append(plain)
            for name in media:
                warnings.append(
                    Problem(
                        path,
                        f"media {name!r} is not imported (only text is); it is shown as a marker in the card",
                        line,
                        1,
                    )
                )
        notetype = special_cell("notetype column") or headers.get("notetype", "")
        note, problem = _note(fields, notetype.lower(), line, path)
        if problem is not None:
            problems.append(problem)
            continue
        assert note is not None
        deck = special_cell("deck column") or headers.get("deck", "")
        guid = special_cell("guid column") or None
        tags = split_tags(special_cell("tags column"))
        notes.append(replace(note, tags=tags, topic=deck.replace("::", " / ") or None, stable_key=guid))
    details = {
        "separator": next((k for k, v in SEPARATORS.items() if v == delimiter), repr(delimiter)),
        "html": html_mode or "auto",
        "header lines": str(header_lines),
    }
    return ParseResult(ImportFormat.ANKI_TEXT, tuple(notes), tuple(problems), tuple(warnings), details)


def _note(
    fields: list[str], notetype: str, line: int, path: str
) -> tuple[ImportedNote | None, Problem | None]:
    front = fields[0] if fields else ""
    back = fields[1] if len(fields) > 1 else ""
    rest = fields[2:]
    if "cloze" in notetype or _CLOZE.search(front):
        if not _CLOZE.search(front):
            return None, Problem(path, "a cloze note without a {{c1::...}} marker in its text", line, 1)
        extra = "\n\n".join(f for f in [back, *rest] if f)
        return ImportedNote(line=line, front=front, kind="cloze", explanation=extra), None
    kind = "basic"
    if "optional reversed" in notetype:
        kind = "reversed" if rest and rest[0] else "basic"
        rest = rest[1:]
    elif "reverse" in notetype:
        kind = "reversed"
    elif "type in" in notetype:
        kind = "typed"
    if not front:
        return None, Problem(path, "the first field (front) is empty", line, 1)
    if not back:
        message = (
            "the second field (back) is empty"
            if len(fields) > 1
            else "only one field: a card needs a front and a back (check #separator)"
        )
        return None, Problem(path, message, line, 1)
    extra = "\n\n".join(f for f in rest if f)
    return ImportedNote(line=line, front=front, back=back, kind=kind, explanation=extra), None
