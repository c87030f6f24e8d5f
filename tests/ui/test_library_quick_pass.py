"""One slow or hostile deck file never keeps the good decks from showing (issue 21): the first load
reads small files first and draws them, then reads the big ones."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from kquiz.app import open_core
from kquiz.ui.launch import build_app
from kquiz.ui.library.model import LibraryData

from .conftest import SAMPLE_DECK

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from make_hostile_corpus import large_cases


def test_good_decks_show_before_a_big_bad_file_is_read(qtbot, data_dir, clock, tmp_path):
    decks = tmp_path / "decks"
    shutil.copytree(SAMPLE_DECK, decks)
    (decks / "zz-huge.yaml").write_text(large_cases()["large_bare_items.yaml"], encoding="utf-8")
    core = open_core(data_dir, clock=clock, seed=11, extra_deck_dirs=[decks], include_bundled=False)
    running = build_app(data_dir, core=core, load=False)
    assert running is not None
    try:
        loader = running.window.loader
        drawn: list[tuple[LibraryData, bool]] = []
        loader.loaded.connect(lambda data: drawn.append((data, loader.busy)))
        loader.load()
        qtbot.waitUntil(lambda: bool(drawn), timeout=60000)
        first, busy = drawn[0]
        assert busy  # the big file is still being read
        assert first.decks and not first.failed  # the good deck is listed already
        assert running.window.library.progress.isVisibleTo(running.window.library)
        qtbot.waitUntil(lambda: not loader.busy, timeout=120000)
        last, busy = drawn[-1]
        assert not busy and len(drawn) == 2
        assert [d.id for d in last.decks] == [d.id for d in first.decks]
        assert [Path(f.path).name for f in last.failed] == ["zz-huge.yaml"]
        assert "cards from line 205 on were not checked" in last.failed[0].problems[-1]
        assert not running.window.library.progress.isVisibleTo(running.window.library)
    finally:
        running.close()
