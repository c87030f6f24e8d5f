"""The Stats window (QtCharts): ``from kquiz.ui.stats.window import StatsWindow``."""
