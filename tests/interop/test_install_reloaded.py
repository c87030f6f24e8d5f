"""install_reloaded_deck: a reloaded file replaces its own deck in a real core's library."""

from __future__ import annotations

from pathlib import Path

import pytest

from kquiz.app import open_core
from kquiz.app.authoring import install_reloaded_deck, reload_deck
from kquiz.errors import DeckError

DECK = (
    "kquiz: 1\nid: {id}\ntitle: {title}\ntopics: [{{id: t, title: T}}]\ncards:\n"
    "  - {{id: c1, type: basic, topic: t, front: F, back: B}}\n"
)


def _write(folder: Path, name: str, deck_id: str, title: str) -> Path:
    path = folder / name
    path.write_text(DECK.format(id=deck_id, title=title), encoding="utf-8")
    return path


@pytest.fixture
def setup(tmp_path: Path, data_dir: Path):
    folder = tmp_path / "decks"
    folder.mkdir()
    a = _write(folder, "a.yaml", "deck-a", "A")
    b = _write(folder, "b.yaml", "deck-b", "B")
    broken = folder / "c.yaml"
    broken.write_text("kquiz: 1\nid: deck-c\n", encoding="utf-8")
    core = open_core(data_dir, extra_deck_dirs=[folder], include_bundled=False)
    core.load_library()
    yield core, a, b, broken
    core.close()


def test_replaces_in_place_and_follows_an_id_change(setup):
    core, a, _b, _ = setup
    assert core.library.deck_ids == ("deck-a", "deck-b")
    _write(a.parent, "a.yaml", "deck-a", "A renamed")
    install_reloaded_deck(core, reload_deck(a))
    assert core.library.deck_ids == ("deck-a", "deck-b")
    assert core.deck("deck-a").title == "A renamed"
    _write(a.parent, "a.yaml", "deck-a2", "A2")
    install_reloaded_deck(core, reload_deck(a))
    assert core.library.deck_ids == ("deck-a2", "deck-b")


def test_a_fixed_file_joins_the_library_and_its_failure_goes(setup):
    core, _, _, broken = setup
    assert any(p.path and Path(p.path).name == "c.yaml" for f in core.library.failures for p in f.problems)
    _write(broken.parent, "c.yaml", "deck-c", "C")
    install_reloaded_deck(core, reload_deck(broken))
    assert core.library.deck_ids == ("deck-a", "deck-b", "deck-c")
    assert not any(
        p.path and Path(p.path).name == "c.yaml" for f in core.library.failures for p in f.problems
    )


def test_an_id_taken_by_another_file_is_refused_and_nothing_changes(setup):
    core, a, _, _ = setup
    before = core.library
    _write(a.parent, "a.yaml", "deck-b", "Copy of B")
    with pytest.raises(DeckError, match="already used by"):
        install_reloaded_deck(core, reload_deck(a))
    assert core.library is before
