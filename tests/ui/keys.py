"""Keyboard helpers: keys go where a real keyboard would send them (the focused widget)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kquiz.domain import Rating
from kquiz.ui.workers import wait_idle


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):
        wait_idle()
        QApplication.processEvents()


def show_loaded(qtbot, running: Any, timeout: int = 20000) -> Any:
    """The started app's window exposed, active (shortcuts need it) and its library loaded."""
    window = running.window
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=timeout)
    settle()
    return window


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's keyboard would send it: the focused widget."""
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifier)
    settle(1)


def type_text(qtbot, window, text: str) -> None:
    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, text)


def key_for(text: str) -> Any:
    return {" ": Qt.Key.Key_Space, "\n": Qt.Key.Key_Return}.get(text, text)


def cloze_answer(text: str) -> str:
    return " | ".join(m.group(1) for m in re.finditer(r"\{\{c\d+::(.*?)(?:::.*?)?\}\}", text))


def answer_by_keyboard(qtbot, window, session, plan: dict[str, str]) -> tuple[str, Rating, str]:
    """Answer the shown card with keys only. ``plan`` maps a kind to "right", "wrong" or "flip".

    Returns (card id, the rating that must be logged, kind).
    """
    shown = session.current
    kind = str(shown.kind)
    how = plan.get(kind, "right")
    card = shown.card
    if kind in ("basic", "reversed") or how == "flip":
        press(qtbot, window, Qt.Key.Key_Space)
        assert session.phase.name == "ANSWER"
        press(qtbot, window, Qt.Key.Key_3)
        return shown.key.card_id, Rating.GOOD, kind
    if kind == "choice":
        right = [
            i for i, t in enumerate(shown.choices) if any(c.text == t and c.correct for c in card.choices)
        ]
        wrong = [i for i in range(len(shown.choices)) if i not in right]
        picks = right if how == "right" else wrong[:1]
        for i in picks:
            press(qtbot, window, getattr(Qt.Key, f"Key_{i + 1}"))
        if len(right) > 1:
            press(qtbot, window, Qt.Key.Key_Return)
        assert session.phase.name == "ANSWER"
        if len(right) > 1:  # several right choices: override the suggestion with 4 (Easy)
            press(qtbot, window, Qt.Key.Key_4)
            return shown.key.card_id, Rating.EASY, kind
        expected = Rating.GOOD if how == "right" else Rating.AGAIN
        press(qtbot, window, Qt.Key.Key_Return)  # Enter accepts the suggested rating
        return shown.key.card_id, expected, kind
    if kind == "truefalse":
        value = card.answer if how == "right" else not card.answer
        press(qtbot, window, Qt.Key.Key_T if value else Qt.Key.Key_F)
        assert session.phase.name == "ANSWER"
        press(qtbot, window, Qt.Key.Key_Space)
        return shown.key.card_id, Rating.GOOD if how == "right" else Rating.AGAIN, kind
    text = card.answers[0] if kind == "typed" else cloze_answer(card.text)
    if how == "wrong":
        text = "zz" + text[::-1]
    type_text(qtbot, window, text)
    press(qtbot, window, Qt.Key.Key_Return)
    assert session.phase.name == "ANSWER", session.phase
    press(qtbot, window, Qt.Key.Key_Return)
    return shown.key.card_id, Rating.GOOD if how == "right" else Rating.AGAIN, kind
