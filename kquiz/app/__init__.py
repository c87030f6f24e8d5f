"""The front door for the UI and the CLI: ``open_core`` wires the concrete parts together.

Names are imported lazily (on first use), so ``import kquiz.app`` costs next to nothing at app
start-up; the store, FSRS and the deck loader are imported when the core is opened.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "open_core": "kquiz.app.core",
    "Core": "kquiz.app.core",
    "DeckNotFound": "kquiz.errors",
    "Library": "kquiz.app.library",
    "Settings": "kquiz.study.settings",
    "SchedulingSettings": "kquiz.scheduling",
    "MIN_REVIEWS_FOR_FIT": "kquiz.scheduling",
    "MIN_RETENTION": "kquiz.scheduling",
    "MAX_RETENTION": "kquiz.scheduling",
    "FitResult": "kquiz.scheduling",
    "format_interval": "kquiz.scheduling",
    "Selection": "kquiz.study.model",
    "Counts": "kquiz.study.model",
    "Phase": "kquiz.study.model",
    "ShownCard": "kquiz.study.model",
    "SessionSummary": "kquiz.study.model",
    "Notice": "kquiz.study.model",
    "StudySession": "kquiz.study.session",
    "Grade": "kquiz.study.grading",
    "DiffPart": "kquiz.study.grading",
    "LEARN_AHEAD": "kquiz.study.queue",
    "StatsReport": "kquiz.stats",
    "reschedule": "kquiz.app.replay",
    "ReplayReport": "kquiz.app.replay",
    "resolve_paths": "kquiz.paths",
    "AppPaths": "kquiz.paths",
    "app_icon_file": "kquiz.paths",
    "read_image": "kquiz.decks.images",
    "dark_variant": "kquiz.decks.images",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kquiz.app' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from kquiz.app.core import Core, open_core
    from kquiz.app.library import Library
    from kquiz.app.replay import ReplayReport, reschedule
    from kquiz.decks.images import dark_variant, read_image
    from kquiz.errors import DeckNotFound
    from kquiz.paths import AppPaths, resolve_paths
    from kquiz.scheduling import (
        MAX_RETENTION,
        MIN_RETENTION,
        MIN_REVIEWS_FOR_FIT,
        FitResult,
        SchedulingSettings,
        format_interval,
    )
    from kquiz.stats import StatsReport
    from kquiz.study.grading import DiffPart, Grade
    from kquiz.study.model import Counts, Notice, Phase, Selection, SessionSummary, ShownCard
    from kquiz.study.queue import LEARN_AHEAD
    from kquiz.study.session import StudySession
    from kquiz.study.settings import Settings
