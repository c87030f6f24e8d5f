"""Statistics of the review log, from buckets (see ``buckets.py``): one pass, integer day indices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kquiz.stats.buckets import KIND_NAMES, Bucket
from kquiz.stats.model import ButtonCounts, Calendar, PracticeWindow, Retention, RetentionWindow, StudyTime

CALENDAR_DAYS = 365
# (label, first day back from today, last day back): "7 days" is today and the 6 days before it
RETENTION_WINDOWS: tuple[tuple[str, int, int], ...] = (
    ("today", 0, 0),
    ("yesterday", 1, 1),
    ("7 days", 6, 0),
    ("30 days", 29, 0),
    ("365 days", 364, 0),
)


class ReviewTally:
    """Per-day arrays over [start, today] plus all-time totals, filled from buckets in one pass."""

    def __init__(self, buckets: Sequence[Bucket], today: date, span_days: int):
        self.today = today
        self.start = today - timedelta(days=span_days - 1)
        n = span_days
        base = self.start.toordinal()
        self.scheduled = [0] * n
        self.practice = [0] * n
        self.sched_ms = [0] * n
        self.practice_ms = [0] * n
        self.practice_ok = [0] * n
        # per day: [kind][rating-1] for scheduled answers
        self.buttons = [[[0, 0, 0, 0] for _ in range(3)] for _ in range(n)]
        self.studied_days: set[int] = set()  # every day with an answer, all history (for streaks)
        self.total_scheduled = 0
        self.total_practice = 0
        for day, practice, kind, rating, count, ms in buckets:
            self.studied_days.add(day)
            i = day - base
            inside = 0 <= i < n
            if practice:
                self.total_practice += count
                if inside:
                    self.practice[i] += count
                    self.practice_ms[i] += ms
                    if rating != 1:
                        self.practice_ok[i] += count
            else:
                self.total_scheduled += count
                if inside:
                    self.scheduled[i] += count
                    self.sched_ms[i] += ms
                    self.buttons[i][kind][rating - 1] += count

    def index(self, back: int) -> int:
        """Array index of the day ``back`` days before today."""
        return len(self.scheduled) - 1 - back


def calendar(t: ReviewTally, days: int = CALENDAR_DAYS) -> Calendar:
    lo = t.index(days - 1)
    today = t.today.toordinal()
    current = 0
    day = today if today in t.studied_days else today - 1
    while day in t.studied_days:
        current += 1
        day -= 1
    longest = run = 0
    previous = None
    for day in sorted(t.studied_days):
        run = run + 1 if previous == day - 1 else 1
        longest = max(longest, run)
        previous = day
    reviews = tuple(t.scheduled[lo:])
    practice = tuple(t.practice[lo:])
    return Calendar(
        start=t.today - timedelta(days=days - 1),
        end=t.today,
        reviews=reviews,
        practice=practice,
        current_streak=current,
        longest_streak=longest,
        days_studied=sum(1 for a, b in zip(reviews, practice) if a or b),
    )


def retention(t: ReviewTally, desired: float) -> Retention:
    windows = []
    for label, first_back, last_back in RETENTION_WINDOWS:
        acc = [0, 0, 0, 0]  # young passed, young total, mature passed, mature total
        for i in range(t.index(first_back), t.index(last_back) + 1):
            for kind in (1, 2):
                row = t.buttons[i][kind]
                acc[2 * kind - 2] += row[1] + row[2] + row[3]
                acc[2 * kind - 1] += row[0] + row[1] + row[2] + row[3]
        windows.append(
            RetentionWindow(
                label=label,
                first_day=t.today - timedelta(days=first_back),
                last_day=t.today - timedelta(days=last_back),
                passed=acc[0] + acc[2],
                total=acc[1] + acc[3],
                young_passed=acc[0],
                young_total=acc[1],
                mature_passed=acc[2],
                mature_total=acc[3],
            )
        )
    return Retention(desired=desired, windows=tuple(windows))


def practice(t: ReviewTally) -> tuple[PracticeWindow, ...]:
    out = []
    for label, first_back, last_back in RETENTION_WINDOWS:
        span = range(t.index(first_back), t.index(last_back) + 1)
        out.append(
            PracticeWindow(label, sum(t.practice[i] for i in span), sum(t.practice_ok[i] for i in span))
        )
    return tuple(out)


def buttons(t: ReviewTally, period_days: int) -> tuple[ButtonCounts, ...]:
    out = []
    for kind, name in enumerate(KIND_NAMES):
        acc = [0, 0, 0, 0]
        for i in range(t.index(period_days - 1), t.index(0) + 1):
            for r in range(4):
                acc[r] += t.buttons[i][kind][r]
        out.append(ButtonCounts(name, *acc))
    return tuple(out)


def study_time(t: ReviewTally, period_days: int) -> StudyTime:
    lo = t.index(period_days - 1)
    return StudyTime(
        start=t.today - timedelta(days=period_days - 1),
        seconds=tuple(ms / 1000 for ms in t.sched_ms[lo:]),
        practice_seconds=tuple(ms / 1000 for ms in t.practice_ms[lo:]),
        answers=tuple(a + b for a, b in zip(t.scheduled[lo:], t.practice[lo:])),
    )
