"""Keep stored progress in step with decks that change under the learner.

* A card whose studied content changed (``card_content_hash`` differs from the hash stored when it
  was last studied) keeps its progress and is marked ``changed``, so the UI can offer a reset.
  If the text goes back to what was studied, the mark is cleared again.
* A card that disappears keeps its progress as an *orphan* (``orphans``); when a card with the same
  deck id and card id comes back, its progress is simply found again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from kquiz.decks import card_content_hash
from kquiz.domain import CardKey, Deck, Progress
from kquiz.study.ports import ProgressStoreLike


def sync_changed(
    store: ProgressStoreLike, decks: Iterable[Deck], progress: Mapping[CardKey, Progress]
) -> list[Progress]:
    """Mark (or unmark) changed cards in ``decks``; saves (in one transaction) and returns the progress
    rows it updated."""
    updated: list[Progress] = []
    for deck in decks:
        for card in deck.cards:
            prog = progress.get(CardKey(deck.id, card.id))
            if prog is None:
                continue
            digest = card_content_hash(card)
            if not prog.content_hash:
                new = replace(prog, content_hash=digest)
            else:
                new = replace(prog, changed=prog.content_hash != digest)
            if new != prog:
                updated.append(new)
    if updated:
        store.save_many(updated)
    return updated


def orphans(decks: Iterable[Deck], progress: Mapping[CardKey, Progress]) -> list[Progress]:
    """Progress rows whose card is in none of ``decks`` (sorted by key)."""
    present = {CardKey(d.id, c.id) for d in decks for c in d.cards}
    return sorted((p for k, p in progress.items() if k not in present), key=lambda p: p.key)
