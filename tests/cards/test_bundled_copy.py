"""A bundled deck copied to the learner's decks folder replaces the bundled one; progress carries over."""

from __future__ import annotations

from pathlib import Path

import pytest
from study_builders import START, flip_and_rate  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.app.bundled import copy_bundled_deck, is_bundled
from kquiz.clock import FixedClock
from kquiz.errors import KQuizError


def test_the_copy_replaces_the_bundled_deck_and_keeps_progress(tmp_path: Path) -> None:
    with open_core(tmp_path, clock=FixedClock(START), seed=3) as core:
        library = core.load_library()
        deck = library.deck("ketamine-foundations")
        assert deck is not None and is_bundled(deck.path) and not library.replaced
        studied = flip_and_rate(core.start_session(Selection(deck_ids=(deck.id,))), 2)
        copy = copy_bundled_deck(core, deck.id)
        assert copy.parent == core.paths.user_decks_dir and copy.read_bytes() == Path(deck.path).read_bytes()
        library = core.load_library()
        mine = library.deck(deck.id)
        assert mine is not None and Path(mine.path) == copy and not is_bundled(mine.path)
        assert not library.failures and library.deck_ids.count(deck.id) == 1
        assert library.replaced == (
            f"Your copy of the deck '{deck.title}' ({copy}) replaces the one bundled with kquiz.",
        )
        assert all(core.store.get(k).memory.reps == 1 for k in studied)  # same ids: progress kept
        with pytest.raises(KQuizError, match="not one of kquiz's bundled decks"):
            copy_bundled_deck(core, deck.id)  # the copy is the learner's own


def test_a_second_copy_gets_a_new_file_name(tmp_path: Path) -> None:
    with open_core(tmp_path, clock=FixedClock(START)) as core:
        core.load_library()
        first = copy_bundled_deck(core, "ketamine-risks")
        first.rename(first.with_suffix(".bak"))  # the learner moved their copy away
        (core.paths.user_decks_dir / "risks.yaml").write_text("not a deck of that id\n")
        second = copy_bundled_deck(core, "ketamine-risks")
        assert second.name == "risks-2.yaml"
