"""What the first screen imports: slow modules it does not need stay out of the start-up path.

Not timed: each check runs a fresh interpreter and looks at ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import kquiz

ROOT = Path(__file__).resolve().parents[2]


def test_version_constant_matches_pyproject_and_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert kquiz.__version__ == project["version"]
    try:
        installed = metadata.version("kquiz")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return
    assert installed == kquiz.__version__


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    return set(out.stdout.split())


def test_importing_the_package_does_not_scan_distributions() -> None:
    assert "importlib.metadata" not in modules_after("import kquiz, kquiz.domain")


def test_warm_deck_cache_load_needs_no_schema_validator(tmp_path: Path) -> None:
    code = (
        f"from pathlib import Path\nfrom kquiz.decks import load_folder\nfrom kquiz.paths import bundled_decks_dir\n"
        f"load_folder(bundled_decks_dir(), cache_dir=Path({str(tmp_path)!r}))"
    )
    modules_after(code)  # cold: fills the cache
    warm = modules_after(code)
    assert "jsonschema" not in warm
    assert "yaml" not in warm and "kquiz.decks.yamlread" not in warm  # no YAML parsing at all


def test_cold_load_still_imports_the_reader_on_demand(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\nfrom kquiz.decks import load_folder\nfrom kquiz.paths import bundled_decks_dir\n"
        "assert load_folder(bundled_decks_dir()).decks"
    )
    assert "kquiz.decks.yamlread" in modules_after(code)


# What drawing the library needs, and what it must not pull in (issue 20): a module here (or one of its
# submodules) imported before the library is drawn is a regression, found by this list, not by a timing.
NOT_AT_START = (
    "fsrs",  # scheduling: imported when a card is first scheduled
    "fsrs_rs_python",  # the optimizer
    "jsonschema",
    "genanki",
    "anki",
    "kquiz.interop",  # import/export
    "kquiz.stats",
    "kquiz.quiz",  # test mode
    "kquiz.sync",  # no sync folder is set here
    "kquiz.cards",  # the card browser's core
    "PySide6.QtCharts",
    "PySide6.QtSvg",  # the first SVG drawn on a card
    "PySide6.QtNetwork",  # the single-instance server listens once the library is drawn
    "kquiz.ui.browser",
    "kquiz.ui.test",
    "kquiz.ui.printing",
    "kquiz.ui.stats",
    "kquiz.ui.study",  # the study and summary screens: built on first use
    "kquiz.ui.dialogs.settings",
    "kquiz.ui.dialogs.about",
    "kquiz.ui.dialogs.custom_study",
    "kquiz.study.session",  # answering, grading, undo: imported when a session starts
    "kquiz.study.grading",
    "statistics",  # (fractions, decimal) the reschedule report
    "platform",  # error details, when they are asked for
    "_strptime",  # backup names are parsed by hand
    "logging.handlers",  # (socket, pickle, queue) the log file is opened on its first record
)


def started_modules(data_dir: Path) -> tuple[set[str], int]:
    """The modules of a real start (kquiz.ui.launch.build_app, bundled decks) once the library is drawn."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "perf" / "start_probe.py"), str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(data_dir.parent)},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return set(result["modules"]), result["decks"]


def unwanted(modules: set[str]) -> list[str]:
    return sorted(m for m in modules for name in NOT_AT_START if m == name or m.startswith(name + "."))


def test_the_library_is_drawn_without_the_modules_it_does_not_need(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for start in ("first start (cache compiled)", "later start (warm cache)"):
        modules, decks = started_modules(data)
        assert decks > 0, start  # the bundled decks were drawn, with their counts
        assert {"kquiz.ui.library.screen", "kquiz.app.core", "PySide6.QtWidgets"} <= modules, start
        assert unwanted(modules) == [], start
