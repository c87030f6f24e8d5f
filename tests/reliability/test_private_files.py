"""Private by default (issue 21): the data folder is 0700 and the progress file, its -wal/-shm and the
backups 0600, older ones are fixed; a failed backup leaves no .part; a -wal/-shm left read-only by a
read-only progress file follows the main file once the learner makes it writable."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kquiz.app import open_core
from kquiz.clock import FixedClock
from kquiz.storage.backups import make_backup

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_data_folder_and_its_files_are_private(tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    data = tmp_path / "data"
    with open_core(data, clock=clock, include_bundled=False) as core:
        backup = make_backup(core.store)
        assert _mode(data) == 0o700
        assert _mode(core.paths.progress_db) == 0o600
        for side in ("-wal", "-shm"):
            wal = Path(f"{core.paths.progress_db}{side}")
            assert not wal.exists() or _mode(wal) == 0o600
        assert _mode(backup.path) == 0o600 and _mode(backup.path.parent) == 0o700
        assert not list(backup.path.parent.glob("*.part"))


def test_an_older_public_data_folder_is_made_private(tmp_path: Path) -> None:
    clock = FixedClock(NOW)
    data = tmp_path / "data"
    with open_core(data, clock=clock, include_bundled=False) as core:
        db = core.paths.progress_db
    os.chmod(data, 0o755)
    os.chmod(db, 0o644)
    with open_core(data, clock=clock, include_bundled=False):
        assert _mode(data) == 0o700 and _mode(db) == 0o600


CRASH = """
import os, sys
from kquiz.app import open_core
from kquiz.clock import FixedClock
core = open_core(sys.argv[1], include_bundled=False)
core.save_settings(core.settings().with_changes(new_per_day=19))
db = core.paths.progress_db
for path in (db, f"{db}-wal", f"{db}-shm"):  # as a read-only progress file leaves them
    os.chmod(path, 0o444)
os._exit(0)  # killed: the -wal and -shm stay behind
"""


@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_wal_left_read_only_follows_the_main_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run([sys.executable, "-c", CRASH, str(data)], check=True, timeout=60)
    db = data / "progress.sqlite3"
    assert _mode(Path(f"{db}-wal")) == 0o444
    os.chmod(db, 0o644)  # what the message advises
    with open_core(data, clock=FixedClock(NOW), include_bundled=False) as again:
        again.save_settings(again.settings().with_changes(new_per_day=21))  # every write failed before
        assert again.settings().new_per_day == 21
