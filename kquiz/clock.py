"""Time is passed in: the core never reads the wall clock itself."""

from __future__ import annotations

import time as _time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""

    @property
    def local_tz(self) -> tzinfo:
        """The learner's local timezone (the study day rolls over in local time)."""


class SystemLocalTimezone(tzinfo):
    """The machine's local time zone with its daylight-saving rules, on every platform.

    ``datetime.now().astimezone().tzinfo`` is only today's fixed offset, which puts study days and
    old reviews an hour off across a DST change; this asks the C library for each moment instead.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(seconds=self._local(dt).tm_gmtoff) if dt is not None else self._std()

    def dst(self, dt: datetime | None) -> timedelta:
        if dt is None or not self._local(dt).tm_isdst:
            return timedelta(0)
        return self.utcoffset(dt) - self._std()

    def tzname(self, dt: datetime | None) -> str:
        return self._local(dt).tm_zone if dt is not None else _time.tzname[0]

    def fromutc(self, dt: datetime) -> datetime:
        stamp = dt.replace(tzinfo=UTC).timestamp()
        offset = timedelta(seconds=_time.localtime(stamp).tm_gmtoff)
        return dt + offset

    @staticmethod
    def _std() -> timedelta:
        return timedelta(seconds=-_time.timezone)

    @staticmethod
    def _local(dt: datetime) -> _time.struct_time:
        naive = dt.replace(tzinfo=None)
        fields = (naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second, 0, 0, -1)
        return _time.localtime(_time.mktime(fields))

    def __repr__(self) -> str:
        return "SystemLocalTimezone()"


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    @property
    def local_tz(self) -> tzinfo:
        return SystemLocalTimezone()


class FixedClock:
    """A clock for tests and simulations: stands still until advanced."""

    def __init__(self, at: datetime, local_tz: tzinfo = UTC):
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = at.astimezone(UTC)
        self._tz = local_tz

    def now(self) -> datetime:
        return self._now

    @property
    def local_tz(self) -> tzinfo:
        return self._tz

    def advance(self, delta: timedelta = timedelta(0), **kwargs: float) -> datetime:
        self._now = self._now + delta + timedelta(**kwargs)
        return self._now

    def set(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = at.astimezone(UTC)
