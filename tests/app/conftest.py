"""Front-door tests: a real data dir, real YAML deck files, a fixed clock."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "study"))  # study_builders

from study_builders import START  # type: ignore[import-not-found]

from kquiz.clock import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "my-decks"
    folder.mkdir()
    return folder
