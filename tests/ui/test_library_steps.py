"""A first start with big decks fills the library deck by deck (issue 20): the small files are drawn
at once, then each big file as soon as it is read, the progress bar shown until the last."""

from __future__ import annotations

import shutil

from kquiz.app import open_core
from kquiz.ui.launch import Running, build_app
from kquiz.ui.library.model import LibraryData
from tests.app.test_library_steps import big

from .conftest import SAMPLE_DECK


def app_with_two_big_decks(data_dir, clock, tmp_path) -> Running:
    """The app on the sample deck plus two big deck files, not loaded yet."""
    decks = tmp_path / "decks"
    shutil.copytree(SAMPLE_DECK, decks)
    (decks / "x-big-one.yaml").write_text(big("big-one"), encoding="utf-8")
    (decks / "y-big-two.yaml").write_text(big("big-two"), encoding="utf-8")
    core = open_core(data_dir, clock=clock, seed=11, extra_deck_dirs=[decks], include_bundled=False)
    running = build_app(data_dir, core=core, load=False)
    assert running is not None
    return running


def test_big_decks_are_drawn_one_by_one_as_they_are_read(qtbot, data_dir, clock, tmp_path):
    running = app_with_two_big_decks(data_dir, clock, tmp_path)
    try:
        window, loader = running.window, running.window.loader
        drawn: list[tuple[LibraryData, bool, int, bool]] = []

        def seen(data: LibraryData) -> None:
            rows = window.library.tree.topLevelItemCount()
            drawn.append((data, loader.busy, rows, window.library.progress.isVisibleTo(window.library)))

        loader.loaded.connect(seen)
        loader.step_seconds = 0  # one file per step (by default, files read quickly come together)
        loader.load()
        qtbot.waitUntil(lambda: not loader.busy, timeout=120000)
        ids = [sorted(d.id for d in data.decks) for data, *_ in drawn]
        small = ids[0]
        assert "big-one" not in small and "big-two" not in small and small
        assert ids == [small, sorted([*small, "big-one"]), sorted([*small, "big-one", "big-two"])]
        assert [busy for _d, busy, _r, _p in drawn] == [True, True, False]
        assert [rows for *_x, rows, _p in drawn] == [len(i) for i in ids]  # drawn when announced
        assert [bar for *_x, bar in drawn] == [True, True, False]
        last = drawn[-1][0]
        assert [d.new for d in last.decks if d.id.startswith("big")] == [20, 20]  # the daily limit
        assert not last.failed and len(window.core.library.decks) == len(ids[-1])
    finally:
        running.close()


def test_files_read_quickly_come_in_one_step(qtbot, data_dir, clock, tmp_path):
    running = app_with_two_big_decks(data_dir, clock, tmp_path)
    try:
        loader = running.window.loader
        drawn: list[tuple[int, bool]] = []
        loader.loaded.connect(lambda data: drawn.append((len(data.decks), loader.busy)))
        loader.step_seconds = 60  # every pending file read within the step's time
        loader.load()
        qtbot.waitUntil(lambda: not loader.busy, timeout=120000)
        assert len(drawn) == 2 and drawn[0][1] and not drawn[1][1]
        assert drawn[1][0] == drawn[0][0] + 2
    finally:
        running.close()
