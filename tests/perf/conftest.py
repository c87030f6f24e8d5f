"""Fixtures shared by the deck-cache tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.perf.helpers import PNG, all_kinds_deck


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    """A deck with every card type and an image, in ``tmp_path/decks``."""
    folder = tmp_path / "decks"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "fig.png").write_bytes(PNG)
    path = folder / "all.yaml"
    path.write_text(all_kinds_deck(), encoding="utf-8")
    return path
