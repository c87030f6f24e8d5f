"""``kquiz sync`` on two real data folders: set the folder once, run rounds, read the status."""

from __future__ import annotations

from pathlib import Path

import pytest
from study_builders import START, flip_and_rate  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.cli.main import main
from kquiz.clock import FixedClock


def _kquiz(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_sync_from_the_command_line(
    tmp_path: Path, decks: Path, shared: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert _kquiz(a, "sync", "--status") == 0
    assert "Sync is off" in capsys.readouterr().out
    assert _kquiz(a, "sync") == 1  # no folder yet
    capsys.readouterr()
    for data in (a, b):
        assert _kquiz(data, "sync", "--folder", str(shared)) == 0
        assert f"Syncing through {shared.resolve()}" in capsys.readouterr().out
    with open_core(a, clock=FixedClock(START), extra_deck_dirs=[decks], include_bundled=False) as core:
        core.load_library()
        flip_and_rate(core.start_session(Selection(deck_ids=("alpha",))), 3)
    assert _kquiz(a, "sync") == 0
    assert "Sent 3 changes" in capsys.readouterr().out
    assert _kquiz(b, "sync") == 0
    assert "merged 3 from 1 new segment (1 other device)" in capsys.readouterr().out
    assert _kquiz(b, "sync", "--status") == 0
    out = capsys.readouterr().out
    assert "Synced just now · 1 other device" in out and "This device: " in out
    with open_core(b) as core:
        assert len(list(core.store.iter_reviews())) == 3 and len(core.store.all_progress()) == 3
    assert _kquiz(b, "sync", "--off") == 0 and _kquiz(b, "sync") == 1
