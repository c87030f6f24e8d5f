"""UI test helpers: the real app window on a temp data dir with the small sample deck."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kquiz.app import open_core
from kquiz.clock import FixedClock
from kquiz.ui.launch import Running, build_app

from .keys import show_loaded

UI_DATA = Path(__file__).resolve().parent.parent / "data" / "ui"
SAMPLE_DECK = UI_DATA / "deck"
BROKEN_DECKS = UI_DATA / "broken"
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def pool_idle_after_each_test(qapp) -> Iterator[None]:
    """A UI test leaves no background work behind: a task still running in Qt's global thread pool
    would take a worker from the next test (2 workers on a 2-core machine) and make it time out."""
    yield
    from PySide6.QtCore import QThreadPool

    busy = QThreadPool.globalInstance().activeThreadCount()
    assert QThreadPool.globalInstance().waitForDone(30_000), f"{busy} background task(s) still running"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def start_app(qtbot, clock) -> Iterator[Callable[..., Running]]:
    """Open the app like ``kquiz`` does (deck folders fixed, bundled decks left out)."""
    opened: list[Running] = []
    hook = sys.excepthook

    def start(data_dir: Path, *, deck_dirs=(SAMPLE_DECK,), theme: str | None = None) -> Running:
        core = open_core(
            data_dir, clock=clock, seed=11, extra_deck_dirs=list(deck_dirs), include_bundled=False
        )
        if theme is not None:
            core.save_settings(core.settings().with_changes(theme=theme))
        running = build_app(data_dir, core=core)
        assert running is not None, "the data folder was locked"
        opened.append(running)
        show_loaded(qtbot, running)
        return running

    yield start
    for running in opened:
        running.close()
    sys.excepthook = hook
