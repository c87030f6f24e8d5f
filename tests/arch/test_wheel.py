"""The wheel ships the bundled decks (top-level decks/ -> kquiz/bundled_decks), the deck schema and the icon."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_bundled_decks_and_schema(tmp_path: Path) -> None:
    source = tmp_path / "src"  # a copy, so the in-tree build leaves nothing behind in the repo
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("kquiz", "decks"):
        shutil.copytree(REPO / name, source / name, ignore=ignore)
    (source / "assets").mkdir()
    shutil.copy2(REPO / "assets" / "kquiz.png", source / "assets" / "kquiz.png")
    for name in ("pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, source / name)
    out = tmp_path / "wheel"
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = out.glob("kquiz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    decks = sorted(p.name for p in (REPO / "decks").glob("*.yaml"))
    assert decks, "the repository has decks to ship"
    for name in decks:
        assert f"kquiz/bundled_decks/{name}" in names
    assert "kquiz/decks/deck.schema.json" in names
    assert "kquiz/assets/kquiz.png" in names  # the window icon (kquiz.paths.app_icon_file)
    assert not any(n.startswith(("tests/", "decks/")) for n in names)
