"""Folders of decks: good decks load even when one is broken; ids are unique across files."""

from __future__ import annotations

from pathlib import Path

from kquiz.decks import find_deck_files, load_folder
from tests.decks.helpers import BASIC, deck


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_good_decks_load_beside_a_broken_one(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", deck(BASIC.format(id="a")).replace("id: rules", "id: deck-a"))
    broken = _write(
        tmp_path / "sub" / "b.yml", deck(BASIC.format(id="a").replace("topic: risks", "topic: x"))
    )
    _write(tmp_path / "notes.txt", "not a deck")
    result = load_folder(tmp_path)
    assert [d.id for d in result.decks] == ["deck-a"]
    (error,) = result.errors
    assert [str(p) for p in error.problems] == [
        f"{broken}:13:12: card 'a': unknown topic 'x' (the deck's topics: risks)"
    ]


def test_deck_id_used_twice_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path / "1.yaml", deck(BASIC.format(id="a")))
    second = _write(tmp_path / "2.yaml", deck(BASIC.format(id="b")))
    result = load_folder(tmp_path)
    assert [d.path for d in result.decks] == [str(first)]
    (error,) = result.errors
    (problem,) = error.problems
    assert (problem.path, problem.line, problem.column) == (str(second), 2, 1)
    assert problem.message == f"deck id 'rules' is already used by {first}; every deck needs its own id"


def test_missing_folder_holds_no_decks(tmp_path: Path) -> None:
    result = load_folder(tmp_path / "nope")
    assert result.decks == () and result.errors == ()


def test_find_deck_files(tmp_path: Path) -> None:
    a = _write(tmp_path / "d" / "a.yaml", "x")
    b = _write(tmp_path / "d" / "deeper" / "b.YML", "x")
    _write(tmp_path / "d" / ".hidden" / "c.yaml", "x")
    _write(tmp_path / "d" / ".d.yaml", "x")
    _write(tmp_path / "d" / "c.json", "x")
    explicit = _write(tmp_path / "deck.txt", "x")
    found = find_deck_files([tmp_path / "d", explicit, a, tmp_path / "missing"])
    assert found == [a, b, explicit]
