"""Statistics through the front door: the store, the library and the settings, into one StatsReport.

Two steps so a UI can keep its thread free: ``prepare_stats(core, ...)`` reads the settings and the
loaded library (quick; on the thread that owns the core) and returns a ``StatsRequest``;
``request.run()`` does the heavy part — it opens its own read-only connection to the progress file
(WAL lets it read while the app writes), lets SQLite aggregate the review log, and builds the
report — so it may run on a worker thread. ``compute_report`` does both in one call.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.domain import CardKey, Deck
from kquiz.errors import KQuizError
from kquiz.scheduling import Scheduler
from kquiz.stats import Scope, StatsInputs, StatsReport, build_report, day_segments
from kquiz.storage.stats_queries import open_reader, progress_map, review_buckets, review_span

if TYPE_CHECKING:
    from kquiz.app.core import Core

PERIODS = {30: "1 month", 90: "3 months", 365: "1 year"}


class TopicNotFound(KQuizError):
    """No loaded card has that topic (in that deck)."""


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    """One entry of a scope menu: all decks, a deck, or a topic of a deck."""

    label: str
    deck_id: str | None = None
    topic: str | None = None
    depth: int = 0


def scope_choices(decks: tuple[Deck, ...]) -> list[ScopeChoice]:
    choices = [ScopeChoice("All decks")]
    for deck in decks:
        choices.append(ScopeChoice(deck.title, deck.id, None, 1))
        for topic_id, title in _topics(deck).items():
            choices.append(ScopeChoice(title, deck.id, topic_id, 2))
    return choices


def _topics(deck: Deck) -> dict[str, str]:
    titles = {t.id: t.title for t in deck.topics}
    for card in deck.cards:
        titles.setdefault(card.topic, card.topic)
    return titles


@dataclass(frozen=True)
class StatsRequest:
    store_path: Path
    inputs: StatsInputs
    deck_ids: tuple[str, ...] | None  # review-log filter: None = whole log
    keys: frozenset[CardKey] | None  # review-log filter for a topic

    def run(self) -> StatsReport:
        """The heavy part; safe on a worker thread (own connection, plain data in and out)."""
        conn = open_reader(self.store_path)
        try:
            inputs = self.inputs
            progress = progress_map(conn, self.deck_ids)
            span = review_span(conn)
            buckets = []
            if span is not None:
                first = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=span[0])
                last = max(inputs.now, first)
                segments = day_segments(first, last, inputs.tz, inputs.rollover_hour)
                buckets = review_buckets(conn, segments, deck_ids=self.deck_ids, keys=self.keys)
        finally:
            conn.close()
        return build_report(buckets, replace(inputs, progress=progress))


def prepare_stats(
    core: Core,
    *,
    deck_id: str | None = None,
    topic: str | None = None,
    period_days: int = 30,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> StatsRequest:
    """Gather what the report needs from the core (settings, library, clock). Raises DeckNotFound /
    TopicNotFound for an unknown scope, ValueError for a period outside 1..365 days."""
    if not 1 <= int(period_days) <= 365:
        raise ValueError(f"the period must be 1..365 days, got {period_days}")
    decks = (core.deck(deck_id),) if deck_id is not None else core.library.decks
    cards: dict[CardKey, tuple[str, str]] = {}
    titles: dict[str, str] = {}
    for deck in decks:
        titles.update({k: v for k, v in _topics(deck).items() if k not in titles})
        for card in deck.cards:
            cards[CardKey(deck.id, card.id)] = (deck.id, card.topic)
    label = decks[0].title if deck_id is not None else "All decks"
    keys = None
    if topic is not None:
        keys = frozenset(k for k, (_, t) in cards.items() if t == topic)
        if not keys:
            where = f"deck '{deck_id}'" if deck_id else "the loaded decks"
            raise TopicNotFound(f"No card in {where} has the topic '{topic}'.")
        label = f"{label} › {titles.get(topic, topic)}"
    settings = core.settings()
    zone = tz or core.clock.local_tz
    scheduler = Scheduler(settings.scheduling, tz=zone, rollover_hour=settings.rollover_hour)
    inputs = StatsInputs(
        cards=cards,
        progress={},
        now=now or core.clock.now(),
        tz=zone,
        retrievability=scheduler.retrievability,
        rollover_hour=settings.rollover_hour,
        desired_retention=settings.scheduling.desired_retention,
        period_days=int(period_days),
        scope=Scope(deck_id=deck_id, topic=topic, label=label),
        topic_titles=titles,
    )
    return StatsRequest(
        store_path=Path(core.store.path),
        inputs=inputs,
        deck_ids=(deck_id,) if deck_id is not None else None,
        keys=keys,
    )


def compute_report(
    core: Core, *, deck_id: str | None = None, topic: str | None = None, period_days: int = 30
) -> StatsReport:
    """The statistics for all decks, one deck, or one topic (optionally within a deck)."""
    return prepare_stats(core, deck_id=deck_id, topic=topic, period_days=period_days).run()
