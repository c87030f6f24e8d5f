"""A backup on a full disk says so in those words and leaves no ``.part`` file behind (issue 21).

A real full disk: a 2 MB tmpfs (needs root and permission to mount; skipped otherwise)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kquiz.app import open_core
from kquiz.errors import StorageError
from kquiz.storage.backups import make_backup


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_backup_on_a_full_disk_says_the_disk_is_full_and_leaves_nothing(small_disk: Path) -> None:
    core = open_core(small_disk / "data", include_bundled=False)
    try:
        stat = os.statvfs(small_disk)
        with open(small_disk / "filler", "wb") as handle:  # 20 KB left, as in the report
            handle.write(b"x" * (stat.f_bavail * stat.f_frsize - 20 * 1024))
        with pytest.raises(StorageError, match="the disk is full"):
            make_backup(core.store)
        backups = small_disk / "data" / "backups"
        assert not backups.exists() or not any(backups.iterdir())  # no .part, no -journal
    finally:
        core.close()
