"""The Stats window's "Test scores" chart: each submitted test's score (%) over time, for the scope
(a topic: that topic's questions of each test). Test answers are never in the other charts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QChart
from PySide6.QtCore import Qt

from kquiz.app.quiz import TestScorePoint
from kquiz.ui.stats.charts import ChartStyle, _chart, _set, _y_axis

MAX_TESTS = 20  # the latest ones
COLOR = "#f59e0b"


def scores_in_scope(points: Sequence[TestScorePoint], topic: str | None) -> list[tuple[str, float, int]]:
    """(label, percent, questions) per test, oldest first; a topic keeps the tests that asked it."""
    out = []
    for p in points:
        right, total = p.right, p.total
        if topic is not None:
            found = next((t for t in p.topics if t.topic == topic), None)
            if found is None:
                continue
            right, total = found.right, found.total
        out.append((f"{p.at.astimezone():%d %b}", 100.0 * right / total if total else 0.0, total))
    return out[-MAX_TESTS:]


def scores_chart(scores: Sequence[tuple[str, float, int]], style: ChartStyle) -> QChart:
    chart = _chart(style, legend=False)
    series = QBarSeries()
    series.setBarWidth(0.6)
    series.append(_set("Score %", [s for _label, s, _n in scores], COLOR))
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([f"{label}\n{n} q" for label, _s, n in scores] or [""])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    _y_axis(chart, [series], "%d%%", top=100)
    return chart
