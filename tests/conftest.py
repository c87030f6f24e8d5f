"""Shared test set-up: Qt renders offscreen, every test gets its own data dir, time is fixed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
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


# Under .ci/run (KQUIZ_CI=1) every test must run: a skip is turned into a failure unless its reason
# is one a CI machine may really have (root, another OS or Python, the bundle tests run in their own
# step, no ../shared beside the clone). So a missing apt package or wheel cannot pass as green.
CI_MAY_SKIP = re.compile(
    r"root |immortal|KQUIZ_TEST_BUNDLE|POSIX|win32|Linux installers|tmpfs"
    r"|source articles not found|verbatim tool not found"
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if not report.skipped or hasattr(report, "wasxfail") or os.environ.get("KQUIZ_CI") != "1":
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if not CI_MAY_SKIP.search(reason):
        report.outcome = "failed"
        report.longrepr = f"skipped under .ci/run (KQUIZ_CI=1), where it must run: {reason}"
