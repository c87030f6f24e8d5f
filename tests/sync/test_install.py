"""The install: one transaction through a connection of its own, on any thread, refused (nothing
written) when the store changed since the round's snapshot; the owner's caches see what it wrote."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kquiz.app import Selection
from kquiz.app.sync import SyncReport, install_round_result, prepare_round


def _on_a_worker(fn):  # type: ignore[no-untyped-def]
    """``fn()`` run on another thread, as the app's runner does; its result."""
    out: list[object] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if failed:
        raise failed[0]
    return out[0]


def test_a_round_on_a_worker_installs_and_the_owner_sees_it(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    a.answer(3)
    a.sync()
    before = b.core.counts("alpha")  # cached by the owner (the day's context)
    prepared = _on_a_worker(lambda: prepare_round(b.core))
    report = _on_a_worker(lambda: install_round_result(b.core, prepared))
    assert isinstance(report, SyncReport) and report.installed and report.received >= 3
    assert b.log() == a.log() and b.progress() == a.progress()
    after = b.core.counts("alpha")
    assert after.new == before.new - 3  # the cache saw another connection's commit (data_version)


def test_an_answer_between_prepare_and_install_refuses_the_install(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    a.answer(2)
    a.sync()
    prepared = prepare_round(b.core)
    assert prepared is not None
    b.clock.advance(minutes=1)
    b.answer(1)  # the owner writes after the snapshot
    log = b.log()
    progress = b.progress()
    assert not install_round_result(b.core, prepared).installed
    assert b.log() == log and b.progress() == progress  # nothing of the round was written
    b.sync()  # a fresh round installs it all
    a.sync()
    assert len(b.log()) == 3 and a.log() == b.log() and a.progress() == b.progress()


def test_a_settings_change_between_prepare_and_install_refuses_the_install(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    a.answer(1)
    a.sync()
    prepared = prepare_round(b.core)
    assert prepared is not None
    b.core.save_settings(b.core.settings().with_changes(new_per_day=7))
    assert not install_round_result(b.core, prepared).installed
    b.sync()
    assert b.core.settings().new_per_day == 7 and len(b.log()) == 1


def test_the_install_inside_the_owners_own_write_transaction_is_refused(make_device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Debug check (the suite runs with KQUIZ_CHECK_THREADS=1): on the owner thread, inside the
    store's write transaction, the install would wait for a lock its own thread holds."""
    a, b = make_device("a"), make_device("b")
    a.answer(1)
    a.sync()
    prepared = prepare_round(b.core)
    assert prepared is not None and b.core._check_threads
    with b.core.store.transaction(), pytest.raises(AssertionError, match="inside the store's write"):
        install_round_result(b.core, prepared)
    assert b.sync().installed and len(b.log()) == 1
    session = b.core.start_session(Selection(deck_ids=("alpha",)))
    assert session.current is not None
