"""Progress changed outside a study session's own answers: a changed card started again as new, and
rows the card browser changed while the session is open. ``StudySession`` takes these methods from
:class:`OutsideChanges` (the attributes below are the session's own)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from kquiz.clock import Clock
from kquiz.domain import Card, CardKey, Deck, Progress, StudyMode
from kquiz.study import queue as q
from kquiz.study.model import Phase, ShownCard
from kquiz.study.ports import ProgressStoreLike


class OutsideChanges:
    _store: ProgressStoreLike
    _clock: Clock
    _mode: StudyMode
    _progress: dict[CardKey, Progress]
    _cards: dict[CardKey, tuple[Deck, Card]]
    _queue: q.StudyQueue
    current: ShownCard | None

    def _hash(self, key: CardKey) -> str:
        raise NotImplementedError

    def _need(self, phase: Phase, action: str) -> None:
        raise NotImplementedError

    def _need_card(self, action: str) -> ShownCard:
        raise NotImplementedError

    def reset_changed(self) -> None:
        """Start the current card again as new: its text changed since it was last answered, and the
        learner chose not to keep the old schedule. Its stored row is deleted (as a reset everywhere);
        the answer history is kept. Only before answering."""
        self._need(Phase.QUESTION, "reset a card")
        current = self._need_card("reset a card")
        self._store.delete_progress([current.key])  # a reset as the sync journal reads one: no row
        self._progress.pop(current.key, None)
        self.current = replace(current, changed=False, is_new=True, flagged=False, leech=False)

    def reread(self, keys: Iterable[CardKey]) -> None:
        """Progress changed outside the session (the card browser): read these cards' rows again, so
        an answer never writes back what was there before. In a scheduled session the cards now
        suspended or buried leave the queue (the card on screen stays until it is answered)."""
        mine = [k for k in keys if k in self._cards]
        if not mine:
            return
        stored = self._store.all_progress(sorted({k.deck_id for k in mine}))
        now = self._clock.now()
        shown = self.current.key if self.current is not None else None
        gone = []
        for key in mine:
            prog = stored.get(key)
            if prog is None:
                self._progress.pop(key, None)
                continue
            self._progress[key] = prog
            aside = prog.suspended or (prog.buried_until is not None and prog.buried_until > now)
            if aside and key != shown:
                gone.append(key)
        if gone and self._mode == StudyMode.SCHEDULED:
            self._queue.discard(gone)
