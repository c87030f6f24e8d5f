"""Fit FSRS parameters to the learner's own review log with fsrs-rs-python (no torch).

What is used: scheduled reviews only (practice never feeds the model), grouped per card, only
cards whose first review (from New) is in the log, and only the first review of each card per
study day (same-day repeats are learning steps FSRS-rs models through the first one). Each later
day's review of a card becomes one training item: the card's history up to and including it. Elapsed
time is counted in study days by ``days.elapsed_days``, the function the scheduler uses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

import fsrs_rs_python as fsrs_rs

from kquiz.domain import CardKey, CardState, ReviewRecord, StudyMode
from kquiz.errors import SettingsError
from kquiz.scheduling.days import elapsed_days
from kquiz.scheduling.fuzz import key_digest
from kquiz.scheduling.scheduler import DEFAULT_PARAMETERS, check_parameters

# Reviews (after the filtering above) needed before we fit. fsrs-rs itself returns the defaults
# for fewer than 8 training items and fits only the four initial stabilities below 64 items
# (src/training.rs, compute_parameters); 400 reviews leaves a few hundred items for a real fit of
# all 21 parameters while a learner reaches it within weeks.
MIN_REVIEWS_FOR_FIT = 400


@dataclass(frozen=True, slots=True)
class FitResult:
    parameters: tuple[float, ...]
    log_loss_before: float  # default parameters, on the same items
    log_loss_after: float
    reviews_used: int


def _histories(
    reviews: Iterable[ReviewRecord], tz: tzinfo, rollover_hour: int
) -> dict[CardKey, list[tuple[datetime, int]]]:
    """Per card, the first scheduled review of each study day: (when, rating)."""
    per_card: dict[CardKey, list[ReviewRecord]] = defaultdict(list)
    for record in reviews:
        if record.mode == StudyMode.SCHEDULED:
            per_card[record.key].append(record)
    histories: dict[CardKey, list[tuple[datetime, int]]] = {}
    for key, records in per_card.items():
        records.sort(key=lambda r: (r.reviewed_at, r.id or 0))
        if records[0].before.state != CardState.NEW:
            continue  # the card's start is not in the log: its history would mislead the fit
        days: list[tuple[datetime, int]] = []
        for record in records:
            if not days or elapsed_days(days[-1][0], record.reviewed_at, tz, rollover_hour) > 0:
                days.append((record.reviewed_at, int(record.rating)))
        histories[key] = days
    return histories


def build_items(
    reviews: Iterable[ReviewRecord], tz: tzinfo = UTC, rollover_hour: int = 4
) -> tuple[list[fsrs_rs.FSRSItem], list[int], int]:
    """Training items, their card ids, and the number of reviews they are built from."""
    items: list[fsrs_rs.FSRSItem] = []
    card_ids: list[int] = []
    used = 0
    for key, days in _histories(reviews, tz, rollover_hour).items():
        if len(days) < 2:
            continue
        used += len(days)
        steps = [
            fsrs_rs.FSRSReview(rating, 0 if i == 0 else elapsed_days(days[i - 1][0], at, tz, rollover_hour))
            for i, (at, rating) in enumerate(days)
        ]
        card_id = key_digest(key)
        for end in range(2, len(steps) + 1):
            items.append(fsrs_rs.FSRSItem(steps[:end]))
            card_ids.append(card_id)
    return items, card_ids, used


def fit_parameters(reviews: Iterable[ReviewRecord], *, tz: tzinfo = UTC, rollover_hour: int = 4) -> FitResult:
    """Fit FSRS parameters; raises SettingsError when fewer than MIN_REVIEWS_FOR_FIT are usable."""
    items, card_ids, used = build_items(reviews, tz, rollover_hour)
    if used < MIN_REVIEWS_FOR_FIT:
        raise SettingsError(
            f"Not enough reviews to optimize yet: {used} usable, {MIN_REVIEWS_FOR_FIT} needed "
            "(scheduled reviews of cards studied on at least two days)."
        )
    before = fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).evaluate(items).log_loss
    fitted = tuple(
        float(p) for p in fsrs_rs.FSRS(list(DEFAULT_PARAMETERS)).compute_parameters(items, card_ids)
    )
    check_parameters(fitted)
    after = fsrs_rs.FSRS(list(fitted)).evaluate(items).log_loss
    if after > before:  # never hand back something worse than the defaults on the learner's data
        fitted, after = DEFAULT_PARAMETERS, before
    return FitResult(
        parameters=fitted, log_loss_before=float(before), log_loss_after=float(after), reviews_used=used
    )
