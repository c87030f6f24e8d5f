"""A printable worksheet: the model (questions, then an answer key on its own pages) and its HTML.

No Qt here: ``to_html`` is what ``kquiz print --format html`` writes (for editing in a word processor)
and what kquiz.ui.printing lays out on A4 or Letter pages with Qt's PDF writer. The same test (seed)
gives the same worksheet, character for character.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from html import escape

from kquiz.quiz.model import Question, QuestionKind, Test

LINE = "_" * 60


class AnswersMode(StrEnum):
    SEPARATE = "separate"  # the key on its own page(s) after the questions
    INLINE = "inline"  # each question followed by its answer (a teacher's copy)
    NONE = "none"  # questions only


@dataclass(frozen=True, slots=True)
class KeyEntry:
    number: int
    answer: str
    explanation: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class SheetQuestion:
    number: int
    kind: QuestionKind
    prompt: str
    options: tuple[str, ...] = ()  # choice: lettered A, B, C… in this order
    multiple: bool = False  # "choose all that apply"
    blanks: int = 0  # cloze: numbered answer lines; typed: one or two plain lines
    answer_lines: int = 0
    inline: KeyEntry | None = None  # the answer under the question (AnswersMode.INLINE)


@dataclass(frozen=True, slots=True)
class Worksheet:
    title: str
    subtitle: str  # what the test covers, how many questions, the seed
    questions: tuple[SheetQuestion, ...]
    key: tuple[KeyEntry, ...]  # empty unless AnswersMode.SEPARATE: printed from a new page
    answers: AnswersMode = AnswersMode.SEPARATE


def key_entry(q: Question) -> KeyEntry:
    return KeyEntry(q.number, q.answer, q.explanation, q.source)


def sheet_question(q: Question, inline: bool) -> SheetQuestion:
    lines = 0
    if q.kind == QuestionKind.TYPED:
        lines = q.blanks or (2 if max((len(a) for a in q.accepted), default=0) > 30 else 1)
    return SheetQuestion(
        number=q.number,
        kind=q.kind,
        prompt=q.prompt,
        options=q.options if q.kind == QuestionKind.CHOICE else (),
        multiple=q.multiple,
        blanks=q.blanks,
        answer_lines=lines,
        inline=key_entry(q) if inline else None,
    )


def make_worksheet(test: Test, answers: AnswersMode = AnswersMode.SEPARATE, covers: str = "") -> Worksheet:
    mode = AnswersMode(answers)
    n = len(test.questions)
    bits = [covers] if covers else []
    bits += [f"{n} question{'s' if n != 1 else ''}", f"seed {test.seed}"]
    return Worksheet(
        title=test.title,
        subtitle=" · ".join(bits),
        questions=tuple(sheet_question(q, mode == AnswersMode.INLINE) for q in test.questions),
        key=tuple(key_entry(q) for q in test.questions) if mode == AnswersMode.SEPARATE else (),
        answers=mode,
    )


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


# inline styles (px): what Qt's rich text and word processors both honour
_CSS = {
    "q": "margin-top:14px; margin-bottom:4px;",
    "opt": "margin-left:26px; margin-top:2px; margin-bottom:2px;",
    "line": "margin-left:26px; margin-top:14px; margin-bottom:2px; color:#777777;",
    "ans": "margin-left:26px; margin-top:4px; margin-bottom:0px; color:#1f5f3a;",
    "expl": "margin-left:26px; margin-top:2px; margin-bottom:0px; color:#333333;",
    "src": "margin-left:26px; margin-top:2px; margin-bottom:0px; color:#666666; font-size:8.5pt;",
    "sub": "margin-top:0px; color:#555555;",
}
_BODY = "font-family:'DejaVu Sans','Helvetica','Arial',sans-serif; font-size:10.5pt;"


def _p(css: str, inner: str) -> str:
    return f'<p style="{_CSS[css]}">{inner}</p>'


def _question_html(q: SheetQuestion) -> list[str]:
    hint = " <i>(choose all that apply)</i>" if q.multiple else ""
    out = [_p("q", f"<b>{q.number}.</b>&nbsp; {_text(q.prompt)}{hint}")]
    if q.kind == QuestionKind.CHOICE:
        out += [_p("opt", f"{chr(65 + i)}.&nbsp; {_text(opt)}") for i, opt in enumerate(q.options)]
    elif q.kind == QuestionKind.TRUEFALSE:
        out.append(_p("opt", "&#9633;&nbsp;True" + "&nbsp;" * 8 + "&#9633;&nbsp;False"))
    elif q.blanks > 1:
        out += [_p("line", f"({i}) {LINE[:50]}") for i in range(1, q.blanks + 1)]
    else:
        out += [_p("line", f"{LINE}")] * q.answer_lines
    if q.inline is not None:
        out += _key_lines(q.inline, numbered=False)
    return out


def _key_lines(entry: KeyEntry, *, numbered: bool) -> list[str]:
    label = f"<b>{entry.number}.</b>&nbsp; " if numbered else "<b>Answer:</b> "
    css = "q" if numbered else "ans"
    out = [_p(css, f"{label}{_text(entry.answer)}")]
    if entry.explanation:
        out.append(_p("expl", f"{_text(entry.explanation)}"))
    if entry.source:
        out.append(_p("src", f"{_text(entry.source)}"))
    return out


def to_html(sheet: Worksheet) -> str:
    """The worksheet as one HTML document (Qt's rich-text subset: it prints as it shows)."""
    body = [
        f'<h1 style="font-size:17pt; margin-bottom:2px;">{_text(sheet.title)}</h1>',
        _p("sub", f"{_text(sheet.subtitle)}"),
        "<p>Name: ________________________________&nbsp;&nbsp;&nbsp; Date: ________________</p>",
    ]
    for q in sheet.questions:
        body += _question_html(q)
    if sheet.key:
        body.append(
            f'<h2 style="font-size:14pt; page-break-before:always;">Answer key — {_text(sheet.title)}</h2>'
        )
        body.append(_p("sub", f"{_text(sheet.subtitle)}"))
        for entry in sheet.key:
            body += _key_lines(entry, numbered=True)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<title>{_text(sheet.title)}</title></head>\n<body style="{_BODY}">\n'
        + "\n".join(body)
        + "\n</body></html>\n"
    )
