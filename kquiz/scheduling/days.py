"""The study day: it rolls over at ``rollover_hour`` (default 04:00) local time, not at midnight.

Wall-clock arithmetic in the learner's zone, so a DST change moves the rollover with the clocks:
the day of a spring-forward change is 23 hours long, the autumn one 25 hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def check_hour(rollover_hour: int) -> None:
    if not 0 <= rollover_hour <= 23:
        raise ValueError(f"rollover hour must be 0..23, got {rollover_hour}")


def study_day(now: datetime, tz: tzinfo, rollover_hour: int = 4) -> date:
    """The study day ``now`` belongs to: before the rollover hour it is still yesterday."""
    check_hour(rollover_hour)
    if now.tzinfo is None:
        raise ValueError("study_day needs an aware datetime")
    local = now.astimezone(tz).replace(tzinfo=None)
    return (local - timedelta(hours=rollover_hour)).date()


def day_bounds(day: date, tz: tzinfo, rollover_hour: int = 4) -> tuple[datetime, datetime]:
    """UTC [start, end) of a study day: from its rollover to the next day's rollover, local time."""
    check_hour(rollover_hour)
    start = datetime.combine(day, time(rollover_hour), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(rollover_hour), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def elapsed_days(last: datetime, now: datetime, tz: tzinfo, rollover_hour: int = 4) -> int:
    """FSRS's elapsed time: study days from ``last`` to ``now``, as Anki and fsrs-rs count it.

    0 for two reviews on the same study day (FSRS then uses its short-term formula), 1 from one
    study day to the next however few hours apart; never negative (a clock set back counts 0).
    The scheduler and the optimizer both count with this one function.
    """
    return max(0, (study_day(now, tz, rollover_hour) - study_day(last, tz, rollover_hour)).days)


def add_days(moment: datetime, days: int, tz: tzinfo) -> datetime:
    """``moment`` plus ``days`` on the learner's wall clock (UTC), so it keeps its hour across DST and
    its study day moves by exactly ``days``."""
    if moment.tzinfo is None:
        raise ValueError("add_days needs an aware datetime")
    return (moment.astimezone(tz) + timedelta(days=days)).astimezone(UTC)
