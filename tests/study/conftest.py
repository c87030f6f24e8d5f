"""Study-test fixtures: a fixed clock, a seeded RNG, a real SQLite store in tmp_path."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from study_builders import START, make_deck  # type: ignore[import-not-found]

from kquiz.clock import FixedClock
from kquiz.domain import Deck


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(1234)


@pytest.fixture
def deck_factory() -> Callable[..., Deck]:
    return make_deck


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> Iterator[object]:
    from kquiz.storage import ProgressStore

    with ProgressStore.open(tmp_path / "progress.sqlite3", clock=clock) as opened:
        yield opened
