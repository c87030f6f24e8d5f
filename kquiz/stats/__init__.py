"""Statistics as plain data (no Qt): what is due, what was learned, and how well.

``build_report(buckets, inputs)`` / ``report_from_records(records, inputs)`` -> ``StatsReport``;
``kquiz.app.stats.compute_report(core, ...)`` wires them to the store and the library.
"""

from kquiz.stats.buckets import KIND_NAMES, Bucket, buckets_from_records, day_segments
from kquiz.stats.model import (
    ButtonCounts,
    Calendar,
    Forecast,
    ForecastDay,
    HardCard,
    Histogram,
    HistogramBin,
    PracticeWindow,
    Retention,
    RetentionWindow,
    Scope,
    StatsReport,
    StudyTime,
    TopicMastery,
)
from kquiz.stats.report import PERIODS, StatsInputs, build_report, in_scope, report_from_records

__all__ = [
    "KIND_NAMES",
    "PERIODS",
    "Bucket",
    "ButtonCounts",
    "Calendar",
    "Forecast",
    "ForecastDay",
    "HardCard",
    "Histogram",
    "HistogramBin",
    "PracticeWindow",
    "Retention",
    "RetentionWindow",
    "Scope",
    "StatsInputs",
    "StatsReport",
    "StudyTime",
    "TopicMastery",
    "buckets_from_records",
    "build_report",
    "day_segments",
    "in_scope",
    "report_from_records",
]
