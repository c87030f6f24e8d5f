"""Disk full on write, and a data folder that is missing or cannot be written.

The "full disk" is real SQLite behaviour: ``PRAGMA max_page_count`` caps the file at its current
size and every free byte is used up, so the next write fails with SQLITE_FULL ("database or disk
is full") exactly as on a full drive; raising the cap is freeing disk space. (Tests run as root,
where a read-only chmod does not stop writes, so that case is simulated at the probe.)
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kquiz.app import Phase, Selection, open_core
from kquiz.app.startup import check_data_dir, open_app_core
from kquiz.clock import FixedClock
from kquiz.domain import Rating
from kquiz.errors import StorageError
from kquiz.paths import resolve_paths

DECK = Path(__file__).resolve().parents[1] / "data" / "ui" / "deck"
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NO_LIMIT = 1073741823


def fill_disk(connection: sqlite3.Connection) -> None:
    """Cap the file at its size, then fill every page: the next write that needs room fails."""
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    assert connection.execute(f"PRAGMA max_page_count = {pages}").fetchone()[0] == pages
    n = 0
    for size in (3000, 800, 200, 50, 10, 1):
        while True:
            try:
                connection.execute(
                    "INSERT INTO settings (name, value) VALUES (?, ?)", (f"fill-{n:05d}", "0" * size)
                )
            except sqlite3.OperationalError as exc:
                assert "full" in str(exc)
                break
            n += 1


def free_disk(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA max_page_count = {NO_LIMIT}")


def reviews(core) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for _ in core.store.iter_reviews())


def answer_until_the_disk_is_full(core, session, clock):  # type: ignore[no-untyped-def]
    """Keep answering (Again: the cards keep coming back) until a save fails; return the error."""
    for _ in range(200):
        assert session.phase == Phase.QUESTION
        session.reveal()
        clock.advance(minutes=2)
        try:
            session.rate(Rating.AGAIN)
        except StorageError as exc:
            return exc
    raise AssertionError("the disk never filled up")


def test_disk_full_keeps_the_card_and_a_retry_saves_it(data_dir):
    clock = FixedClock(START)
    core = open_core(data_dir, clock=clock, seed=2, extra_deck_dirs=[DECK], include_bundled=False)
    try:
        core.load_library()
        session = core.start_session(Selection())
        session.reveal()
        session.rate(Rating.GOOD)
        fill_disk(core.store.connection)
        saved_before = reviews(core)
        error = answer_until_the_disk_is_full(core, session, clock)
        saved = reviews(core)
        assert saved >= saved_before
        # the failed answer: not saved, not reported as saved, the same card still waiting for its grade
        assert "the disk is full. Free some disk space, then try again" in str(error)
        assert "Everything saved before is safe" in str(error)
        failed_key = session.current.key
        progress_before = core.store.get(failed_key)
        assert session.phase == Phase.ANSWER
        assert reviews(core) == saved
        # retrying while the disk is still full fails the same way and changes nothing
        with pytest.raises(StorageError):
            session.rate(Rating.AGAIN)
        assert session.phase == Phase.ANSWER and session.current.key == failed_key
        assert core.store.get(failed_key) == progress_before
        # space freed: the same grade is saved on retry, and the session moves on
        free_disk(core.store.connection)
        session.rate(Rating.AGAIN)
        assert reviews(core) == saved + 1
        last = list(core.store.iter_reviews())[-1]
        assert last.key == failed_key and last.rating == Rating.AGAIN
        assert core.store.get(failed_key).memory == last.after
        assert core.store.verify() == []
    finally:
        core.close()
    # every answer the session reported as saved is on disk after reopening
    with open_core(data_dir, clock=clock, include_bundled=False) as again:
        assert reviews(again) == saved + 1


def test_a_missing_data_folder_is_created(tmp_path):
    folder = tmp_path / "not" / "there" / "yet"
    core = open_app_core(folder, clock=FixedClock(START), include_bundled=False)
    try:
        assert (folder / "progress.sqlite3").is_file()
        assert [p.name for p in folder.iterdir() if p.name.startswith(".kquiz-write-test")] == []
    finally:
        core.close()


def test_a_data_folder_that_cannot_exist_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError) as info:
        open_app_core(blocker / "kquiz", clock=FixedClock(START))
    message = str(info.value)
    assert message.startswith(f"kquiz cannot write to its data folder {blocker / 'kquiz'}")
    assert "--data-dir" in message and "Traceback" not in message
    assert blocker.read_text() == "not a folder"


def test_a_read_only_data_folder_is_a_clear_error(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()

    def refuse(*args, **kwargs):  # what mkstemp raises in a read-only folder for a normal user
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr("kquiz.app.startup.tempfile.mkstemp", refuse)
    with pytest.raises(StorageError) as info:
        check_data_dir(resolve_paths(folder))
    assert "cannot write to its data folder" in str(info.value) and "Permission denied" in str(info.value)
    assert list(folder.iterdir()) == []


def test_disk_full_in_the_app_shows_the_error_keeps_the_card_and_saves_on_retry(qtbot, data_dir):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kquiz.ui.errors import shown_messages
    from kquiz.ui.launch import build_app
    from tests.ui.keys import press, settle, show_loaded

    clock = FixedClock(START)
    core = open_core(data_dir, clock=clock, seed=4, extra_deck_dirs=[DECK], include_bundled=False)
    running = build_app(data_dir, core=core)
    assert running is not None
    try:
        window = show_loaded(qtbot, running)
        press(qtbot, window, Qt.Key.Key_Return)  # Study the selected deck
        session = window.nav.session
        again = window.study.grades.buttons[0]
        fill_disk(core.store.connection)
        errors_before = len(shown_messages())
        for _ in range(200):  # answer (Again) until a save fails
            window.study.reveal()
            clock.advance(minutes=2)
            key, saved = session.current.key, reviews(core)
            qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
            settle(1)
            if len(shown_messages()) > errors_before:
                break
        else:
            raise AssertionError("the disk never filled up")
        # the one error hook showed it, in plain words; the card and its grade buttons stay
        assert "the disk is full" in shown_messages()[-1]
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
        )
        assert "the disk is full" in dialog.text()
        assert session.current.key == key and session.phase == Phase.ANSWER
        assert window.study.grades.isVisible()
        assert reviews(core) == saved
        dialog.button(QMessageBox.StandardButton.Ok).click()
        settle(1)
        # space freed: pressing the grade again saves that very answer
        free_disk(core.store.connection)
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
        settle(1)
        assert reviews(core) == saved + 1
        last = list(core.store.iter_reviews())[-1]
        assert last.key == key and last.rating == Rating.AGAIN
        assert len(shown_messages()) == errors_before + 1
    finally:
        running.close()
