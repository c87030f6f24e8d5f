"""The Stats window (QtCharts): ``from kquiz.ui.stats.window import StatsWindow``."""

from kquiz.ui.stats.pyside_none import pin_none

pin_none()  # see pyside_none.py: PySide6 6.12 on CPython 3.11 drops a reference to None per call
