"""Undo in a study session: every answer, suspend and bury is a step that can be taken back.

A step keeps the card's stored row from before (restored exactly, except a flag set since, which
stays), the review it logged (an answer) and the queue as it was, and says what it was in words
("your answer Good to “…”", "the suspend of “…”") so the screen can tell the learner what was undone.
``StudySession`` takes these methods from :class:`Undoing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kquiz.domain import Card, CardKey, Deck, Progress, StudyMode
from kquiz.study import answering
from kquiz.study import queue as q
from kquiz.study.model import Notice
from kquiz.study.ports import ProgressStoreLike


@dataclass
class UndoStep:
    key: CardKey
    kind: q.Kind
    previous: Progress | None
    review_id: int | None  # None: a suspend or bury
    queue: Any
    counted: tuple[int, int]  # (studied, correct) added by this step
    events: int  # len(events) before the step
    order: tuple[int, ...] = ()  # the choice order shown, so an undone card comes back as it was
    what: str = ""  # in words: "your answer Good to “…”", "the bury of “…”"
    siblings: tuple[tuple[CardKey, Progress | None], ...] = ()  # buried by this answer: their rows before


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Undoing:
    """The undo part of a study session (the attributes below are the session's own)."""

    _store: ProgressStoreLike
    _mode: StudyMode
    _progress: dict[CardKey, Progress]
    _cards: dict[CardKey, tuple[Deck, Card]]
    _queue: q.StudyQueue
    _undo: list[UndoStep]
    _studied: int
    _correct: int
    events: list[Notice]

    def _show(self, key: CardKey, kind: q.Kind, order: tuple[int, ...] = ()) -> None:
        raise NotImplementedError

    def _advance(self) -> None:
        raise NotImplementedError

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def undo_what(self) -> str:
        """What ``undo`` would take back, in words ("" when nothing)."""
        return self._undo[-1].what if self._undo else ""

    def undo(self) -> bool:
        """Take back the last answer, suspend or bury; False when there is nothing to undo."""
        if not self._undo:
            return False
        step = self._undo[-1]
        previous = answering.keeping_flag(step.key, step.previous, self._progress.get(step.key))
        if step.review_id is not None:
            # practice never touched the progress row: put back what is there now
            practice = self._mode == StudyMode.PRACTICE
            restore = self._progress.get(step.key) if practice else previous
            self._store.undo_review(step.review_id, restore)
        elif previous is None:
            self._store.delete_progress([step.key])
        else:
            self._store.save_progress(previous)
        for key, row in step.siblings:  # the siblings this answer buried, back as they were
            if row is None:
                self._store.delete_progress([key])
                self._progress.pop(key, None)
            else:
                self._store.save_progress(row)
                self._progress[key] = row
        self._undo.pop()  # only once the store has taken it back
        if self._mode == StudyMode.SCHEDULED or step.review_id is None:
            if previous is None:
                self._progress.pop(step.key, None)
            else:
                self._progress[step.key] = previous
        self._studied -= step.counted[0]
        self._correct -= step.counted[1]
        del self.events[step.events :]
        self._queue.restore(step.queue)
        self._queue.discard([k for k in self._queue.keys() if k not in self._cards])
        if step.key in self._cards:
            self._show(step.key, step.kind, step.order)
        else:
            self._advance()
        return True
