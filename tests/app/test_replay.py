"""Upgrading a real v2 history to study days: replayed once on open (due dates kept), and
``kquiz reschedule`` on request (due dates too), on a copy of tests/data/stores/progress-v2.sqlite3."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kquiz.app import open_core, reschedule
from kquiz.app.replay import recompute
from kquiz.cli.main import main
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, Progress
from kquiz.errors import StorageError
from kquiz.storage import REPLAY_PENDING, ProgressStore

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "stores" / "progress-v2.sqlite3"
ISSUE = CardKey("ketamine-basics", "issue-23")
IMPORTED = CardKey("ketamine-basics", "imported")
LEARNING = CardKey("ketamine-basics", "learning")
NOW = datetime(2025, 6, 21, 12, tzinfo=UTC)


@pytest.fixture
def v2_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(FIXTURE, folder / "progress.sqlite3")
    return folder


def _open(folder: Path):  # type: ignore[no-untyped-def]
    return open_core(folder, clock=FixedClock(NOW, local_tz=UTC), include_bundled=False)


def _fixture_progress(tmp_path: Path) -> dict[CardKey, Progress]:
    """The fixture's progress as kquiz 0.1 stored it (storage's own upgrade changes no state)."""
    copy = tmp_path / "as-stored" / "progress.sqlite3"
    copy.parent.mkdir()
    shutil.copyfile(FIXTURE, copy)
    with ProgressStore.open(copy, clock=FixedClock(NOW)) as store:
        return store.all_progress()


def test_opening_replays_once_in_study_days_and_keeps_due_dates(v2_dir: Path, tmp_path: Path) -> None:
    before = _fixture_progress(tmp_path)
    with _open(v2_dir) as core:
        after = core.store.all_progress()
        assert core.store.get_setting(REPLAY_PENDING) is None
    assert (v2_dir / "backups").is_dir() and any((v2_dir / "backups").iterdir())
    issue = after[ISSUE].memory
    assert before[ISSUE].memory.stability == pytest.approx(36.0565, abs=1e-4)
    assert issue.stability == pytest.approx(38.905, abs=5e-4)  # Anki's value
    assert issue.due == before[ISSUE].memory.due  # nobody's plan moves under them
    assert after[IMPORTED] == before[IMPORTED]  # its log does not explain its progress: left alone
    assert after[LEARNING] == before[LEARNING]  # one answer: nothing elapsed, nothing to recompute
    changed = {k for k in after if after[k] != before[k]}
    assert ISSUE in changed and len(changed) >= 3
    for key in changed:
        old, new = before[key].memory, after[key].memory
        assert (new.state, new.reps, new.lapses, new.due, new.last_review) == (
            old.state,
            old.reps,
            old.lapses,
            old.due,
            old.last_review,
        )


def test_the_replay_is_done_once(v2_dir: Path) -> None:
    with _open(v2_dir) as core:
        edited = core.store.get(ISSUE)
        assert edited is not None
        core.store.save_progress(replace(edited, memory=replace(edited.memory, stability=5.0)))
    with _open(v2_dir) as core:
        again = core.store.get(ISSUE)
    assert again is not None and again.memory.stability == 5.0  # not replayed a second time


def test_a_failed_replay_is_redone_on_the_next_open(v2_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self, progress, *, done_setting=None):  # type: ignore[no-untyped-def]
        raise StorageError("disk full (simulated)")

    monkeypatch.setattr(ProgressStore, "save_progress_batch", broken)
    with pytest.raises(StorageError):
        _open(v2_dir)
    monkeypatch.undo()
    with ProgressStore.open(v2_dir / "progress.sqlite3", clock=FixedClock(NOW)) as store:
        assert store.get_setting(REPLAY_PENDING) == "study-days"
        untouched = store.get(ISSUE)
    assert untouched is not None and untouched.memory.stability == pytest.approx(36.0565, abs=1e-4)
    with _open(v2_dir) as core:
        done = core.store.get(ISSUE)
    assert done is not None and done.memory.stability == pytest.approx(38.905, abs=5e-4)


def test_reschedule_moves_due_dates_and_says_by_how_much(v2_dir: Path) -> None:
    with _open(v2_dir) as core:
        settings = core.settings()  # no fuzz, as the fixture was scheduled, so the days are exact
        core.save_settings(settings.with_changes(scheduling=replace(settings.scheduling, fuzz=False)))
        dry = reschedule(core, save=False)
        kept = core.store.all_progress()
        report = reschedule(core)
        moved = core.store.all_progress()
        assert recompute(core, reschedule=True, save=False).moved == 0  # done: nothing left to move
    assert dry == report and report.skipped == 1 and report.cards == 6
    assert report.moved >= 2 and report.later >= 1 and report.max_shift_days >= 3
    issue = moved[ISSUE].memory
    assert issue.last_review is not None and issue.due == issue.last_review + timedelta(days=39)
    assert kept[ISSUE].memory.due == issue.last_review + timedelta(days=36)
    assert moved[IMPORTED] == kept[IMPORTED]


def test_reschedule_command(v2_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(v2_dir), "reschedule", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Replayed the review log of 6 cards" in out and "Dry run: nothing was saved." in out
    assert "Left alone: 1 card whose progress does not follow from its log." in out
    assert main(["--data-dir", str(v2_dir), "reschedule"]) == 0
    out = capsys.readouterr().out
    assert "Dry run" not in out and ("moved:" in out or "No due date moved." in out)
