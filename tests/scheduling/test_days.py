"""Study days roll over at 04:00 local time, DST changes included."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kquiz.scheduling import day_bounds, study_day

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def local(y, m, d, h, mi=0, tz=NY):
    return datetime(y, m, d, h, mi, tzinfo=tz)


def test_rollover_at_four_local():
    assert study_day(local(2026, 3, 2, 3, 59), NY) == date(2026, 3, 1)
    assert study_day(local(2026, 3, 2, 4, 0), NY) == date(2026, 3, 2)
    assert study_day(local(2026, 3, 2, 23, 59), NY) == date(2026, 3, 2)
    assert study_day(local(2026, 3, 3, 0, 30), NY) == date(2026, 3, 2)
    # The same instant expressed in UTC gives the same local study day.
    assert study_day(local(2026, 3, 2, 3, 59).astimezone(UTC), NY) == date(2026, 3, 1)


def test_other_rollover_hours():
    moment = local(2026, 3, 2, 1, 0)
    assert study_day(moment, NY, rollover_hour=0) == date(2026, 3, 2)
    assert study_day(moment, NY, rollover_hour=2) == date(2026, 3, 1)
    with pytest.raises(ValueError):
        study_day(moment, NY, rollover_hour=24)
    with pytest.raises(ValueError):
        study_day(datetime(2026, 3, 2, 12), NY)


def test_day_bounds_normal_day():
    start, end = day_bounds(date(2026, 3, 2), NY)
    assert start == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 04:00 EST
    assert end - start == timedelta(hours=24)
    assert start.tzinfo == UTC


@pytest.mark.parametrize(
    ("tz", "day", "hours"),
    [
        (NY, date(2026, 3, 7), 23),  # clocks spring forward on the morning of 8 March
        (NY, date(2026, 10, 31), 25),  # and fall back on 1 November
        (BERLIN, date(2026, 3, 28), 23),
        (BERLIN, date(2026, 10, 24), 25),
    ],
)
def test_dst_days_are_23_or_25_hours_and_start_at_four_local(tz, day, hours):
    start, end = day_bounds(day, tz)
    assert end - start == timedelta(hours=hours)
    assert start.astimezone(tz).hour == 4 and end.astimezone(tz).hour == 4
    assert end.astimezone(tz).date() == day + timedelta(days=1)


@pytest.mark.parametrize("tz", [NY, BERLIN, UTC, ZoneInfo("Australia/Lord_Howe")])
def test_bounds_and_study_day_agree_every_quarter_hour_around_dst(tz):
    for first in (date(2026, 3, 5), date(2026, 10, 22), date(2026, 4, 2)):
        for offset in range(6):
            day = first + timedelta(days=offset)
            start, end = day_bounds(day, tz)
            assert day_bounds(day + timedelta(days=1), tz)[0] == end  # days tile time with no gap
            moment = start
            while moment < end:
                assert study_day(moment, tz) == day
                moment += timedelta(minutes=15)
            assert study_day(end, tz) == day + timedelta(days=1)
            assert study_day(start - timedelta(microseconds=1), tz) == day - timedelta(days=1)
