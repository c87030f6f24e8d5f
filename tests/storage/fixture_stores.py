"""The committed progress files of older schema versions (tests/data/stores, made by make_fixtures.py):
a working copy for a test, and read-only queries that leave the committed files untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

STORES = Path(__file__).resolve().parents[1] / "data" / "stores"


def fixture(version: int) -> Path:
    return STORES / f"progress-v{version}.sqlite3"


def working_copy(version: int, tmp_path: Path) -> Path:
    """The version's fixture copied to ``tmp_path/data/progress.sqlite3`` (a data folder's store)."""
    target = tmp_path / "data" / "progress.sqlite3"
    target.parent.mkdir()
    shutil.copyfile(fixture(version), target)
    return target


def rows(path: Path, sql: str) -> list[tuple]:
    """Read-only; a committed fixture is read as immutable so no -wal/-shm is left beside it."""
    immutable = "&immutable=1" if path.parent == STORES else ""
    conn = sqlite3.connect(f"file:{path}?mode=ro{immutable}", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
