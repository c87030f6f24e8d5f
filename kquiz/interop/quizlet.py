"""Quizlet's export: "term<term-sep>definition" rows joined by a row separator, no quoting.

Quizlet's defaults are a tab between term and definition and a new line between rows; its export
dialog also offers a comma, or any custom text, for both. A row splits at the *first* term separator,
so a definition may contain the separator.
"""

from __future__ import annotations

from kquiz.errors import InteropError, Problem
from kquiz.interop.html_text import mark_sounds, tidy
from kquiz.interop.model import ImportedNote, ImportFormat, ParseResult


def parse_quizlet(
    text: str, path: str = "<string>", *, term_sep: str = "\t", row_sep: str = "\n"
) -> ParseResult:
    if not term_sep or not row_sep:
        raise InteropError("the term and row separators cannot be empty")
    if term_sep == row_sep:
        raise InteropError("the term separator and the row separator must differ")
    notes: list[ImportedNote] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    line = 1
    row = 0
    for chunk in text.split(row_sep):
        row_line = line + _leading_newlines(chunk)
        line += chunk.count("\n") + row_sep.count("\n")
        if not chunk.strip():
            continue
        row += 1
        term, sep, definition = chunk.partition(term_sep)
        term, definition = tidy(term), tidy(definition)
        if not sep:
            problems.append(
                Problem(
                    path,
                    f"row {row}: no term separator {term_sep!r} (check --term-sep / --row-sep)",
                    row_line,
                    1,
                )
            )
        elif not term:
            problems.append(Problem(path, f"row {row}: the term is empty", row_line, 1))
        elif not definition:
            problems.append(Problem(path, f"row {row}: the definition is empty", row_line, 1))
        else:
            (term, sounds), (definition, more) = mark_sounds(term), mark_sounds(definition)
            notes.append(ImportedNote(line=row_line, front=term, back=definition))
            for media in sounds + more:
                warnings.append(Problem(path, sound_message(media), row_line, 1))
    details = {"term separator": repr(term_sep), "row separator": repr(row_sep)}
    return ParseResult(ImportFormat.QUIZLET, tuple(notes), tuple(problems), tuple(warnings), details)


def sound_message(name: str) -> str:
    return f"sound {name!r} cannot be played in kquiz; shown as the placeholder [sound: {name}]"


def _leading_newlines(chunk: str) -> int:
    stripped = chunk.lstrip()
    return chunk[: len(chunk) - len(stripped)].count("\n")
