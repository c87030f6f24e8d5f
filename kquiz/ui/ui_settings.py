"""Window state kept beside the learner's data: ``<data dir>/ui.ini`` (QSettings, INI format)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings


def ui_settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / "ui.ini"), QSettings.Format.IniFormat)


def flag(settings: QSettings, name: str) -> bool:
    value = settings.value(name, False)
    return value in (True, "true", "1", 1)
