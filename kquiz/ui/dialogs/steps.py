"""Learning steps as the user types them: "1m 10m", "30s 5m 1h", "1d"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from kquiz.errors import SettingsError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_STEP = re.compile(r"^(\d+(?:\.\d+)?)([smhd])$")


def parse_steps(text: str) -> tuple[timedelta, ...]:
    steps = []
    for token in text.replace(",", " ").split():
        match = _STEP.match(token.strip().lower())
        if not match:
            raise SettingsError(
                f"Learning step {token!r} is not understood: use a number and a unit, like 1m 10m 1h 1d."
            )
        seconds = float(match.group(1)) * _UNITS[match.group(2)]
        if seconds <= 0:
            raise SettingsError(f"Learning step {token!r} must be longer than zero.")
        steps.append(timedelta(seconds=seconds))
    return tuple(steps)


def format_steps(steps: Iterable[timedelta]) -> str:
    out = []
    for step in steps:
        seconds = int(step.total_seconds())
        for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
            if seconds % size == 0:
                out.append(f"{seconds // size}{unit}")
                break
    return " ".join(out)
