"""The FSRS adapter: our MemoryState in, our MemoryState out. The only module that imports ``fsrs``.

* A new card (CardState.NEW) is an FSRS Learning card at step 0 with no stability yet.
* ``reps`` counts every scheduled review; ``lapses`` counts Again on a card in Review state.
* Review intervals are fuzzed with our own seeded fuzz (see ``fuzz.py``), so ``preview`` gives
  exactly what ``next_state`` returns for the same inputs.
* All datetimes are aware; they are converted to UTC before FSRS sees them.
* Elapsed time is counted in study days (``days.elapsed_days``: the learner's local day with the
  rollover hour), as Anki and fsrs-rs count it, not in 24-hour steps: a card answered at 20:00 and
  again at 09:00 eight study days later has 8 elapsed days. Only reviews on the same study day use
  FSRS's short-term formula. py-fsrs counts ``(now - last_review).days``, so it is shown a
  ``last_review`` exactly that many days before ``now``.
* Stability is clamped at 36,500 days, as fsrs-rs does (py-fsrs lets it grow past).
* A Review card falls due ``interval`` study days later, at the same local time of day.
* Review intervals keep the buttons' order, as Anki enforces: Hard ≤ Good < Easy by at least a day
  (``_ordered``); ``preview`` and ``next_state`` agree, so a button shows what is saved.

``fsrs`` is imported when a card is first scheduled (or custom parameters are checked), not when
this module is: the app's first screen only counts due cards (tests/perf/test_startup_imports.py).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from kquiz.domain import CardKey, CardState, MemoryState, Rating
from kquiz.errors import SettingsError
from kquiz.scheduling.days import add_days, check_hour, elapsed_days
from kquiz.scheduling.fuzz import fuzzed_days, key_digest
from kquiz.scheduling.settings import SchedulingSettings

if TYPE_CHECKING:
    import fsrs

    DEFAULT_PARAMETERS: tuple[float, ...]  # fsrs's own defaults (read on first use: __getattr__)

MAX_STABILITY = 36500.0  # days; fsrs-rs's S_MAX


def __getattr__(name: str) -> Any:
    if name == "DEFAULT_PARAMETERS":
        import fsrs

        value = tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _fsrs_maps() -> tuple[dict[Rating, Any], dict[Any, CardState], dict[CardState, Any]]:
    """Our rating → fsrs's, fsrs's card state → ours, ours → fsrs's (built when fsrs is first needed)."""
    import fsrs

    to_rating = {
        Rating.AGAIN: fsrs.Rating.Again,
        Rating.HARD: fsrs.Rating.Hard,
        Rating.GOOD: fsrs.Rating.Good,
        Rating.EASY: fsrs.Rating.Easy,
    }
    from_state = {
        fsrs.State.Learning: CardState.LEARNING,
        fsrs.State.Review: CardState.REVIEW,
        fsrs.State.Relearning: CardState.RELEARNING,
    }
    return to_rating, from_state, {v: k for k, v in from_state.items()}


def check_parameters(parameters: Sequence[float]) -> None:
    """Raise SettingsError if FSRS would refuse these parameters."""
    import fsrs

    try:
        fsrs.Scheduler(parameters=tuple(parameters), enable_fuzzing=False)
    except (ValueError, TypeError, IndexError) as exc:
        raise SettingsError(f"Invalid FSRS parameters: {exc}") from exc


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("the scheduler needs aware datetimes")
    return moment.astimezone(UTC)


def fsrs_card_id(key: CardKey) -> int:
    """A stable integer id for FSRS (``fsrs.Card()`` without an id sleeps 1 ms to make one)."""
    return key_digest(key)


class Scheduler:
    """Schedules cards with FSRS under the given settings (validated on construction), counting
    elapsed time in study days of zone ``tz`` that roll over at ``rollover_hour``."""

    def __init__(
        self, settings: SchedulingSettings | None = None, *, tz: tzinfo = UTC, rollover_hour: int = 4
    ):
        self.settings = (settings or SchedulingSettings()).validate()
        self.tz, self.rollover_hour = tz, rollover_hour
        check_hour(rollover_hour)

    @functools.cached_property
    def _fsrs(self) -> fsrs.Scheduler:
        """fsrs's scheduler, made on first use (its parameters were checked by ``settings.validate``)."""
        import fsrs

        s = self.settings
        return fsrs.Scheduler(
            parameters=s.parameters if s.parameters is not None else tuple(fsrs.scheduler.DEFAULT_PARAMETERS),
            desired_retention=s.desired_retention,
            learning_steps=s.learning_steps,
            relearning_steps=s.relearning_steps,
            maximum_interval=s.maximum_interval_days,
            enable_fuzzing=False,
        )

    def elapsed_days(self, memory: MemoryState, now: datetime) -> int | None:
        """Study days since the card's last review (None if it has none)."""
        if memory.last_review is None:
            return None
        return elapsed_days(memory.last_review, now, self.tz, self.rollover_hour)

    def _fsrs_last_review(self, memory: MemoryState, now: datetime) -> datetime | None:
        """A last review py-fsrs reads as ``elapsed_days`` before ``now`` (it counts whole 24 h)."""
        days = self.elapsed_days(memory, now)
        return None if days is None else now - timedelta(days=days)

    def _to_card(self, key: CardKey, memory: MemoryState, now: datetime) -> fsrs.Card:
        import fsrs

        if memory.state == CardState.NEW:
            return fsrs.Card(card_id=fsrs_card_id(key), state=fsrs.State.Learning, step=0, due=now)
        return fsrs.Card(
            card_id=fsrs_card_id(key),
            state=_fsrs_maps()[2][memory.state],
            step=None if memory.state == CardState.REVIEW else (memory.step or 0),
            stability=memory.stability,
            difficulty=memory.difficulty,
            due=_utc(memory.due) if memory.due is not None else now,
            last_review=self._fsrs_last_review(memory, now),
        )

    def _review(
        self, key: CardKey, memory: MemoryState, rating: Rating, now: datetime
    ) -> tuple[fsrs.Card, int | None]:
        """FSRS's card after ``rating``, and its interval in days (fuzzed) when it is a Review card."""
        to_rating, from_state, _to_state = _fsrs_maps()
        card, _log = self._fsrs.review_card(self._to_card(key, memory, now), to_rating[rating], now)
        if from_state[card.state] != CardState.REVIEW:
            return card, None
        days = (_utc(card.due) - now).days
        if self.settings.fuzz:
            days = fuzzed_days(days, self.settings.maximum_interval_days, key_digest(key, memory.reps))
        return card, days

    def _ordered(self, key: CardKey, memory: MemoryState, rating: Rating, days: int, now: datetime) -> int:
        """Review intervals in button order, as Anki enforces: Hard ≤ Good < Easy (at least a day
        longer, so under 30 days their labels differ too); Good's own interval is never moved. Only
        at the maximum interval may Easy equal Good."""
        if rating not in (Rating.HARD, Rating.EASY):
            return days
        good = self._review(key, memory, Rating.GOOD, now)[1]
        if good is None:  # Good is still a learning step (minutes): a Review interval is longer anyway
            return days
        if rating == Rating.HARD:
            return min(days, good)
        # the maximum interval still holds (only there may Easy equal Good)
        return min(max(days, good + 1), max(self.settings.maximum_interval_days, good))

    def next_state(self, key: CardKey, memory: MemoryState, rating: Rating, now: datetime) -> MemoryState:
        """The card's state after answering ``rating`` at ``now`` (pure: same inputs, same output)."""
        now, rating = _utc(now), Rating(rating)
        card, days = self._review(key, memory, rating, now)
        state = _fsrs_maps()[1][card.state]
        due = _utc(card.due)
        if days is not None:
            due = add_days(now, self._ordered(key, memory, rating, days, now), self.tz)
        lapse = memory.state == CardState.REVIEW and rating == Rating.AGAIN
        return MemoryState(
            state=state,
            step=card.step,
            stability=None if card.stability is None else min(card.stability, MAX_STABILITY),
            difficulty=card.difficulty,
            due=due,
            last_review=now,
            reps=memory.reps + 1,
            lapses=memory.lapses + (1 if lapse else 0),
        )

    def preview(self, key: CardKey, memory: MemoryState, now: datetime) -> dict[Rating, MemoryState]:
        """The state each rating would lead to; equal to ``next_state`` for that rating."""
        return {rating: self.next_state(key, memory, rating, now) for rating in Rating}

    def retrievability(self, memory: MemoryState, now: datetime) -> float:
        """Probability of recall at ``now`` (0..1) after the study days elapsed; 0 for a card never studied."""
        if memory.state == CardState.NEW or memory.stability is None or memory.last_review is None:
            return 0.0
        import fsrs

        card = fsrs.Card(
            card_id=0,
            state=_fsrs_maps()[2][memory.state],
            step=memory.step,
            stability=memory.stability,
            difficulty=memory.difficulty,
            due=_utc(memory.due or memory.last_review),
            last_review=self._fsrs_last_review(memory, _utc(now)),
        )
        return float(self._fsrs.get_card_retrievability(card, _utc(now)))
