"""`kquiz backup` and `kquiz restore` on a real data dir, through kquiz.app.backups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kquiz.app import backups
from kquiz.cli.main import main
from kquiz.clock import FixedClock
from kquiz.domain import CardKey
from kquiz.storage import ProgressStore

from .conftest import T0, progress_after, review_of


def reviews(data_dir) -> int:
    with ProgressStore.open(data_dir / "progress.sqlite3", clock=FixedClock(T0)) as store:
        return len(list(store.iter_reviews()))


def add(data_dir, n: int, start: int = 0) -> None:
    with ProgressStore.open(data_dir / "progress.sqlite3", clock=FixedClock(T0)) as store:
        for i in range(start, start + n):
            record = review_of(CardKey("deck", f"c{i}"), T0 + timedelta(minutes=i))
            store.record_review(record, progress_after(record))


def test_backup_list_restore_round_trip(data_dir, capsys):
    assert main(["backup"]) == 1  # nothing to back up yet: a clear message, no traceback
    assert "no progress file" in capsys.readouterr().err
    add(data_dir, 2)
    assert main(["backup"]) == 0
    out = capsys.readouterr().out
    assert "Backed up progress to" in out and str(data_dir / "backups") in out
    add(data_dir, 3, start=2)
    assert reviews(data_dir) == 5

    assert main(["restore"]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "progress-" in listing and "(backup)" in listing

    assert main(["restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "Restored progress from progress-" in out and "previous progress file was kept" in out
    assert reviews(data_dir) == 2
    kinds = [b.kind for b in backups.list_backups(data_dir)]
    assert sorted(kinds) == ["before-restore", "regular"]

    assert main(["restore", "no-such-backup"]) == 1
    assert "No backup called" in capsys.readouterr().err
    assert reviews(data_dir) == 2


def test_auto_backup_once_a_day(data_dir):
    try:
        from kquiz.app.core import open_core
    except ImportError as exc:  # the deck loader lands in another helper's commit
        pytest.skip(f"kquiz.app.core not importable yet: {exc}")

    clock = FixedClock(datetime(2026, 3, 2, 12, tzinfo=UTC))
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        first = backups.auto_backup(core)
        assert first is not None and first.path.exists()
        assert backups.auto_backup(core) is None
        clock.advance(days=1, seconds=1)
        assert backups.auto_backup(core) is not None
    assert len(backups.list_backups(data_dir)) == 2


def test_offer_for_damaged_store(data_dir):
    add(data_dir, 1)
    assert main(["backup"]) == 0
    (data_dir / "progress.sqlite3").write_bytes(b"garbage" * 100)
    offer = backups.offer_for_damaged_store(data_dir)
    assert offer is not None
    assert main(["restore", offer.name]) == 0
    assert reviews(data_dir) == 1


def test_restore_is_refused_while_the_app_runs(data_dir, capsys):
    import os
    import subprocess
    import sys

    add(data_dir, 1)
    assert main(["backup"]) == 0
    lock = data_dir / "kquiz.lock"
    lock.write_text(f"{os.getppid()}\nkquiz\nhost\n")  # a live process holds the data dir
    assert main(["restore", "1"]) == 1
    assert "kquiz is running" in capsys.readouterr().err
    assert not [b for b in backups.list_backups(data_dir) if b.kind == "before-restore"]

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    lock.write_text(f"{gone.stdout.strip()}\nkquiz\nhost\n")  # a stale lock from a crashed app
    assert main(["restore", "1"]) == 0
