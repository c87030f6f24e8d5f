"""``was:`` renames: progress and answers move to the new id in one step, once; refused when both
ids hold progress; ``kquiz orphans`` suggests ``was:`` for an orphan whose content matches a card."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from study_builders import START, flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.app.authoring import load_decks
from kquiz.cli.main import main
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, Rating
from kquiz.errors import DeckError

OLD, NEW = CardKey("mine", "basic-00000"), CardKey("mine", "renamed")


def write(folder: Path, *, rename: bool, was: tuple[str, ...] = ("basic-00000",)) -> None:
    deck = make_deck("mine", 4)
    if rename:
        first = dataclasses.replace(deck.cards[0], id="renamed", was=was)
        deck = dataclasses.replace(deck, cards=(first, *deck.cards[1:]))
    write_deck(deck, folder)


def study_first(data: Path) -> None:
    with open_core(data, clock=FixedClock(START), include_bundled=False, seed=1) as core:
        core.load_library()
        session = core.start_session(Selection(keys=(OLD,)))
        flip_and_rate(session, 1, Rating.GOOD)


def test_a_renamed_card_keeps_its_progress_and_history_once(tmp_path: Path, capsys) -> None:
    decks = tmp_path / "decks"
    write(decks, rename=False)
    study_first(tmp_path)
    write(decks, rename=True)
    with open_core(tmp_path, clock=FixedClock(START), include_bundled=False) as core:
        core.load_library()
        assert core.rename_report == [
            "Moved the progress and history of mine/basic-00000 to mine/renamed (was: in its deck)."
        ]
        assert core.store.get(OLD) is None and core.store.get(NEW).memory.reps == 1
        assert [r.key for r in core.store.iter_reviews()] == [NEW]
        assert core.orphans() == []
        core.load_library()  # idempotent: nothing left to move
        assert core.rename_report == [] and core.store.get(NEW).memory.reps == 1
    assert main(["--data-dir", str(tmp_path), "orphans"]) == 0
    assert "No orphaned progress" in capsys.readouterr().out


def test_refused_when_both_ids_hold_progress(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    write(decks, rename=False)
    study_first(tmp_path)
    write(decks, rename=True)
    with open_core(tmp_path, clock=FixedClock(START), include_bundled=False) as core:
        core.install_library(dataclasses.replace(core.read_library()))  # moves it
        core.store.save_progress(dataclasses.replace(core.store.get(NEW), key=OLD))  # both hold progress
        core.load_library()
        assert core.rename_report and core.rename_report[0].startswith("Not moved: both mine/basic-00000")
        assert core.store.get(OLD) is not None and core.store.get(NEW) is not None


def test_orphans_suggests_was_for_a_renamed_card(tmp_path: Path, capsys) -> None:
    decks = tmp_path / "decks"
    write(decks, rename=False)
    study_first(tmp_path)
    write(decks, rename=True, was=("something-else",))  # renamed without saying so
    assert main(["--data-dir", str(tmp_path), "orphans"]) == 0
    out = capsys.readouterr().out
    assert "mine/basic-00000" in out and "add `was: [basic-00000]` to it" in out and "'renamed'" in out


@pytest.mark.parametrize(
    ("was", "words"),
    [(("basic-00001",), "is the id of a card in this deck"), (("renamed",), "is the id of a card")],
)
def test_a_former_id_must_be_unused(tmp_path: Path, was: tuple[str, ...], words: str) -> None:
    write(tmp_path, rename=True, was=was)
    with pytest.raises(DeckError, match=words):
        load_decks([tmp_path])


def test_two_cards_cannot_claim_one_former_id(tmp_path: Path) -> None:
    deck = make_deck("mine", 3)
    a = dataclasses.replace(deck.cards[0], was=("gone",))
    b = dataclasses.replace(deck.cards[1], was=("gone",))
    write_deck(dataclasses.replace(deck, cards=(a, b, deck.cards[2])), tmp_path)
    with pytest.raises(DeckError, match="claimed by two cards"):
        load_decks([tmp_path])
