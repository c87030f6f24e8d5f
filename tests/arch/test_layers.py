"""The architecture holds: the core runs without Qt, and the import-linter layer contracts pass."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import kquiz

REPO = Path(__file__).resolve().parents[2]

BLOCK_QT = """
import importlib.abc, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"blocked for this test: {name}")
        return None

sys.meta_path.insert(0, BlockQt())
import importlib
for name in sys.argv[1:]:
    importlib.import_module(name)
assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
print("imported", len(sys.argv) - 1)
"""


# __main__ runs the app when imported; _build_hooks is setuptools code used only when building
NOT_CORE = {"kquiz.__main__", "kquiz._build_hooks"}


def core_modules() -> list[str]:
    names = ["kquiz"]
    for info in pkgutil.walk_packages(kquiz.__path__, prefix="kquiz."):
        if info.name == "kquiz.ui" or info.name.startswith("kquiz.ui.") or info.name in NOT_CORE:
            continue
        names.append(info.name)
    return sorted(names)


def test_core_module_list_covers_every_part() -> None:
    names = set(core_modules())
    for part in (
        "kquiz.domain",
        "kquiz.errors",
        "kquiz.clock",
        "kquiz.paths",
        "kquiz.decks",
        "kquiz.decks.loader",
        "kquiz.cli.main",
        "kquiz.cli.cmd_validate",
    ):
        assert part in names
    assert not any(n.startswith("kquiz.ui") for n in names)


def test_the_core_imports_with_qt_unavailable() -> None:
    modules = core_modules()
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, *modules],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"imported {len(modules)}"


def test_the_blocker_really_blocks_qt() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", BLOCK_QT, "PySide6.QtCore"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert proc.returncode != 0
    assert "blocked for this test: PySide6" in proc.stderr


def test_validate_runs_without_qt(tmp_path: Path) -> None:
    code = BLOCK_QT + (
        "from kquiz.cli.main import main\nsys.exit(main(['validate', "
        + repr(str(REPO / "tests/data/decks"))
        + "]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stdout


def test_import_linter_contracts_are_kept() -> None:
    """The layer rules of pyproject.toml ([tool.importlinter]) hold for the whole package."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        env=env,
    )
    out = proc.stdout + proc.stderr
    assert "Contracts:" in out, out
    assert "0 broken" in out, out
    assert proc.returncode == 0, out
