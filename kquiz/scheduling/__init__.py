"""FSRS scheduling for kquiz: settings, the scheduler adapter, interval labels, study days, optimizer.

This package is the only place that imports ``fsrs`` (and ``fsrs_rs_python``, for the optimizer).
"""

from kquiz.scheduling.days import day_bounds, study_day
from kquiz.scheduling.intervals import format_interval
from kquiz.scheduling.optimizer import MIN_REVIEWS_FOR_FIT, FitResult, fit_parameters
from kquiz.scheduling.scheduler import DEFAULT_PARAMETERS, Scheduler
from kquiz.scheduling.settings import MAX_RETENTION, MIN_RETENTION, SchedulingSettings

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
