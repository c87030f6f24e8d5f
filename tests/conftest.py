"""Shared test set-up: Qt renders offscreen, every test gets its own data dir, time is fixed."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_ACCESSIBILITY", "1")
# the owner-thread assertions (kquiz/app/core.py) are on in every test, subprocesses included
os.environ["KQUIZ_CHECK_THREADS"] = "1"

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh kquiz data dir (also exported as KQUIZ_DATA_DIR for code that reads the env)."""
    folder = tmp_path / "kquiz-data"
    folder.mkdir()
    monkeypatch.setenv("KQUIZ_DATA_DIR", str(folder))
    monkeypatch.setenv("KQUIZ_CACHE_DIR", str(tmp_path / "kquiz-cache"))
    return folder


@pytest.fixture
def fixed_now() -> datetime:
    return datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
