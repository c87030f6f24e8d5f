"""CSV and TSV import: front, back, optional tags; or any columns named by a header row.

Delimiter: the one given, else a tab for TSV, else sniffed (``csv.Sniffer``) among ``, ; tab |``,
else a comma. Header: a first row whose cells are all known column names (front/question/term,
back/answer/definition, tags, explanation, note, topic, id, type, and the same in German, French,
Spanish, Italian, Portuguese, Dutch, ...) is a header, and so is a first row unlike the rest (short
labels over rows of questions or of much longer texts); a skipped header is reported with its line.
``header=True/False`` decides instead. Without named columns they are front, back, tags.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from kquiz.errors import InteropError, Problem
from kquiz.interop.columns import Layout, header_layout, header_reason, row_to_note
from kquiz.interop.html_text import mark_sounds
from kquiz.interop.model import ImportedNote, ImportFormat, ParseResult
from kquiz.interop.quizlet import sound_message

SNIFF_DELIMITERS = ",;\t|"
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", " ": "space", ":": "colon"}


def sniff_delimiter(text: str, fallback: str = ",") -> str:
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=SNIFF_DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in SNIFF_DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else fallback


def looks_like_table(text: str) -> bool:
    """Tab-separated columns rather than Quizlet's "term TAB definition" lines: every one of the first
    rows has the same number (two or more) of tabs, or the first row is a header."""
    head = text[:65536].split("\n")
    if len(text) > 65536 and len(head) > 1:
        head = head[:-1]  # cut in the middle
    lines = [line for line in head[:200] if line.strip()]
    if not lines:
        return False
    tabs = {line.count("\t") for line in lines}
    if len(tabs) == 1 and min(tabs) >= 2:
        return True
    cells = lines[0].split("\t")
    rest = [line.split("\t") for line in lines[1:21]]
    return len(cells) > 1 and bool(header_reason(cells, header_layout(cells), rest))


def iter_rows(text: str, delimiter: str, path: str):
    """Yield (line where the row starts, cells); malformed quoting raises InteropError with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = Problem(path, f"unreadable row: {exc}", start, 1)
        raise InteropError(str(problem), [problem]) from None


def parse_delimited(
    text: str,
    path: str = "<string>",
    *,
    delimiter: str | None = None,
    header: bool | None = None,
    fmt: ImportFormat = ImportFormat.CSV,
) -> ParseResult:
    if delimiter is None:
        delimiter = "\t" if fmt == ImportFormat.TSV else sniff_delimiter(text)
    if len(delimiter) != 1 or delimiter in '"\n\r':
        raise InteropError(
            f"the delimiter must be one character other than a quote or newline, not {delimiter!r}"
        )
    notes: list[ImportedNote] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    layout: Layout | None = None
    header_line: int | None = None
    extra_reported = False
    rows = list(iter_rows(text, delimiter, path))
    for line, cells in rows:
        if layout is None:
            if not any(c.strip() for c in cells):
                continue
            named = header_layout(cells)
            why = header_reason(cells, named, [r for _, r in rows[1:21]]) if header is None else "--header"
            if header is not False and why:
                layout, header_line = named or Layout(), line
                shown = delimiter.join(c.strip() for c in cells)
                warnings.append(
                    Problem(
                        path,
                        f"line {line} ({shown[:60]}) is a header row ({why}), not a card: skipped"
                        + ("" if header else "; --no-header imports it as a card"),
                        line,
                        1,
                    )
                )
                continue
            layout = Layout()
        note, problem = row_to_note(cells, layout, line, path)
        if problem is not None:
            problems.append(problem)
        if note is None:
            continue
        notes.append(note)
        unused = [i + 1 for i, c in enumerate(cells) if c.strip() and i not in layout.used()]
        if unused and not extra_reported:
            extra_reported = True
            warnings.append(
                Problem(
                    path,
                    f"column(s) {', '.join(map(str, unused))} have no header name and were left out "
                    "(add a header row: front, back, tags, explanation, note, topic, id, type)",
                    line,
                    1,
                )
            )
        (front, sounds), (back, more) = mark_sounds(note.front), mark_sounds(note.back)
        if sounds or more:
            notes[-1] = replace(note, front=front, back=back)
        for media in sounds + more:
            warnings.append(Problem(path, sound_message(media), line, 1))
    details = {
        "delimiter": _NAMES.get(delimiter, repr(delimiter)),
        "header": f"line {header_line}" if header_line else "none",
    }
    return ParseResult(fmt, tuple(notes), tuple(problems), tuple(warnings), details)
