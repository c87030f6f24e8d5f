"""The calendar heatmap: one cell per study day over the last year, weeks as columns (Mon–Sun)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

LIGHT_LEVELS = ("#e4e7eb", "#9be9a8", "#40c463", "#30a14e", "#216e39")
DARK_LEVELS = ("#33373e", "#0e4429", "#006d32", "#26a641", "#39d353")
LEFT, TOP, BOTTOM, GAP = 34, 18, 26, 3


class CalendarHeatmap(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendarHeatmap")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Reviews per day over the last year")
        self._calendar = None
        self._dark = False
        self._first_monday = date.today()
        self._weeks = 53

    def set_data(self, calendar, dark: bool) -> None:
        """``calendar``: a kquiz Calendar (start, end, reviews, practice per day)."""
        self._calendar = calendar
        self._dark = dark
        self._first_monday = calendar.start - timedelta(days=calendar.start.weekday())
        self._weeks = (calendar.end - self._first_monday).days // 7 + 1
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def _cell(self) -> int:
        return max(7, min(15, (self.width() - LEFT - 8) // max(1, self._weeks) - GAP))

    def sizeHint(self) -> QSize:
        return QSize(LEFT + 53 * (12 + GAP) + 8, TOP + 7 * (15 + GAP) + BOTTOM)

    def _rect(self, day: date) -> QRect:
        cell = self._cell()
        offset = (day - self._first_monday).days
        x = LEFT + (offset // 7) * (cell + GAP)
        y = TOP + (offset % 7) * (cell + GAP)
        return QRect(x, y, cell, cell)

    def day_at(self, pos: QPoint) -> date | None:
        if self._calendar is None:
            return None
        cell = self._cell()
        col, row = (pos.x() - LEFT) // (cell + GAP), (pos.y() - TOP) // (cell + GAP)
        if pos.x() < LEFT or pos.y() < TOP or not 0 <= row < 7 or not 0 <= col < self._weeks:
            return None
        day = self._first_monday + timedelta(days=col * 7 + row)
        return day if self._calendar.start <= day <= self._calendar.end else None

    def level(self, count: int, top: int) -> int:
        return 0 if count <= 0 or top <= 0 else max(1, min(4, math.ceil(4 * count / top)))

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self._calendar is None:
            return
        cal = self._calendar
        levels = DARK_LEVELS if self._dark else LIGHT_LEVELS
        text = self.palette().color(self.foregroundRole())
        muted = QColor(text)
        muted.setAlpha(170)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = p.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        p.setFont(font)
        totals = [a + b for a, b in zip(cal.reviews, cal.practice)]
        top = max(totals, default=0)
        p.setPen(muted)
        for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
            r = self._rect(self._first_monday + timedelta(days=row))
            p.drawText(
                QRect(0, r.y() - 2, LEFT - 6, r.height() + 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        for col in range(self._weeks):  # month names above the week where a month starts
            monday = self._first_monday + timedelta(days=7 * col)
            if (col == 0 and max(monday, cal.start).day <= 21) or (col > 0 and monday.day <= 7):
                label = max(monday, cal.start)
                r = self._rect(monday)
                p.drawText(
                    QRect(r.x(), 0, 40, TOP - 3),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                    f"{label:%b}",
                )
        for i, count in enumerate(totals):
            r = self._rect(cal.start + timedelta(days=i))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(levels[self.level(count, top)]))
            p.drawRoundedRect(r, 2, 2)
        today = self._rect(cal.end)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 1.5))
        p.drawRoundedRect(today.adjusted(-1, -1, 1, 1), 3, 3)
        self._paint_legend(p, levels, muted)
        p.end()

    def _paint_legend(self, p: QPainter, levels, muted: QColor) -> None:
        cell = self._cell()
        y = TOP + 7 * (cell + GAP) + 8
        right = LEFT + self._weeks * (cell + GAP)
        x = right - 5 * (cell + GAP) - 34
        p.setPen(muted)
        p.drawText(
            QRect(x - 40, y - 2, 36, cell + 4),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            "Less",
        )
        for i, color in enumerate(levels):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            p.drawRoundedRect(QRect(x + i * (cell + GAP), y, cell, cell), 2, 2)
        p.setPen(muted)
        p.drawText(
            QRect(x + 5 * (cell + GAP) + 2, y - 2, 40, cell + 4),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            "More",
        )

    def tooltip_text(self, day: date) -> str:
        cal = self._calendar
        if cal is None:
            return ""
        i = (day - cal.start).days
        reviews, practice = cal.reviews[i], cal.practice[i]
        extra = f", {practice} practice" if practice else ""
        return f"{day:%a} {day.day} {day:%b %Y}: {reviews} review{'s' * (reviews != 1)}{extra}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_text(day), self)
        super().mouseMoveEvent(event)
