"""The system clock's local zone follows daylight saving (not today's fixed offset)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from kquiz.clock import FixedClock, SystemClock

CHECK = """
from datetime import datetime, timezone
from kquiz.clock import SystemClock
tz = SystemClock().local_tz
for utc in (datetime(2026, 1, 15, 12, tzinfo=timezone.utc), datetime(2026, 7, 15, 12, tzinfo=timezone.utc)):
    local = utc.astimezone(tz)
    print(local.utcoffset().total_seconds() / 3600, local.hour, local.astimezone(timezone.utc) == utc)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="TZ environment variable is POSIX")
def test_system_local_zone_follows_daylight_saving() -> None:
    env = dict(os.environ, TZ="Europe/Berlin")
    out = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True)
    winter, summer = (line.split() for line in out.stdout.strip().splitlines())
    assert winter == ["1.0", "13", "True"]
    assert summer == ["2.0", "14", "True"]


def test_system_clock_now_is_aware_utc() -> None:
    now = SystemClock().now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)


def test_fixed_clock_advances_and_refuses_naive_times() -> None:
    clock = FixedClock(datetime(2026, 3, 2, 12, tzinfo=UTC))
    assert clock.advance(minutes=90) == datetime(2026, 3, 2, 13, 30, tzinfo=UTC)
    with pytest.raises(ValueError):
        FixedClock(datetime(2026, 3, 2, 12))
    with pytest.raises(ValueError):
        clock.set(datetime(2026, 3, 2, 12))
