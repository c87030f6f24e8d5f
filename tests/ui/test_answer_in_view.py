"""After every answer the verdict, the right answer and the grade buttons are on screen.

One window, one card of each type answered (wrong where it can be), then every window size and
card font size is tried on that answer: the verdict label, the widget showing the right answer
and the grade buttons must each have a non-empty visible region.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kquiz.ui import theme

from .keys import press, settle, type_text

SIZES = ((640, 480), (800, 600), (1280, 800))
FONTS = (10, 12, 18, 24)
LONG = " ".join(["This sentence makes the text long enough to wrap over several lines."] * 6)

DECK = textwrap.dedent(
    f"""\
    kquiz: 1
    id: long-cards
    title: Long cards
    topics:
      - {{id: t, title: A topic whose title is rather long too}}
    sources:
      - {{id: s, title: A source with a long title, publisher: tests}}
    cards:
      - {{id: b, type: basic, topic: t, front: "Basic question? {LONG}", back: "The basic answer. {LONG}",
          explanation: "{LONG} {LONG}", note: "{LONG}", source: {{id: s}}}}
      - {{id: r, type: reversed, topic: t, front: "Reversed term", back: "{LONG}",
          explanation: "{LONG} {LONG}", source: {{id: s}}}}
      - id: c
        type: choice
        topic: t
        prompt: "Which is right? {LONG}"
        choices:
          - {{text: "The right one, said at some length so that it wraps", correct: true}}
          - {{text: "A wrong one, also said at some length so that it wraps"}}
          - {{text: "Another wrong one said at some length so that it wraps"}}
          - {{text: "A fourth wrong one said at some length so that it wraps"}}
        explanation: "{LONG} {LONG}"
        note: "{LONG}"
        source: {{id: s}}
      - {{id: f, type: truefalse, topic: t, statement: "True or not? {LONG}", answer: true,
          explanation: "{LONG} {LONG}", note: "{LONG}", source: {{id: s}}}}
      - {{id: y, type: typed, topic: t, prompt: "Type it. {LONG}", answers: [nucleus accumbens],
          explanation: "{LONG} {LONG}", note: "{LONG}", source: {{id: s}}}}
      - {{id: z, type: cloze, topic: t, text: "{LONG} The {{{{c1::hippocampus}}}} holds it. {LONG}",
          explanation: "{LONG} {LONG}", source: {{id: s}}}}
    """
)


def in_view(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def answer_wrong(qtbot, window, session) -> None:
    kind = str(session.current.kind)
    if kind in ("basic", "reversed"):
        press(qtbot, window, Qt.Key.Key_Space)
    elif kind == "choice":
        wrong = next(i for i, t in enumerate(session.current.choices) if t.startswith("A wrong"))
        press(qtbot, window, getattr(Qt.Key, f"Key_{wrong + 1}"))
    elif kind == "truefalse":
        press(qtbot, window, Qt.Key.Key_F)
    else:
        type_text(qtbot, window, "the wrong words")
        press(qtbot, window, Qt.Key.Key_Return)
    assert session.phase.name == "ANSWER"


def test_verdict_answer_and_grades_in_view_at_every_size_and_font(qtbot, data_dir, start_app, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "long.yaml").write_text(DECK, encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(Path(decks),))
    window, app = running.window, running.app
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    study = window.study
    seen: set[str] = set()
    try:
        while len(seen) < 6:
            kind = str(session.current.kind)
            answer_wrong(qtbot, window, session)
            seen.add(kind)
            graded = kind not in ("basic", "reversed")
            answer = study.card.answer_widget()
            for font in FONTS:
                theme.apply(app, "light", font)
                for width, height in SIZES:
                    window.resize(width, height)
                    settle(1)
                    case = f"{kind} at {width}x{height}, {font} pt"
                    assert window.width() <= width and window.height() <= height, case
                    if graded:
                        assert in_view(study.card.verdict), case
                    assert in_view(answer), case
                    assert all(in_view(b) for b in study.grades.buttons), case
            press(qtbot, window, Qt.Key.Key_1)
    finally:
        theme.apply(app, "light", 12)
    assert seen == {"basic", "reversed", "choice", "truefalse", "typed", "cloze"}
