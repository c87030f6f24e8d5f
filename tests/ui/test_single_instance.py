"""One kquiz per data folder: a second start raises the first window and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from kquiz.ui.single_instance import SingleInstance, ask_running_instance_to_raise


def test_second_claim_fails_and_raise_request_arrives(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.claim()
    second = SingleInstance(data_dir)
    try:
        assert not second.claim()
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert ask_running_instance_to_raise(data_dir)
    finally:
        first.release()
    assert second.claim()  # released: the next start may take over
    second.release()


def test_second_kquiz_process_hands_over_and_exits_zero(qtbot, data_dir, start_app, tmp_path):
    running = start_app(data_dir)
    window = running.window
    raised = []
    running.instance.raise_requested.connect(lambda: raised.append(True))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KQUIZ_DATA_DIR=str(data_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kquiz", "--data-dir", str(data_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    start = time.monotonic()
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60000)
    _out, err = proc.communicate()
    assert proc.returncode == 0, err.decode()
    qtbot.waitUntil(lambda: bool(raised), timeout=5000)
    assert "already open" in window.statusBar().currentMessage()
    assert time.monotonic() - start < 60


def test_stale_lock_from_a_dead_process_is_taken_over(qtbot, data_dir):
    lock = data_dir / "kquiz.lock"
    # a lock file as QLockFile writes it, naming a PID that does not exist
    from PySide6.QtCore import QSysInfo

    lock.write_text(f"999999\nkquiz\n{QSysInfo.machineHostName()}\n")
    instance = SingleInstance(data_dir)
    try:
        assert instance.claim()
    finally:
        instance.release()


def test_unusable_progress_file_is_reported_and_releases_the_folder(qtbot, data_dir):
    import pytest

    from kquiz.errors import StorageError
    from kquiz.ui.launch import build_app

    db = data_dir / "progress.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError):
        build_app(data_dir)
    assert db.read_bytes() == b"this is not a database" * 100  # untouched
    again = SingleInstance(data_dir)
    assert again.claim()  # the failed start did not keep the folder locked
    again.release()


def test_silent_connections_never_block_the_ui_thread(qtbot, data_dir):
    """Ten clients that connect and say nothing (issue 21: each froze the window for 1 s)."""
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtNetwork import QLocalSocket

    from kquiz.ui.single_instance import server_name

    first = SingleInstance(data_dir)
    assert first.claim()
    silent = []
    try:
        for _ in range(10):
            sock = QLocalSocket()
            sock.connectToServer(server_name(data_dir))
            assert sock.waitForConnected(2000)
            silent.append(sock)
        clock = QElapsedTimer()
        clock.start()
        longest = 0
        while clock.elapsed() < 800:  # the UI thread's event loop keeps turning
            turn = QElapsedTimer()
            turn.start()
            qtbot.wait(10)
            longest = max(longest, turn.elapsed())
        assert longest < 250, f"the event loop stalled for {longest} ms"
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert ask_running_instance_to_raise(data_dir)
    finally:
        for sock in silent:
            sock.abort()
        first.release()
