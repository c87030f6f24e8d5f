"""A damaged or too-new progress file at start: the dialog, its buttons, and the file's bytes.

Real damaged files (truncated, garbage, a scribbled b-tree page), real backups, the real app start
(``start_with_recovery(build_app, ...)`` as ``run_app`` calls it), buttons clicked programmatically.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from kquiz.app import Selection, open_core
from kquiz.app.backups import auto_backup, list_backups
from kquiz.clock import FixedClock
from kquiz.domain import Rating
from kquiz.errors import CorruptStore, SchemaTooNew
from kquiz.storage import ProgressStore
from kquiz.ui.launch import build_app
from kquiz.ui.recovery import start_with_recovery
from kquiz.ui.workers import wait_idle

DECK = Path(__file__).resolve().parents[1] / "data" / "ui" / "deck"
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def study(data_dir: Path, clock: FixedClock, answers: int, *, backup: bool) -> int:
    """Answer cards through the real core; optionally make the daily backup afterwards."""
    core = open_core(data_dir, clock=clock, seed=3, extra_deck_dirs=[DECK], include_bundled=False)
    try:
        core.load_library()
        session = core.start_session(Selection())
        for _ in range(answers):
            session.reveal()
            session.rate(Rating.GOOD)
            clock.advance(seconds=20)
        for n in range(40):  # enough pages that scribbling over one is caught by quick_check
            core.store.set_setting(f"pad-{n:03d}", "x" * 400)
        if backup:
            assert auto_backup(core) is not None
        return sum(1 for _ in core.store.iter_reviews())
    finally:
        core.close()


def damage(db: Path, how: str) -> bytes:
    data = bytearray(db.read_bytes())
    if how == "truncated":
        data = data[: len(data) // 2]
    elif how == "garbage":
        data = bytearray(b"\x8b\x1f garbage \x00\xff" * 700)
    else:  # "integrity": a valid header, a b-tree page scribbled over
        assert len(data) > 6 * 4096
        for offset in range(3 * 4096, 3 * 4096 + 600, 7):
            data[offset] = (data[offset] + 91) % 256
    db.write_bytes(bytes(data))
    with pytest.raises(CorruptStore):
        ProgressStore.open(db, clock=FixedClock(START))
    return bytes(data)


def answer_dialogs(actions: list[str], seen: list[dict]) -> None:
    """Click ``actions`` in turn, one per recovery dialog as each one shows up."""

    def attempt() -> None:
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "recoveryDialog" and w.isVisible()
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, attempt)
            return
        seen.append(
            {
                "text": box.text(),
                "info": box.informativeText(),
                "format": box.textFormat(),
                "buttons": [b.objectName() for b in box.buttons()],
            }
        )
        button = box.findChild(QAbstractButton, actions.pop(0))
        assert button is not None
        button.click()
        if actions:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def start(data_dir: Path, clock: FixedClock):
    build = functools.partial(build_app, clock=clock, seed=1, extra_deck_dirs=[DECK], include_bundled=False)
    return start_with_recovery(build, data_dir)


def before_restore_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "backups").glob("progress-before-restore-*.sqlite3"))


@pytest.mark.parametrize("how", ["truncated", "garbage", "integrity"])
def test_quit_leaves_the_damaged_file_exactly_as_it_was(qtbot, data_dir, clock, how):
    study(data_dir, clock, 3, backup=True)
    db = data_dir / "progress.sqlite3"
    damaged = damage(db, how)
    seen: list[dict] = []
    answer_dialogs(["quit"], seen)
    assert start(data_dir, clock) is None
    assert db.read_bytes() == damaged
    assert not Path(f"{db}-wal").exists()
    assert before_restore_files(data_dir) == []
    [dialog] = seen
    backup = list_backups(data_dir)[0]
    when = backup.created.astimezone().strftime("%Y-%m-%d %H:%M")
    assert dialog["text"] == f"Your progress file is damaged. Restore the backup from {when}?"
    assert str(db) in dialog["info"] and "keeps the damaged file aside" in dialog["info"]
    assert dialog["buttons"] == ["restore", "quit", "open-folder"]


@pytest.mark.parametrize("how", ["truncated", "garbage", "integrity"])
def test_restore_keeps_the_damaged_file_aside_and_opens_the_backup(qtbot, data_dir, clock, how):
    in_backup = study(data_dir, clock, 3, backup=True)
    clock.advance(hours=2)
    assert study(data_dir, clock, 2, backup=False) == in_backup + 2  # answers after the backup
    db = data_dir / "progress.sqlite3"
    damaged = damage(db, how)
    seen: list[dict] = []
    answer_dialogs(["restore"], seen)
    running = start(data_dir, clock)
    try:
        assert running is not None
        assert sum(1 for _ in running.core.store.iter_reviews()) == in_backup
        qtbot.waitExposed(running.window)
    finally:
        if running is not None:
            running.close()
    [aside] = before_restore_files(data_dir)
    assert aside.read_bytes() == damaged  # kept, byte for byte
    assert len(seen) == 1


def test_open_data_folder_then_quit(qtbot, data_dir, clock, monkeypatch):
    study(data_dir, clock, 1, backup=True)
    db = data_dir / "progress.sqlite3"
    damaged = damage(db, "garbage")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    seen: list[dict] = []
    answer_dialogs(["open-folder", "quit"], seen)
    assert start(data_dir, clock) is None
    assert opened == [str(data_dir)]
    assert len(seen) == 2  # the dialog came back after the folder was opened
    assert db.read_bytes() == damaged


def test_no_good_backup_offers_no_restore(qtbot, data_dir, clock):
    study(data_dir, clock, 1, backup=True)
    for backup in list_backups(data_dir):
        backup.path.write_bytes(b"not a database either" * 50)  # the backups are damaged too
    db = data_dir / "progress.sqlite3"
    damaged = damage(db, "truncated")
    seen: list[dict] = []
    answer_dialogs(["quit"], seen)
    assert start(data_dir, clock) is None
    assert seen[0]["text"] == "Your progress file is damaged, and no usable backup was found."
    assert seen[0]["buttons"] == ["quit", "open-folder"]
    assert db.read_bytes() == damaged


def test_a_file_from_a_newer_kquiz_says_so_and_quits_untouched(qtbot, data_dir, clock):
    study(data_dir, clock, 1, backup=False)
    db = data_dir / "progress.sqlite3"
    import sqlite3

    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    original = db.read_bytes()
    with pytest.raises(SchemaTooNew):
        ProgressStore.open(db, clock=clock)
    seen: list[dict] = []
    answer_dialogs(["quit"], seen)
    assert start(data_dir, clock) is None
    assert seen[0]["text"] == "Your progress file was saved by a newer version of kquiz."
    assert "v99" in seen[0]["info"] and "not changed" in seen[0]["info"]
    assert seen[0]["buttons"] == ["quit"]
    assert db.read_bytes() == original
    assert not (data_dir / "backups").exists()


def test_dialog_text_is_plain(qtbot, data_dir, clock):
    study(data_dir, clock, 1, backup=True)
    damage(data_dir / "progress.sqlite3", "garbage")
    seen: list[dict] = []
    answer_dialogs(["quit"], seen)
    start(data_dir, clock)
    from PySide6.QtCore import Qt

    assert seen[0]["format"] == Qt.TextFormat.PlainText


def test_automatic_backup_on_start_once_a_day(qtbot, data_dir, clock):
    study(data_dir, clock, 2, backup=False)
    assert list_backups(data_dir) == []
    for advance_hours, expected in ((0, 1), (3, 1), (30, 2)):
        clock.advance(hours=advance_hours)
        running = start(data_dir, clock)
        assert running is not None
        wait_idle()
        QApplication.processEvents()
        running.close()
        backups = [b for b in list_backups(data_dir) if b.regular]
        assert len(backups) == expected
    with ProgressStore.open(backups[0].path, clock=clock) as copy:
        assert sum(1 for _ in copy.iter_reviews()) == 2


def test_an_old_file_is_copied_before_its_upgrade_then_backed_up_daily(qtbot, data_dir, clock):
    import shutil
    import sqlite3

    from kquiz.storage import SCHEMA_VERSION

    old = Path(__file__).resolve().parents[1] / "data" / "stores" / "progress-v1.sqlite3"
    shutil.copyfile(old, data_dir / "progress.sqlite3")
    running = start(data_dir, clock)
    assert running is not None
    wait_idle()
    running.close()
    kinds = sorted(b.kind for b in list_backups(data_dir))
    assert kinds == [f"pre-v{SCHEMA_VERSION}", "regular"]
    pre = next(b for b in list_backups(data_dir) if b.kind != "regular")
    copy, original = sqlite3.connect(pre.path), sqlite3.connect(old)
    try:  # the file as it was before the upgrade: schema v1, the same review log
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        rows = "SELECT * FROM review_log ORDER BY id"
        assert copy.execute(rows).fetchall() == original.execute(rows).fetchall()
    finally:
        copy.close()
        original.close()
    regular = next(b for b in list_backups(data_dir) if b.regular)
    with ProgressStore.open(regular.path, clock=clock) as copy:
        assert copy.schema_version == SCHEMA_VERSION  # the daily one is of the upgraded file


UNUSABLE_DRIVER = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from kquiz.ui.errors import shown_messages
from kquiz.ui.launch import qt_app, run_app

qt_app()
seen = []

def close_error():
    box = next((w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()), None)
    if box is None:
        QTimer.singleShot(20, close_error)
        return
    seen.append(box.text())
    box.button(QMessageBox.StandardButton.Ok).click()

QTimer.singleShot(0, close_error)
code = run_app(sys.argv[1])
print(json.dumps({"code": code, "seen": seen, "hooked": shown_messages()[-1:]}))
"""


def test_an_unusable_data_folder_is_shown_by_the_error_hook_at_start(tmp_path):
    """run_app() runs the real event loop, so it gets a process of its own (as a learner's start)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("KQUIZ_DATA_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-c", UNUSABLE_DRIVER, str(blocker / "kquiz")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["code"] == 1
    seen = result["seen"]
    assert seen and seen[0].startswith(f"kquiz cannot write to its data folder {blocker / 'kquiz'}")
    assert result["hooked"] == [seen[0]]
    assert blocker.read_text() == "x"
