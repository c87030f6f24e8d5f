"""Card-browser core tests: decks built in code, progress written to a real SQLite store."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "study"))  # study_builders
