from __future__ import annotations

from datetime import timedelta

import pytest

from kquiz.scheduling import format_interval


@pytest.mark.parametrize(
    ("delta", "label"),
    [
        (timedelta(seconds=-5), "1m"),
        (timedelta(0), "1m"),
        (timedelta(seconds=20), "1m"),
        (timedelta(seconds=45), "1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(minutes=59), "59m"),
        (timedelta(minutes=59, seconds=40), "1h"),
        (timedelta(minutes=90), "2h"),
        (timedelta(hours=3), "3h"),
        (timedelta(hours=23), "23h"),
        (timedelta(hours=23, minutes=40), "1d"),
        (timedelta(days=1), "1d"),
        (timedelta(days=3), "3d"),
        (timedelta(days=29), "29d"),
        (timedelta(days=30), "1mo"),
        (timedelta(days=37), "1.2mo"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=300), "9.9mo"),
        (timedelta(days=364), "1y"),
        (timedelta(days=365), "1y"),
        (timedelta(days=767), "2.1y"),
        (timedelta(days=36500), "99.9y"),
    ],
)
def test_format_interval(delta, label):
    assert format_interval(delta) == label
