"""QtCharts for the Stats window: one function per chart, each building a QChart from a StatsReport.

Charts follow the app's light or dark palette (``QChart.ChartThemeLight/Dark``, then the card
surface color as background), and use one color per meaning across every chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

COLORS = {
    "learning": "#f0a030",
    "review": "#3b82f6",
    "new": "#9aa3ad",
    "young": "#7cc68a",
    "mature": "#2e8b57",
    "suspended": "#c2a36b",
    "again": "#e5534b",
    "hard": "#f0a030",
    "good": "#4caf50",
    "easy": "#3b82f6",
    "retention": "#3b82f6",
    "desired": "#e5534b",
    "scheduled": "#3b82f6",
    "practice": "#a78bfa",
    "histogram": "#3b82f6",
    "stability": "#14b8a6",
}


@dataclass(frozen=True)
class ChartStyle:
    dark: bool
    background: QColor
    text: QColor

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> ChartStyle:
        pal = palette or QApplication.palette()
        window = pal.color(QPalette.ColorRole.Window)
        return cls(
            window.lightness() < 128, pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        )


def _chart(style: ChartStyle, legend: bool = True) -> QChart:
    chart = QChart()
    chart.setTheme(QChart.ChartTheme.ChartThemeDark if style.dark else QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundBrush(style.background)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(legend)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
    chart.legend().setLabelColor(style.text)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    font = QFont(chart.legend().font())
    font.setPointSizeF(max(7.5, font.pointSizeF() * 0.9))
    chart.legend().setFont(font)
    return chart


def _style_axis(axis, style: ChartStyle) -> None:
    grid = QColor(style.text)
    grid.setAlpha(40)
    line = QColor(style.text)
    line.setAlpha(90)
    axis.setGridLineColor(grid)
    axis.setLinePenColor(line)
    axis.setLabelsColor(style.text)
    axis.setTitleBrush(style.text)
    if hasattr(axis, "setTruncateLabels"):
        axis.setTruncateLabels(False)


def _add_axes(chart: QChart, style: ChartStyle) -> None:
    for axis in chart.axes():
        _style_axis(axis, style)


def _set(name: str, values: Sequence[float], color: str) -> QBarSet:
    bar = QBarSet(name)
    bar.append([float(v) for v in values])
    bar.setColor(QColor(color))
    bar.setBorderColor(QColor(color))
    return bar


def _y_axis(
    chart: QChart, series, fmt: str = "%d", top: float | None = None, align=Qt.AlignmentFlag.AlignLeft
):
    axis = QValueAxis()
    axis.setLabelFormat(fmt)
    axis.setMin(0)
    if top is not None:
        axis.setMax(top)
    chart.addAxis(axis, align)
    for s in series:
        s.attachAxis(axis)
    if top is None:
        if axis.max() > axis.min():  # an empty history has no range to make nice (Qt warns of NaN)
            axis.applyNiceNumbers()
        axis.setMin(0)
        if axis.max() < 4:
            axis.setRange(0, 4)
            axis.setTickCount(5)
    return axis


def _grouped(values: Sequence[float], size: int) -> list[float]:
    return [sum(values[i : i + size]) for i in range(0, len(values), size)]


def _date_axis(chart: QChart, series, first: date, count: int, step_days: int) -> QCategoryAxis:
    """An x axis for ``count`` bars starting at ``first``, each ``step_days`` long, with ~7 labels."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    every = max(1, round(count / 7))
    for i in range(0, count, every):
        day = first + timedelta(days=i * step_days)
        axis.append(f"{day:%b} {day.day}", i)
    axis.setRange(-0.5, count - 0.5)
    axis.setGridLineVisible(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    for s in series:
        s.attachAxis(axis)
    return axis


def _bucket_days(n: int) -> int:
    return 7 if n > 120 else 1


def forecast_chart(report, style: ChartStyle) -> QChart:
    days = report.forecast.days
    step = _bucket_days(len(days))
    chart = _chart(style)
    series = QStackedBarSeries()
    series.setBarWidth(0.85)
    series.append(_set("Learning", _grouped([d.learning for d in days], step), COLORS["learning"]))
    series.append(_set("Review", _grouped([d.review for d in days], step), COLORS["review"]))
    chart.addSeries(series)
    _date_axis(chart, [series], days[0].day, series.barSets()[0].count(), step)
    _y_axis(chart, [series])
    return chart


def study_time_chart(report, style: ChartStyle) -> QChart:
    st = report.study_time
    step = _bucket_days(len(st.seconds))
    chart = _chart(style)
    series = QStackedBarSeries()
    series.setBarWidth(0.85)
    series.append(_set("Scheduled (min)", _grouped([s / 60 for s in st.seconds], step), COLORS["scheduled"]))
    series.append(
        _set("Practice (min)", _grouped([s / 60 for s in st.practice_seconds], step), COLORS["practice"])
    )
    chart.addSeries(series)
    _date_axis(chart, [series], st.start, series.barSets()[0].count(), step)
    top = max((sum(v) for v in zip(*(list(b) for b in _values(series)))), default=0)
    _y_axis(chart, [series], "%.1f" if top < 5 else "%.0f")
    return chart


def _values(series) -> list[list[float]]:
    return [[b.at(i) for i in range(b.count())] for b in series.barSets()]


def retention_chart(report, style: ChartStyle) -> QChart:
    r = report.retention
    chart = _chart(style)
    series = QBarSeries()
    series.setBarWidth(0.6)
    series.append(_set("True retention %", [100 * (w.rate or 0) for w in r.windows], COLORS["retention"]))
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    series.setLabelsPrecision(3)
    chart.addSeries(series)
    line = QLineSeries()
    line.setName(f"Desired {100 * r.desired:.0f}%")
    pen = QPen(QColor(COLORS["desired"]), 2, Qt.PenStyle.DashLine)
    line.setPen(pen)
    line.append([QPointF(-0.5, 100 * r.desired), QPointF(len(r.windows) - 0.5, 100 * r.desired)])
    chart.addSeries(line)
    axis = QBarCategoryAxis()
    axis.append([w.label.replace("365 days", "1 year") for w in r.windows])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    x = QValueAxis()  # hidden twin so the desired line spans the full width
    x.setRange(-0.5, len(r.windows) - 0.5)
    x.setVisible(False)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    line.attachAxis(x)
    _y_axis(chart, [series, line], "%d%%", top=100)
    return chart


def mastery_chart(report, style: ChartStyle) -> QChart:
    chart = _chart(style)
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    topics = list(report.mastery)
    for name in ("new", "learning", "young", "mature", "suspended"):
        series.append(_set(name.capitalize(), [getattr(m, name) for m in topics], COLORS[name]))
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([short_title(m.title) + _recall(m.mean_recall) for m in topics] or [""])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    x = _y_axis(chart, [series], "%d", align=Qt.AlignmentFlag.AlignBottom)
    x.setTitleText("cards")
    return chart


def short_title(title: str, width: int = 24) -> str:
    """ "Risks: side effects, misuse" -> "Risks"; long titles are cut with an ellipsis."""
    head = title.split(":", 1)[0].strip() or title
    return head if len(head) <= width else head[: width - 1].rstrip() + "…"


def _recall(value: float | None) -> str:
    return "<br>recall —" if value is None else f"<br>recall {100 * value:.0f}%"


def histogram_chart(histogram, style: ChartStyle, color: str) -> QChart:
    chart = _chart(style, legend=False)
    series = QBarSeries()
    series.setBarWidth(0.85)
    series.append(_set(histogram.name, [b.count for b in histogram.bins], color))
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append([b.label.replace("<", "&lt;") for b in histogram.bins])  # labels are rich text
    axis.setLabelsAngle(-60)
    font = QFont(axis.labelsFont())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    axis.setLabelsFont(font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    _y_axis(chart, [series]).setTitleText("cards")
    return chart


def buttons_chart(report, style: ChartStyle) -> QChart:
    chart = _chart(style)
    series = QBarSeries()
    series.setBarWidth(0.8)
    for name in ("again", "hard", "good", "easy"):
        series.append(_set(name.capitalize(), [getattr(b, name) for b in report.buttons], COLORS[name]))
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(
        [
            b.kind.capitalize()
            + ("" if b.correct_rate is None else f" ({100 * b.correct_rate:.0f}% correct)")
            for b in report.buttons
        ]
    )
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    _y_axis(chart, [series])
    return chart


def make_view(chart: QChart, style: ChartStyle, parent: QWidget | None = None) -> QChartView:
    _add_axes(chart, style)
    view = QChartView(chart, parent)
    view.setBackgroundBrush(style.background)
    view.setFrameShape(QChartView.Shape.NoFrame)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(230)
    return view
