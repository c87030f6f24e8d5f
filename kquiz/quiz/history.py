"""Test scores over time from the review log: a test's answers share one submission time."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kquiz.domain import CardKey, Rating, ReviewRecord, StudyMode
from kquiz.quiz.model import TestScorePoint, TopicScore


def scores_over_time(
    records: Iterable[ReviewRecord], topic_of: Callable[[CardKey], tuple[str, str] | None] | None = None
) -> list[TestScorePoint]:
    """One point per submitted test (oldest first). ``topic_of`` gives a card's (topic id, title) for
    the per-topic scores (None: a card no loaded deck has; counted in the total only)."""
    groups: dict[object, list[ReviewRecord]] = {}
    for r in records:
        if r.mode == StudyMode.TEST:
            groups.setdefault(r.reviewed_at, []).append(r)
    points = []
    for at in sorted(groups):  # type: ignore[type-var]
        rows = groups[at]
        tally: dict[str, list[int]] = {}
        titles: dict[str, str] = {}
        for r in rows:
            topic = topic_of(r.key) if topic_of is not None else None
            if topic is None:
                continue
            titles.setdefault(topic[0], topic[1])
            acc = tally.setdefault(topic[0], [0, 0])
            acc[0] += int(r.rating != Rating.AGAIN)
            acc[1] += 1
        points.append(
            TestScorePoint(
                at=rows[0].reviewed_at,
                right=sum(r.rating != Rating.AGAIN for r in rows),
                total=len(rows),
                deck_ids=tuple(sorted({r.key.deck_id for r in rows})),
                topics=tuple(TopicScore(t, titles[t], a, b) for t, (a, b) in tally.items()),
            )
        )
    return points
