"""FSRS scheduling for kquiz: settings, the scheduler adapter, interval labels, study days, optimizer.

This package is the only place that imports ``fsrs`` (and ``fsrs_rs_python``, for the optimizer).
Both are imported on first use: the optimizer's names below and ``DEFAULT_PARAMETERS`` through
``__getattr__``, ``fsrs`` when a card is first scheduled (not at the app's start).
"""

from typing import TYPE_CHECKING, Any

from kquiz.scheduling.days import day_bounds, study_day
from kquiz.scheduling.intervals import format_interval
from kquiz.scheduling.scheduler import Scheduler
from kquiz.scheduling.settings import MAX_RETENTION, MIN_RETENTION, SchedulingSettings

if TYPE_CHECKING:
    from kquiz.scheduling.optimizer import MIN_REVIEWS_FOR_FIT, FitResult, fit_parameters
    from kquiz.scheduling.scheduler import DEFAULT_PARAMETERS

_LAZY = {
    "DEFAULT_PARAMETERS": "kquiz.scheduling.scheduler",
    "MIN_REVIEWS_FOR_FIT": "kquiz.scheduling.optimizer",
    "FitResult": "kquiz.scheduling.optimizer",
    "fit_parameters": "kquiz.scheduling.optimizer",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kquiz.scheduling' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_PARAMETERS",
    "MAX_RETENTION",
    "MIN_RETENTION",
    "MIN_REVIEWS_FOR_FIT",
    "FitResult",
    "Scheduler",
    "SchedulingSettings",
    "day_bounds",
    "fit_parameters",
    "format_interval",
    "study_day",
]
