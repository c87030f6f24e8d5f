"""The corpus of authoring slips (tests/decks/slip_corpus.py) through the app: the reload banner and
the library's listing of a deck that failed show each slip's one message, its line with a caret under
the column, and the hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontInfo, QTextDocumentFragment

from kquiz.decks import load_text
from kquiz.errors import DeckError, Problem
from kquiz.ui.reload_banner import ReloadBanner
from tests.decks.slip_corpus import SLIPS
from tests.decks.slips import Slip

from .test_library import all_item_texts


def _problems(slip: Slip, path: str) -> list[Problem]:
    with pytest.raises(DeckError) as caught:
        load_text(slip.text(), path)
    return caught.value.problems


@pytest.mark.parametrize("slip", SLIPS, ids=lambda s: s.name)
def test_banner_shows_the_caret_line_and_the_hint(qtbot, slip: Slip) -> None:
    banner = ReloadBanner()
    qtbot.addWidget(banner)
    banner.set_problems("/decks/moons.yaml", _problems(slip, "/decks/moons.yaml"))
    assert "moons.yaml: 1 problem after the last save" in banner.title.text()
    line, column = slip.pos
    shown = banner.details.text().splitlines()
    assert shown[0] == f"/decks/moons.yaml:{line}:{column}: {slip.message}"
    assert shown[1] == f"    {line} | {slip.line()}"
    assert shown[2].endswith("^") and shown[2].startswith(" " * (4 + len(str(line))) + " | ")
    assert shown[3] == f"    hint: {slip.hint}"
    assert len(shown) == 4  # one slip, one message


def test_banner_details_use_a_fixed_pitch_font_so_the_caret_lines_up(qtbot) -> None:
    banner = ReloadBanner()
    qtbot.addWidget(banner)
    assert QFontInfo(banner.details.font()).fixedPitch()


def test_library_lists_a_broken_deck_with_the_caret_and_hint_in_its_tooltip(
    qtbot, data_dir, start_app, tmp_path: Path
) -> None:
    slip = next(s for s in SLIPS if s.name == "colon")
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "moons.yaml").write_text(slip.text(), encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(folder,))
    tree = running.window.library.tree
    texts = all_item_texts(tree)
    first = f"{folder / 'moons.yaml'}:15:27: {slip.message}"
    assert first in texts
    item = tree.topLevelItem(tree.topLevelItemCount() - 1).child(0)
    assert item.text(0) == first
    tooltip = (
        QTextDocumentFragment.fromHtml(item.toolTip(0)).toPlainText().splitlines()
    )  # shown as plain text
    assert tooltip[1:] == [
        "    15 |     front: Jupiter's moons: which one has the most volcanoes?",
        "       |                           ^",
        f"    hint: {slip.hint}",
    ]
