"""Card text is shown as plain text: no HTML is interpreted, nothing is fetched, no link is followed.

A deck whose every field is full of markup (<img src=http://...>, <a href>, <script>, <iframe>,
<style>, <b>) is studied in the real app; a local HTTP server counts requests to the URLs in it.
On every card, before and after answering: each label showing deck text uses Qt.PlainText, no
label opens links, there is no QTextBrowser, the raw text appears literally, and the server
was never asked for anything.
"""

from __future__ import annotations

import http.server
import threading
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextBrowser, QTextEdit

from kquiz.app import Phase, open_core
from kquiz.clock import FixedClock
from kquiz.domain import CardType
from kquiz.ui.launch import build_app
from tests.ui.keys import press, settle, show_loaded

from .test_disk_errors import START

DECK = """kquiz: 1
id: markup
title: "<b>Bold</b> deck <img src='http://127.0.0.1:PORT/title.png'>"
topics:
  - {id: t1, title: "<i>Topic</i>"}
sources:
  - id: s1
    title: "<a href='http://127.0.0.1:PORT/source'>Source link</a>"
    publisher: "<script>alert('pub')</script>"
    sections: ["<u>Section</u>"]
cards:
  - id: basic
    type: basic
    topic: t1
    front: "<img src='http://127.0.0.1:PORT/front.png'> What is <b>bold</b>?"
    back: "<a href='http://127.0.0.1:PORT/back'>click me</a> & <script>alert(1)</script>"
    explanation: "<b>Explained</b> <img src=http://127.0.0.1:PORT/expl.png>"
    note: "<i>noted</i> &amp; <style>*{color:red}</style>"
    source: {id: s1, section: "<u>Section</u>"}
  - id: choice
    type: choice
    topic: t1
    prompt: "Pick <a href='http://127.0.0.1:PORT/prompt'>one</a>"
    choices:
      - {text: "<b>Yes</b> & more", correct: true}
      - {text: "<img src='http://127.0.0.1:PORT/choice.png'>"}
      - {text: "<script>alert(2)</script>"}
    source: {id: s1, section: "<u>Section</u>"}
  - id: tf
    type: truefalse
    topic: t1
    statement: "<b>True</b> <iframe src='http://127.0.0.1:PORT/frame'></iframe>"
    answer: true
    source: {id: s1, section: "<u>Section</u>"}
  - id: typed
    type: typed
    topic: t1
    prompt: "Type <code>&lt;b&gt;</code> <img src=http://127.0.0.1:PORT/typed.png>"
    answers: ["<b>NMDA</b>"]
    source: {id: s1, section: "<u>Section</u>"}
  - id: cloze
    type: cloze
    topic: t1
    text: "The {{c1::<b>NMDA</b>}} receptor <a href='http://127.0.0.1:PORT/cloze'>link</a>"
    source: {id: s1, section: "<u>Section</u>"}
"""


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    _Counter.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def literal_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    """What the screen shows as text: labels, buttons, text edits (visible ones)."""
    texts = [w.text() for w in root.findChildren(QLabel) if w.isVisible()]
    texts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.toPlainText() for w in root.findChildren(QTextEdit) if w.isVisible()]
    return texts


def check_plain(window, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert window.findChildren(QTextBrowser) == []
    for label in window.findChildren(QLabel):
        assert not label.openExternalLinks()
        if label.textFormat() != Qt.TextFormat.PlainText:  # only app text, which has no markup
            assert "<" not in label.text() and "&" not in label.text(), label.text()
    for edit in window.findChildren(QTextEdit):
        assert edit.isReadOnly() or not edit.acceptRichText()
        assert "<img" not in edit.toHtml() and "<a " not in edit.toHtml()  # markup went in as text
    shown = "\n".join(literal_texts(window.study))
    for text in expected:
        assert text in shown, f"{text!r} is not shown literally"


def test_card_markup_is_shown_literally_and_nothing_is_fetched(qtbot, data_dir, tmp_path, server):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "markup.yaml").write_text(DECK.replace("PORT", str(server)), encoding="utf-8")
    clock = FixedClock(START)
    core = open_core(data_dir, clock=clock, seed=5, extra_deck_dirs=[decks], include_bundled=False)
    running = build_app(data_dir, core=core)
    assert running is not None
    try:
        window = show_loaded(qtbot, running)
        assert not core.library.failures
        press(qtbot, window, Qt.Key.Key_Return)  # Study
        session = window.nav.session
        url = f"http://127.0.0.1:{server}"
        seen = set()
        while session.phase != Phase.FINISHED and len(seen) < 5:
            shown = session.current
            seen.add(shown.card.id)
            kind = CardType(shown.kind)
            check_plain(window, [shown.prompt, "<b>Bold</b> deck", "<i>Topic</i>"])
            study = window.study
            if kind == CardType.CHOICE:
                check_plain(window, list(shown.choices))
                study.submit_choice([0])
            elif kind == CardType.TRUEFALSE:
                study.submit_truefalse(True)
            elif kind == CardType.TYPED:
                study.input.edit.setText(f"<img src={url}/typed-answer.png>")
                study.input.check()
            else:
                study.reveal()
            settle(1)
            assert session.phase == Phase.ANSWER
            after = [shown.answer, shown.source_line]
            if shown.explanation:
                after.append(shown.explanation)
            if shown.note:
                after.append(shown.note)
            if kind == CardType.TYPED:
                assert "Expected:  <b>NMDA</b>" in study.card.diff.toPlainText()  # the diff view, as text
            check_plain(window, after)
            window.grab()  # paint everything once, images included
            qtbot.mouseClick(study.grades.buttons[3], Qt.MouseButton.LeftButton)  # Easy
            settle(1)
        assert seen == {"basic", "choice", "tf", "typed", "cloze"}
        assert _Counter.hits == []  # not one request to any URL in the deck
    finally:
        running.close()
