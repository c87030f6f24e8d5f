"""Answers do not live only in the -wal file (issue 21): the end of a session and closing checkpoint
them into the main progress file, so a -wal deleted after a crash (a cleanup, a sync tool, a backup
of the main file only) loses nothing acknowledged before the last session ended."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from study_builders import flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.domain import Rating


def _answers_in_main_file_only(db: Path, tmp: Path) -> int:
    copy = tmp / "main-only.sqlite3"
    shutil.copyfile(db, copy)  # the -wal and -shm are left behind, as a careless backup does
    with sqlite3.connect(copy) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0])


def test_the_end_of_a_session_puts_its_answers_in_the_main_file(data_dir, clock, tmp_path) -> None:
    write_deck(make_deck("mine", 30), data_dir / "decks")
    core = open_core(data_dir, clock=clock, include_bundled=False)
    try:
        core.load_library()
        flip_and_rate(core.start_session(Selection(deck_ids=("mine",))), 20, Rating.GOOD)
        assert core.checkpoint()  # what the study screen's summary does
        assert _answers_in_main_file_only(core.paths.progress_db, tmp_path) == 20
    finally:
        core.close()
    wal = Path(str(core.paths.progress_db) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
