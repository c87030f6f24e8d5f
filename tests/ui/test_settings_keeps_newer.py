"""Saving the Settings dialog changes only the fields it edits (issue 21): parameters fitted by
``kquiz optimize`` while the dialog was open, or a field changed elsewhere, are kept."""

from __future__ import annotations

from dataclasses import replace

from kquiz.app.core import SETTINGS_KEY
from kquiz.clock import FixedClock
from kquiz.scheduling import DEFAULT_PARAMETERS
from kquiz.storage import ProgressStore
from kquiz.study.settings import Settings
from kquiz.ui.dialogs.settings import SettingsDialog


def test_save_keeps_what_another_process_stored_meanwhile(qtbot, data_dir, start_app, clock: FixedClock):
    running = start_app(data_dir)
    core, window = running.core, running.window
    window.nav.open_settings()
    dialog = window.nav.settings_dialog
    assert isinstance(dialog, SettingsDialog)
    fitted = tuple(round(p * 1.05, 4) if i == 0 else p for i, p in enumerate(DEFAULT_PARAMETERS))
    other = ProgressStore.open(core.paths.progress_db, clock=clock)  # 'kquiz optimize', another process
    try:
        stored = Settings.from_dict(other.get_setting(SETTINGS_KEY) or {})
        newer = stored.with_changes(
            scheduling=replace(stored.scheduling, parameters=fitted), leech_threshold=5
        )
        other.set_setting(SETTINGS_KEY, newer.to_dict())
    finally:
        other.close()
    dialog.new_limit.setValue(33)
    dialog.accept()
    settings = core.settings()
    assert settings.new_per_day == 33  # the dialog's change
    assert settings.scheduling.parameters == fitted  # the optimizer's, kept
    assert settings.leech_threshold == 5  # changed elsewhere, not in the dialog: kept


def test_save_without_base_still_writes_everything(data_dir, start_app):
    core = start_app(data_dir).core
    core.save_settings(core.settings().with_changes(new_per_day=7))
    assert core.settings().new_per_day == 7
