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


_STYLE = """
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 10.5pt; }
h1 { font-size: 17pt; margin-bottom: 2pt; }
p.sub { color: #555555; margin-top: 0; }
p.q { margin-top: 12pt; margin-bottom: 3pt; }
p.opt { margin-left: 22pt; margin-top: 1pt; margin-bottom: 1pt; }
p.line { margin-left: 22pt; margin-top: 9pt; color: #777777; }
p.ans { margin-left: 22pt; margin-top: 3pt; color: #1f5f3a; }
p.expl { margin-left: 22pt; margin-top: 1pt; color: #333333; }
p.src { margin-left: 22pt; margin-top: 1pt; color: #666666; font-size: 9pt; }
h2.key { font-size: 14pt; page-break-before: always; }
"""


def _question_html(q: SheetQuestion) -> list[str]:
    hint = " <i>(choose all that apply)</i>" if q.multiple else ""
    out = [f'<p class="q"><b>{q.number}.</b>&nbsp; {_text(q.prompt)}{hint}</p>']
    if q.kind == QuestionKind.CHOICE:
        out += [f'<p class="opt">{chr(65 + i)}.&nbsp; {_text(opt)}</p>' for i, opt in enumerate(q.options)]
    elif q.kind == QuestionKind.TRUEFALSE:
        out.append(
            '<p class="opt">&#9633;&nbsp;True&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&#9633;&nbsp;False</p>'
        )
    elif q.blanks > 1:
        out += [f'<p class="line">({i}) {LINE[:50]}</p>' for i in range(1, q.blanks + 1)]
    else:
        out += [f'<p class="line">{LINE}</p>'] * q.answer_lines
    if q.inline is not None:
        out += _key_lines(q.inline, numbered=False)
    return out


def _key_lines(entry: KeyEntry, *, numbered: bool) -> list[str]:
    label = f"<b>{entry.number}.</b>&nbsp; " if numbered else "<b>Answer:</b> "
    css = "q" if numbered else "ans"
    out = [f'<p class="{css}">{label}{_text(entry.answer)}</p>']
    if entry.explanation:
        out.append(f'<p class="expl">{_text(entry.explanation)}</p>')
    if entry.source:
        out.append(f'<p class="src">{_text(entry.source)}</p>')
    return out


def to_html(sheet: Worksheet) -> str:
    """The worksheet as one HTML document (Qt's rich-text subset: it prints as it shows)."""
    body = [
        f"<h1>{_text(sheet.title)}</h1>",
        f'<p class="sub">{_text(sheet.subtitle)}</p>',
        "<p>Name: ________________________________&nbsp;&nbsp;&nbsp; Date: ________________</p>",
    ]
    for q in sheet.questions:
        body += _question_html(q)
    if sheet.key:
        body.append(f'<h2 class="key">Answer key — {_text(sheet.title)}</h2>')
        body.append(f'<p class="sub">{_text(sheet.subtitle)}</p>')
        for entry in sheet.key:
            body += _key_lines(entry, numbered=True)
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{_text(sheet.title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
