"""Time is passed in: the core never reads the wall clock itself."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""

    @property
    def local_tz(self) -> tzinfo:
        """The learner's local timezone (the study day rolls over in local time)."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    @property
    def local_tz(self) -> tzinfo:
        local = datetime.now().astimezone().tzinfo
        return local if local is not None else timezone.utc


class FixedClock:
    """A clock for tests and simulations: stands still until advanced."""

    def __init__(self, at: datetime, local_tz: tzinfo = timezone.utc):
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = at.astimezone(timezone.utc)
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
        self._now = at.astimezone(timezone.utc)
