"""Our own interval fuzz: the same ranges as FSRS/Anki, but seeded, so a preview equals what is saved.

FSRS's built-in fuzz draws from the global ``random`` module, so the interval shown on a rating
button could differ from the one stored. We turn it off and draw from ``random.Random(seed)``
where the seed comes from the card key and its review count: the same card in the same state
always gets the same fuzz, and different cards spread out.
"""

from __future__ import annotations

import hashlib
import math
import random

from kquiz.domain import CardKey

# (start, end, factor) in days, as fsrs.scheduler.FUZZ_RANGES (and Anki).
FUZZ_RANGES: tuple[tuple[float, float, float], ...] = (
    (2.5, 7.0, 0.15),
    (7.0, 20.0, 0.10),
    (20.0, math.inf, 0.05),
)


def key_digest(key: CardKey, *extra: object) -> int:
    """A stable 63-bit integer from a card key (and extra parts); independent of PYTHONHASHSEED."""
    text = "\x1f".join([key.deck_id, key.card_id, *map(str, extra)])
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") >> 1


def fuzz_range(interval_days: int, maximum_interval: int) -> tuple[int, int]:
    """The inclusive [min, max] days a Review interval may be fuzzed to (as FSRS computes it)."""
    delta = 1.0
    for start, end, factor in FUZZ_RANGES:
        delta += factor * max(min(float(interval_days), end) - start, 0.0)
    low = max(2, round(interval_days - delta))
    high = min(round(interval_days + delta), maximum_interval)
    return min(low, high), high


def fuzzed_days(interval_days: int, maximum_interval: int, seed: int) -> int:
    """Fuzz an interval of whole days; intervals under 2.5 days are returned unchanged.

    Draws like FSRS (uniform over [low, high + 1), rounded) but clamps to ``high``: FSRS's rounding
    can land one day past its own range; ours stays inside it."""
    if interval_days < 2.5:
        return interval_days
    low, high = fuzz_range(interval_days, maximum_interval)
    drawn = random.Random(seed).random() * (high - low + 1) + low
    return min(round(drawn), maximum_interval, high)
