"""The learner's study settings: scheduling plus daily limits, study-day rollover and display prefs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from kquiz.errors import SettingsError
from kquiz.scheduling import SchedulingSettings

THEMES = ("system", "light", "dark")
_RANGES: dict[str, tuple[int, int]] = {
    "new_per_day": (0, 9999),
    "reviews_per_day": (0, 99999),
    "rollover_hour": (0, 23),
    "leech_threshold": (2, 99),
    "font_size": (8, 40),
}
_LABELS = {
    "new_per_day": "New cards per day",
    "reviews_per_day": "Reviews per day",
    "rollover_hour": "Next day starts at (hour)",
    "leech_threshold": "Leech threshold (lapses)",
    "font_size": "Font size",
}


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a learner may tune. Limits are per deck and per study day."""

    scheduling: SchedulingSettings = field(default_factory=SchedulingSettings)
    new_per_day: int = 20
    reviews_per_day: int = 200
    rollover_hour: int = 4
    leech_threshold: int = 8
    theme: str = "system"
    font_size: int = 12
    bury_siblings: bool = True  # answering a card buries the cards of its group until the next day

    def validate(self) -> Settings:
        """Raise SettingsError naming the first value out of range; return self when all is well."""
        self.scheduling.validate()
        for name, (low, high) in _RANGES.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise SettingsError(
                    f"{_LABELS[name]} must be a whole number from {low} to {high} (got {value!r})."
                )
        if not isinstance(self.bury_siblings, bool):
            raise SettingsError(f"Bury siblings must be true or false (got {self.bury_siblings!r}).")
        if self.theme not in THEMES:
            raise SettingsError(f"Theme must be one of {', '.join(THEMES)} (got {self.theme!r}).")
        return self

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes).validate()

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheduling": self.scheduling.to_dict(),
            "new_per_day": self.new_per_day,
            "reviews_per_day": self.reviews_per_day,
            "rollover_hour": self.rollover_hour,
            "leech_threshold": self.leech_threshold,
            "theme": self.theme,
            "font_size": self.font_size,
            "bury_siblings": self.bury_siblings,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Build from ``to_dict`` output; missing keys take defaults; unknown keys are ignored."""
        if not isinstance(data, dict):
            raise SettingsError("Settings must be a mapping.")
        default = cls()
        try:
            settings = cls(
                scheduling=SchedulingSettings.from_dict(data.get("scheduling") or {}),
                new_per_day=data.get("new_per_day", default.new_per_day),
                reviews_per_day=data.get("reviews_per_day", default.reviews_per_day),
                rollover_hour=data.get("rollover_hour", default.rollover_hour),
                leech_threshold=data.get("leech_threshold", default.leech_threshold),
                theme=data.get("theme", default.theme),
                font_size=data.get("font_size", default.font_size),
                bury_siblings=data.get("bury_siblings", default.bury_siblings),
            )
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"Invalid settings: {exc}") from exc
        return settings.validate()
