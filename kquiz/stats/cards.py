"""Statistics of card states now: forecast, topic mastery, histograms, hardest cards."""

from __future__ import annotations

import heapq
import statistics
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from kquiz.domain import CardKey, CardState, MemoryState, Progress
from kquiz.scheduling import day_bounds, study_day
from kquiz.stats.model import (
    MATURE_DAYS,
    Forecast,
    ForecastDay,
    HardCard,
    Histogram,
    HistogramBin,
    TopicMastery,
)

Retrievability = Callable[[MemoryState, datetime], float]

# bin edges in days: low <= x < high
EDGES: tuple[float, ...] = (0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 180, 365, 730)
LABELS: tuple[str, ...] = (
    "<1d",
    "1d",
    "2d",
    "3–4d",
    "5–6d",
    "7–9d",
    "10–13d",
    "14–20d",
    "21–29d",
    "30–44d",
    "45–59d",
    "2–3mo",
    "3–6mo",
    "6–12mo",
    "1–2y",
    "2y+",
)
HARDEST_COUNT = 10


def interval_days(m: MemoryState) -> float | None:
    if m.due is None or m.last_review is None:
        return None
    return (m.due - m.last_review).total_seconds() / 86400


def category(p: Progress | None) -> str:
    """new / learning / young / mature / suspended (each card is in exactly one)."""
    if p is not None and p.suspended:
        return "suspended"
    m = p.memory if p is not None else None
    if m is None or m.state == CardState.NEW:
        return "new"
    if m.state != CardState.REVIEW:
        return "learning"
    interval = interval_days(m)
    return "mature" if interval is not None and interval >= MATURE_DAYS else "young"


def forecast(
    progress: Iterable[Progress], now: datetime, tz: tzinfo, rollover_hour: int, days: int
) -> Forecast:
    today = study_day(now, tz, rollover_hour)
    # the UTC end of each shown study day: a card's day is found by bisection, not per-card tz math
    ends = [day_bounds(today + timedelta(days=i), tz, rollover_hour)[1] for i in range(days)]
    start = day_bounds(today, tz, rollover_hour)[0]
    learning = [0] * days
    review = [0] * days
    overdue = later = 0
    for p in progress:
        m = p.memory
        if p.suspended or m.state == CardState.NEW or m.due is None:
            continue
        due = m.due if p.buried_until is None or p.buried_until < m.due else p.buried_until
        if due < start:
            overdue += 1
        offset = bisect_right(ends, due)
        if offset >= days:
            later += 1
            continue
        (review if m.state == CardState.REVIEW else learning)[offset] += 1
    return Forecast(
        days=tuple(ForecastDay(today + timedelta(days=i), learning[i], review[i]) for i in range(days)),
        overdue=overdue,
        later=later,
    )


class Entry(NamedTuple):
    """One card in scope, looked up once: its topic, progress (None = never stored) and recall now
    (None when it has no review yet)."""

    key: CardKey
    topic: str
    progress: Progress | None
    recall: float | None


def entries(
    topic_of: Mapping[CardKey, str],
    progress: Mapping[CardKey, Progress],
    retrievability: Retrievability,
    now: datetime,
) -> list[Entry]:
    out = []
    found = progress.get
    for key, topic in topic_of.items():
        p = found(key)
        r = retrievability(p.memory, now) if p is not None and p.memory.last_review is not None else None
        out.append(Entry(key, topic, p, r))
    return out


def mastery(cards: Iterable[Entry], titles: Mapping[str, str]) -> tuple[TopicMastery, ...]:
    """Per topic, in the order of ``titles`` (then any other topic, by id)."""
    counts: dict[str, dict[str, int]] = {}
    recalls: dict[str, list[float]] = {}
    for _key, topic, p, r in cards:
        c = counts.get(topic)
        if c is None:
            c = counts[topic] = dict.fromkeys(("new", "learning", "young", "mature", "suspended"), 0)
        kind = category(p)
        c[kind] += 1
        if r is not None and kind != "new" and kind != "suspended":
            recalls.setdefault(topic, []).append(r)
    order = [t for t in titles if t in counts] + sorted(t for t in counts if t not in titles)
    return tuple(
        TopicMastery(
            topic=t,
            title=titles.get(t, t),
            **counts[t],
            mean_recall=statistics.fmean(recalls[t]) if recalls.get(t) else None,
        )
        for t in order
    )


def histogram(name: str, values: list[float]) -> Histogram:
    counts = [0] * len(EDGES)
    for v in values:
        counts[max(0, bisect_right(EDGES, v) - 1)] += 1
    bins = tuple(
        HistogramBin(LABELS[i], EDGES[i], EDGES[i + 1] if i + 1 < len(EDGES) else None, counts[i])
        for i in range(len(EDGES))
    )
    return Histogram(
        name=name,
        bins=bins,
        count=len(values),
        mean=statistics.fmean(values) if values else None,
        median=statistics.median(values) if values else None,
    )


def intervals_and_stability(progress: Iterable[Progress]) -> tuple[Histogram, Histogram]:
    """Intervals of cards in the Review state; stabilities of every studied card (unsuspended)."""
    intervals: list[float] = []
    stabilities: list[float] = []
    review, new = CardState.REVIEW, CardState.NEW
    for p in progress:
        m = p.memory
        if p.suspended or m.state == new:
            continue
        if m.stability is not None:
            stabilities.append(m.stability)
        if m.state == review and m.due is not None and m.last_review is not None:
            intervals.append((m.due - m.last_review).total_seconds() / 86400)
    return histogram("interval", intervals), histogram("stability", stabilities)


def hardest(
    cards: Iterable[Entry], count: int = HARDEST_COUNT
) -> tuple[tuple[HardCard, ...], tuple[HardCard, ...]]:
    """(most lapses first — ties: lowest recall; lowest predicted recall first), studied cards only."""

    def card(e: Entry) -> HardCard:
        p = e.progress
        assert p is not None
        m = p.memory
        return HardCard(
            key=e.key,
            topic=e.topic,
            lapses=m.lapses,
            reps=m.reps,
            retrievability=e.recall or 0.0,
            stability=m.stability,
            difficulty=m.difficulty,
            suspended=p.suspended,
            leech=p.leech,
        )

    studied = [(e, p) for e in cards if (p := e.progress) is not None and p.memory.state != CardState.NEW]
    lapsed = heapq.nsmallest(
        count,
        (e for e, p in studied if p.memory.lapses > 0),
        key=lambda e: (-_lapses(e), e.recall or 0.0, e.key.deck_id, e.key.card_id),
    )
    weakest = heapq.nsmallest(
        count,
        (e for e, p in studied if e.recall is not None and not p.suspended),
        key=lambda e: (e.recall or 0.0, e.key.deck_id, e.key.card_id),
    )
    return tuple(map(card, lapsed)), tuple(map(card, weakest))


def _lapses(e: Entry) -> int:
    return 0 if e.progress is None else e.progress.memory.lapses
