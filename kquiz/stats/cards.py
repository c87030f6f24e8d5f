"""Statistics of card states now: forecast, topic mastery, histograms, hardest cards."""

from __future__ import annotations

import statistics
from datetime import datetime, timedelta, tzinfo
from typing import Callable, Iterable, Mapping

from kquiz.domain import CardKey, CardState, MemoryState, Progress
from kquiz.scheduling import study_day
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
    "<1d", "1d", "2d", "3–4d", "5–6d", "7–9d", "10–13d", "14–20d", "21–29d",
    "30–44d", "45–59d", "2–3mo", "3–6mo", "6–12mo", "1–2y", "2y+",
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
    learning = [0] * days
    review = [0] * days
    overdue = later = 0
    for p in progress:
        m = p.memory
        if p.suspended or m.state == CardState.NEW or m.due is None:
            continue
        due = max(m.due, p.buried_until) if p.buried_until is not None else m.due
        offset = (study_day(due, tz, rollover_hour) - today).days
        if offset < 0:
            overdue += 1
            offset = 0
        if offset >= days:
            later += 1
            continue
        (review if m.state == CardState.REVIEW else learning)[offset] += 1
    return Forecast(
        days=tuple(ForecastDay(today + timedelta(days=i), learning[i], review[i]) for i in range(days)),
        overdue=overdue,
        later=later,
    )


def mastery(
    topic_of: Mapping[CardKey, str],
    progress: Mapping[CardKey, Progress],
    recall: Mapping[CardKey, float],
    titles: Mapping[str, str],
) -> tuple[TopicMastery, ...]:
    """Per topic, in the order of ``titles`` (then any other topic, by id)."""
    counts: dict[str, dict[str, int]] = {}
    recalls: dict[str, list[float]] = {}
    for key, topic in topic_of.items():
        p = progress.get(key)
        c = counts.setdefault(topic, dict.fromkeys(("new", "learning", "young", "mature", "suspended"), 0))
        kind = category(p)
        c[kind] += 1
        if kind not in ("new", "suspended") and key in recall:
            recalls.setdefault(topic, []).append(recall[key])
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
        i = len(EDGES) - 1
        while i > 0 and v < EDGES[i]:
            i -= 1
        counts[i] += 1
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
    for p in progress:
        m = p.memory
        if p.suspended or m.state == CardState.NEW:
            continue
        if m.stability is not None:
            stabilities.append(m.stability)
        if m.state == CardState.REVIEW:
            interval = interval_days(m)
            if interval is not None:
                intervals.append(interval)
    return histogram("interval", intervals), histogram("stability", stabilities)


def hardest(
    topic_of: Mapping[CardKey, str],
    progress: Mapping[CardKey, Progress],
    recall: Mapping[CardKey, float],
    count: int = HARDEST_COUNT,
) -> tuple[tuple[HardCard, ...], tuple[HardCard, ...]]:
    """(most lapses first — ties: lowest recall; lowest predicted recall first), studied cards only."""

    def card(p: Progress) -> HardCard:
        m = p.memory
        return HardCard(
            key=p.key, topic=topic_of.get(p.key, ""), lapses=m.lapses, reps=m.reps,
            retrievability=recall.get(p.key, 0.0), stability=m.stability, difficulty=m.difficulty,
            suspended=p.suspended, leech=p.leech,
        )

    studied = [progress[k] for k in topic_of if k in progress and progress[k].memory.state != CardState.NEW]
    lapsed = sorted(
        (p for p in studied if p.memory.lapses > 0),
        key=lambda p: (-p.memory.lapses, recall.get(p.key, 0.0), p.key),
    )
    weakest = sorted(
        (p for p in studied if not p.suspended and p.key in recall), key=lambda p: (recall[p.key], p.key)
    )
    return tuple(map(card, lapsed[:count])), tuple(map(card, weakest[:count]))

