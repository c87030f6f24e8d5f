"""Studying: the queue, quiz grading and the session state machine (no Qt; clock and RNG passed in).

Modules: ``grading`` (quiz types grade themselves), ``queue`` (what comes next, and why),
``planning`` (today's context from the store), ``session`` (the state machine), ``render`` (a card
as shown), ``sync`` (changed and orphaned cards), ``undo`` (the session's steps taken back), ``settings``,
``model`` (plain data).
Names below are imported lazily so that importing a light module (``model``) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Counts": "model",
    "Notice": "model",
    "Phase": "model",
    "Selection": "model",
    "SessionSummary": "model",
    "ShownCard": "model",
    "DiffPart": "grading",
    "Grade": "grading",
    "grade_choice": "grading",
    "grade_cloze_typed": "grading",
    "grade_truefalse": "grading",
    "grade_typed": "grading",
    "Kind": "queue",
    "LEARN_AHEAD": "queue",
    "StudyQueue": "queue",
    "StudySession": "session",
    "Settings": "settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kquiz.study' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"kquiz.study.{module}"), name)
    globals()[name] = value
    return value
