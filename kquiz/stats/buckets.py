"""The review log reduced to integer buckets: the one input the review statistics need.

A bucket is a plain tuple ``(day, practice, kind, rating, count, duration_ms)``:

* ``day`` — the study day as a proleptic ordinal (``date.toordinal()``),
* ``practice`` — 1 for practice-mode answers, 0 for scheduled ones (test answers are left out),
* ``kind`` — what the card was *before* the answer: LEARNING (new, learning or relearning),
  YOUNG or MATURE (Review state, scheduled interval < 21 days / ≥ 21 days),
* ``rating`` — 1..4, ``count`` answers, ``duration_ms`` their summed answer time.

``buckets_from_records`` builds them from ReviewRecord objects (any iterable, e.g. tests or
``store.iter_reviews``); ``kquiz.storage.stats_queries.review_buckets`` builds the same tuples
inside SQLite, which is what makes a million-answer history take about a second. For that it
needs ``day_segments``: the study-day mapping of a time range as a few linear pieces.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo

from kquiz.domain import CardState, ReviewRecord, StudyMode
from kquiz.scheduling import day_bounds, study_day

LEARNING, YOUNG, MATURE = 0, 1, 2
KIND_NAMES = ("learning", "young", "mature")
MATURE_SECONDS = 21 * 86400
DAY_US = 86_400_000_000
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

Bucket = tuple[int, int, int, int, int, int]
# (end_us or None for "everything after", shift_us or None, constant day or None)
Segment = tuple[int | None, int | None, int | None]


def kind_of(before_state: CardState, before_due: datetime | None, before_last: datetime | None) -> int:
    if before_state != CardState.REVIEW:
        return LEARNING
    if before_due is None or before_last is None:
        return YOUNG
    return MATURE if (before_due - before_last).total_seconds() >= MATURE_SECONDS else YOUNG


def buckets_from_records(records: Iterable[ReviewRecord], tz: tzinfo, rollover_hour: int) -> list[Bucket]:
    """Group ReviewRecords into buckets (sorted), the same as the SQL path does."""
    counts: dict[tuple[int, int, int, int], list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        if r.mode == StudyMode.TEST:
            continue  # a test's answers have their own scores (kquiz.quiz), never in these numbers
        b = r.before
        key = (
            study_day(r.reviewed_at, tz, rollover_hour).toordinal(),
            int(r.mode == StudyMode.PRACTICE),
            kind_of(b.state, b.due, b.last_review),
            int(r.rating),
        )
        acc = counts[key]
        acc[0] += 1
        acc[1] += int(r.duration_ms)
    return [(*k, v[0], v[1]) for k, v in sorted(counts.items())]


def to_us(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def day_segments(first: datetime, last: datetime, tz: tzinfo, rollover_hour: int) -> list[Segment]:
    """The study day of any moment in [first, last] as pieces: ``day = (t_us + shift) // DAY_US``
    until ``end_us``; a day that is not 24 h long (a DST change) is a piece with a constant day.
    Moments before ``first`` use the first piece, after ``last`` the last one."""
    first_day = study_day(first, tz, rollover_hour)
    last_day = study_day(last, tz, rollover_hour)
    pieces: list[list[int | None]] = []  # [end_us, shift, const]
    day = first_day
    start_us = to_us(day_bounds(day, tz, rollover_hour)[0])
    while day <= last_day:
        end_us = to_us(day_bounds(day, tz, rollover_hour)[1])
        if end_us - start_us == DAY_US:
            shift, const = day.toordinal() * DAY_US - start_us, None
        else:
            shift, const = None, day.toordinal()
        if pieces and const is None and pieces[-1][1] == shift:
            pieces[-1][0] = end_us
        else:
            pieces.append([end_us, shift, const])
        start_us, day = end_us, day + timedelta(days=1)
    pieces[-1][0] = None
    if pieces[-1][1] is None:  # last piece a DST day: extend with the next regular day's shift
        pieces[-1][0] = start_us
        pieces.append([None, (last_day + timedelta(days=1)).toordinal() * DAY_US - start_us, None])
    return [(p[0], p[1], p[2]) for p in pieces]


def day_from_segments(segments: list[Segment], t_us: int) -> int:
    """Python twin of the SQL expression (used by the tests to check the pieces)."""
    for end_us, shift, const in segments:
        if end_us is None or t_us < end_us:
            if const is not None:
                return const
            if shift is None:
                raise AssertionError("a segment has a constant day or a shift")
            return (t_us + shift) // DAY_US
    raise AssertionError("the last segment is open-ended")
