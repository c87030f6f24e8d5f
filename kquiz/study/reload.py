"""Decks changing under the learner: a deck file saved during a session (live reload).

New text for the deck's cards shows at once (the current card too); removed cards leave the queue,
their progress kept; cards added to the deck join the next session, not this one.
``StudySession`` takes ``replace_deck`` from :class:`Reloading`.
"""

from __future__ import annotations

import random

from kquiz.domain import Card, CardKey, ChoiceCard, Deck, Progress
from kquiz.study import queue as q
from kquiz.study import render, siblings
from kquiz.study.model import Notice, ShownCard
from kquiz.study.ports import ProgressStoreLike
from kquiz.study.sync import sync_changed


class Reloading:
    """The live-reload part of a study session (the attributes below are the session's own)."""

    _store: ProgressStoreLike
    _decks: dict[str, Deck]
    _cards: dict[CardKey, tuple[Deck, Card]]
    _keys: list[CardKey]
    _queue: q.StudyQueue
    _progress: dict[CardKey, Progress]
    _hash_cache: dict[CardKey, str]
    _groups: siblings.Groups
    _order: list[int]
    _rng: random.Random
    events: list[Notice]
    current: ShownCard | None

    def _advance(self) -> None:
        raise NotImplementedError

    def replace_deck(self, deck: Deck) -> None:
        """Live reload: new text for the deck's cards; removed cards leave the queue (progress kept).

        Cards added to the deck join the next session, not this one.
        """
        old = self._decks.get(deck.id)
        self._decks[deck.id] = deck
        for key in [k for k in self._cards if k.deck_id == deck.id]:
            del self._cards[key]
        self._cards.update({CardKey(deck.id, c.id): (deck, c) for c in deck.cards})
        self._groups = siblings.sibling_index(self._cards)
        gone = [k for k in self._keys if k.deck_id == deck.id and k not in self._cards]
        if gone:
            self._queue.discard(gone)
            self._keys = [k for k in self._keys if k not in set(gone)]
            self.events.append(
                Notice(
                    "removed",
                    f"{len(gone)} card(s) were removed from “{deck.title}”; "
                    "their progress is kept in case they come back.",
                )
            )
        self._hash_cache = {k: v for k, v in self._hash_cache.items() if k.deck_id != deck.id}
        for prog in sync_changed(self._store, [deck], self._progress):
            self._progress[prog.key] = prog
        if old is None or self.current is None or self.current.key.deck_id != deck.id:
            return
        if self.current.key not in self._cards:
            self._advance()
            return
        _deck, card = self._cards[self.current.key]
        if isinstance(card, ChoiceCard) and sorted(self._order) != list(range(len(card.choices))):
            self._order = render.choice_order(card, self._rng)
        self.current = render.shown_card(deck, card, self._progress.get(self.current.key), self._order)
