"""A progress path that is a folder is reported as damaged, with the newest good backup offered and
restorable (issue 21: a clear error, but no restore offer)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from kquiz.app import open_core
from kquiz.app.startup import ProblemKind, diagnose, restore_backup
from kquiz.clock import FixedClock
from kquiz.errors import StorageError
from kquiz.storage.backups import make_backup

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def test_a_folder_in_place_of_the_progress_file_offers_the_newest_backup(tmp_path) -> None:
    data = tmp_path / "data"
    with open_core(data, clock=FixedClock(NOW), include_bundled=False) as core:
        core.save_settings(core.settings().with_changes(new_per_day=17))
        backup = make_backup(core.store)
        db = core.paths.progress_db
    db.unlink()
    db.mkdir()  # a sync tool or a mistaken copy left a folder here
    try:
        open_core(data, clock=FixedClock(NOW), include_bundled=False)
        raise AssertionError("opened a folder as the progress file")
    except StorageError as exc:
        problem = diagnose(exc, data)
    assert problem.kind == ProblemKind.DAMAGED and "is a folder" in problem.message
    assert problem.backup is not None and problem.backup.path == backup.path
    aside = restore_backup(problem.backup, data, clock=FixedClock(NOW))
    assert aside is not None and aside.is_dir()  # the folder kept, moved aside
    with open_core(data, clock=FixedClock(NOW), include_bundled=False) as again:
        assert again.settings().new_per_day == 17
    shutil.rmtree(aside)
