"""A CSV cell is text: one that kquiz's YAML 1.2 reader would take for a number stays text (issue 21)."""

from __future__ import annotations

from pathlib import Path

from kquiz.decks import load_deck
from kquiz.interop.importer import import_file


def test_numbers_in_cells_come_back_as_the_same_text(tmp_path: Path) -> None:
    source = tmp_path / "numbers.csv"
    source.write_text(
        "front,back,type\nTen cubed?,1e3,typed\nOctal?,0o17,typed\nA half?,.5,basic\nMinus?,-2E-3,basic\n",
        encoding="utf-8",
    )
    out = tmp_path / "numbers.yaml"
    import_file(source, out)
    deck = load_deck(out)
    assert [getattr(c, "answers", None) or c.back for c in deck.cards] == [("1e3",), ("0o17",), ".5", "-2E-3"]
