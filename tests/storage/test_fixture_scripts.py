"""The committed store fixtures are exactly what tests/data/stores/make_fixtures.py writes."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

STORES = Path(__file__).resolve().parents[1] / "data" / "stores"


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.mark.parametrize("version", [2, 3, 4])
def test_fixture_script_regenerates_the_committed_fixture(tmp_path: Path, version: int) -> None:
    spec = importlib.util.spec_from_file_location("make_fixtures", STORES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = tmp_path / f"v{version}.sqlite3"
    getattr(module, f"make_v{version}")(fresh)
    assert _dump(fresh) == _dump(STORES / f"progress-v{version}.sqlite3")
