"""The wheel ships the bundled decks (top-level decks/ -> kquiz/bundled_decks) and the deck schema."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_contains_bundled_decks_and_schema(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(tmp_path)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = tmp_path.glob("kquiz-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    decks = sorted(p.name for p in (REPO / "decks").glob("*.yaml"))
    assert decks, "the repository has decks to ship"
    for name in decks:
        assert f"kquiz/bundled_decks/{name}" in names
    assert "kquiz/decks/deck.schema.json" in names
    assert not any(n.startswith(("tests/", "decks/")) for n in names)
