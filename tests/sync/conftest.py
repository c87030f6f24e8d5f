"""Sync tests: several real data folders (each its own SQLite store and fixed clock) and one shared
folder, as a sync engine would keep it; the engine itself is played by plain file copies."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "study"))  # study_builders
sys.path.insert(0, str(Path(__file__).resolve().parent))  # devices

from devices import Device  # type: ignore[import-not-found]
from study_builders import make_deck, write_deck  # type: ignore[import-not-found]


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    write_deck(make_deck("alpha", 12), folder)
    return folder


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


@pytest.fixture
def make_device(tmp_path: Path, decks: Path, shared: Path):  # type: ignore[no-untyped-def]
    made: list[Device] = []

    def make(name: str, *, folder: Path | None = None, **kwargs: object) -> Device:
        device = Device(tmp_path / name, decks, folder or shared, **kwargs)
        made.append(device)
        return device

    yield make
    for device in made:
        device.close()
