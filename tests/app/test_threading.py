"""The core's threading rule (kquiz/app/core.py): the opening thread owns it; other threads only read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from study_builders import flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection, Settings, open_core
from kquiz.app.core import Core
from kquiz.domain import Rating


def on_other_thread(fn: Callable[[], Any]) -> Any:
    """Run ``fn`` on a fresh thread; return its result, or re-raise what it raised."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in out:
        raise out["error"]
    return out["value"]


def _open(data_dir: Path, clock: Any, deck_dir: Path, **kw: Any) -> Core:
    write_deck(make_deck("alpha", 6), deck_dir)
    return open_core(data_dir, clock=clock, seed=3, extra_deck_dirs=[deck_dir], include_bundled=False, **kw)


def test_the_suite_runs_with_the_checks_on(data_dir, deck_dir, clock) -> None:
    with _open(data_dir, clock, deck_dir) as core:
        assert core._check_threads and core.store.check_owner  # KQUIZ_CHECK_THREADS=1 in tests/conftest.py


def test_reads_run_anywhere_writes_only_on_the_owner(data_dir, deck_dir, clock) -> None:
    with _open(data_dir, clock, deck_dir) as core:
        library = on_other_thread(core.read_library)  # deck files only
        core.install_library(library)
        assert on_other_thread(lambda: core.counts("alpha")).new == 6
        assert on_other_thread(core.settings) == core.settings()
        session = on_other_thread(lambda: core.start_session(Selection(deck_ids=("alpha",))))
        flip_and_rate(session, 2, Rating.GOOD)  # the session writes here, on the owner thread
        assert core.store.count_reviews() == 2

        writes: list[Callable[[], Any]] = [
            core.load_library,
            lambda: core.install_library(library),
            lambda: core.replace_deck(library.decks[0]),
            lambda: core.add_deck_folder(deck_dir),
            lambda: core.remember_deck_folder(deck_dir),
            lambda: core.save_settings(Settings()),
            core.reset_parameters,
            core.delete_orphans,
            lambda: core.reset_progress([]),
            lambda: core.mark_cards([], flagged=True),
            core.close,
        ]
        for write in writes:
            with pytest.raises(AssertionError, match="owner thread"):
                on_other_thread(write)
        with pytest.raises(AssertionError, match="progress store write"):  # a session's write, too
            on_other_thread(lambda: flip_and_rate(session, 1, Rating.GOOD))
        assert core.store.count_reviews() == 2
        assert core.deck_folders() == []


def test_the_checks_can_be_turned_off(data_dir, deck_dir, clock) -> None:
    with _open(data_dir, clock, deck_dir, check_threads=False) as core:
        assert not core._check_threads
        on_other_thread(core.load_library)  # not asserted (the store still checks its own writes)
        assert [d.id for d in core.library.decks] == ["alpha"]
