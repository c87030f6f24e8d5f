"""Interval labels for rating buttons and stats.

Rule (each unit is used while the rounded value stays below the next unit):
under 1 hour: whole minutes, at least ``1m`` (so 20 s shows ``1m``); under 1 day: whole hours
(``3h``); under 30 days: whole days (``3d``); under 365 days: months of 30.4375 days with one
decimal (``1.2mo``); otherwise years of 365.25 days with one decimal (``2.1y``). A trailing
``.0`` is dropped (``1mo``, ``3y``). Negative durations show as ``1m``.
"""

from __future__ import annotations

from datetime import timedelta

_DAYS_PER_MONTH = 365.25 / 12
_DAYS_PER_YEAR = 365.25


def _one_decimal(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_interval(delta: timedelta) -> str:
    seconds = max(delta.total_seconds(), 0.0)
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{max(minutes, 1)}m"
    hours = round(seconds / 3600)
    if hours < 24:
        return f"{hours}h"
    days = seconds / 86400
    if round(days) < 30:
        return f"{round(days)}d"
    months = days / _DAYS_PER_MONTH
    if days < 365 and round(months, 1) < 12:
        return f"{_one_decimal(months)}mo"
    return f"{_one_decimal(days / _DAYS_PER_YEAR)}y"
