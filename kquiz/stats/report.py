"""Assemble one StatsReport from plain inputs: review buckets (or ReviewRecords), card states,
the cards of the library with their topics, and time passed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from kquiz.domain import CardKey, CardState, Progress, ReviewRecord
from kquiz.scheduling import study_day
from kquiz.stats import cards as card_stats
from kquiz.stats import reviews as review_stats
from kquiz.stats.buckets import Bucket, buckets_from_records
from kquiz.stats.cards import Retrievability
from kquiz.stats.model import Scope, StatsReport

PERIODS = (30, 90, 365)


@dataclass(frozen=True, slots=True)
class StatsInputs:
    """Everything but the review history. ``cards`` maps every card of the loaded decks to
    (deck id, topic id); ``progress`` may hold more (cards no longer in a deck), which is ignored
    for card-state figures. ``retrievability`` is FSRS's recall probability (memory, now) -> 0..1."""

    cards: Mapping[CardKey, tuple[str, str]]
    progress: Mapping[CardKey, Progress]
    now: datetime
    tz: tzinfo
    retrievability: Retrievability
    rollover_hour: int = 4
    desired_retention: float = 0.9
    period_days: int = 30
    scope: Scope = field(default_factory=Scope)
    topic_titles: Mapping[str, str] = field(default_factory=dict)

    def scoped_cards(self) -> dict[CardKey, str]:
        """CardKey -> topic id for the cards in scope."""
        deck, topic = self.scope.deck_id, self.scope.topic
        return {
            k: t
            for k, (d, t) in self.cards.items()
            if (deck is None or d == deck) and (topic is None or t == topic)
        }


def in_scope(records: Iterable[ReviewRecord], inputs: StatsInputs) -> Iterable[ReviewRecord]:
    """The review-history rule: all decks = the whole log (cards since removed included); a deck =
    its rows; a topic = the rows of the cards that are in that topic now."""
    if inputs.scope.topic is not None:
        keys = inputs.scoped_cards()
        return (r for r in records if r.key in keys)
    if inputs.scope.deck_id is not None:
        return (r for r in records if r.key.deck_id == inputs.scope.deck_id)
    return records


def report_from_records(records: Iterable[ReviewRecord], inputs: StatsInputs) -> StatsReport:
    """The report from ReviewRecords (any iterable; filtered to the scope here)."""
    buckets = buckets_from_records(in_scope(records, inputs), inputs.tz, inputs.rollover_hour)
    return build_report(buckets, inputs)


def build_report(buckets: Sequence[Bucket], inputs: StatsInputs) -> StatsReport:
    """The report from review buckets already restricted to the scope (see ``in_scope``)."""
    period = inputs.period_days
    if not 1 <= period <= 365:
        raise ValueError(f"the period must be 1..365 days, got {period}")
    now = inputs.now
    today = study_day(now, inputs.tz, inputs.rollover_hour)
    topic_of = inputs.scoped_cards()
    cards = card_stats.entries(topic_of, inputs.progress, inputs.retrievability, now)
    progress = [e.progress for e in cards if e.progress is not None]
    tally = review_stats.ReviewTally(buckets, today, max(review_stats.CALENDAR_DAYS, period))
    intervals, stability = card_stats.intervals_and_stability(progress)
    by_lapses, by_recall = card_stats.hardest(cards)
    return StatsReport(
        generated_at=now,
        today=today,
        scope=inputs.scope,
        period_days=period,
        desired_retention=inputs.desired_retention,
        cards=len(topic_of),
        studied=sum(1 for p in progress if p.memory.state != CardState.NEW),
        total_reviews=tally.total_scheduled,
        total_practice=tally.total_practice,
        forecast=card_stats.forecast(progress, now, inputs.tz, inputs.rollover_hour, period),
        calendar=review_stats.calendar(tally),
        retention=review_stats.retention(tally, inputs.desired_retention),
        practice=review_stats.practice(tally),
        mastery=card_stats.mastery(cards, inputs.topic_titles),
        intervals=intervals,
        stability=stability,
        buttons=review_stats.buttons(tally, period),
        study_time=review_stats.study_time(tally, period),
        hardest_by_lapses=by_lapses,
        hardest_by_recall=by_recall,
    )
