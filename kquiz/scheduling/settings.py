"""Scheduling settings: what the learner may tune, validated before it reaches FSRS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from kquiz.errors import SettingsError

MIN_RETENTION = 0.70
MAX_RETENTION = 0.99
PARAMETER_COUNT = 21
MAX_INTERVAL_DAYS = 36500  # 100 years, as Anki and FSRS; beyond it a due date can leave the calendar


def _steps(value: Any, name: str) -> tuple[timedelta, ...]:
    try:
        return tuple(timedelta(seconds=float(s)) for s in value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise SettingsError(f"{name} must be a list of durations in seconds") from exc


@dataclass(frozen=True, slots=True)
class SchedulingSettings:
    """FSRS settings. ``parameters`` None means the FSRS defaults; ``fuzz`` spreads Review intervals."""

    desired_retention: float = 0.90
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = 36500
    parameters: tuple[float, ...] | None = field(default=None)
    fuzz: bool = True

    def validate(self) -> SchedulingSettings:
        """Raise SettingsError naming the first setting out of range; return self when all is well."""
        if not isinstance(self.desired_retention, (int, float)) or not (
            MIN_RETENTION <= self.desired_retention <= MAX_RETENTION
        ):
            raise SettingsError(
                f"Desired retention must be between {MIN_RETENTION:.2f} and {MAX_RETENTION:.2f} "
                f"(got {self.desired_retention!r})."
            )
        for name, steps in (
            ("Learning steps", self.learning_steps),
            ("Relearning steps", self.relearning_steps),
        ):
            for step in steps:
                if not isinstance(step, timedelta) or step <= timedelta(0):
                    raise SettingsError(f"{name} must all be positive durations (got {step!r}).")
        days = self.maximum_interval_days
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_INTERVAL_DAYS:
            raise SettingsError(
                f"Maximum interval must be a whole number of days from 1 to {MAX_INTERVAL_DAYS} (got {days!r})."
            )
        if not isinstance(self.fuzz, bool):
            raise SettingsError(f"Fuzz must be on or off (got {self.fuzz!r}).")
        if self.parameters is not None:
            if len(self.parameters) != PARAMETER_COUNT:
                raise SettingsError(f"FSRS needs {PARAMETER_COUNT} parameters (got {len(self.parameters)}).")
            # Bounds are FSRS's own; checked where fsrs is imported.
            from kquiz.scheduling.scheduler import check_parameters

            check_parameters(self.parameters)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "desired_retention": self.desired_retention,
            "learning_steps": [s.total_seconds() for s in self.learning_steps],
            "relearning_steps": [s.total_seconds() for s in self.relearning_steps],
            "maximum_interval_days": self.maximum_interval_days,
            "parameters": None if self.parameters is None else list(self.parameters),
            "fuzz": self.fuzz,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SchedulingSettings:
        """Build from ``to_dict`` output; missing keys take defaults. Validates."""
        default = cls()
        try:
            params = data.get("parameters")
            settings = cls(
                desired_retention=float(data.get("desired_retention", default.desired_retention)),
                learning_steps=_steps(
                    data.get("learning_steps", [s.total_seconds() for s in default.learning_steps]),
                    "learning_steps",
                ),
                relearning_steps=_steps(
                    data.get("relearning_steps", [s.total_seconds() for s in default.relearning_steps]),
                    "relearning_steps",
                ),
                maximum_interval_days=int(data.get("maximum_interval_days", default.maximum_interval_days)),
                parameters=None if params is None else tuple(float(p) for p in params),
                fuzz=bool(data.get("fuzz", default.fuzz)),
            )
        except (TypeError, ValueError, AttributeError, OverflowError) as exc:
            raise SettingsError(f"Invalid scheduling settings: {exc}") from exc
        return settings.validate()
