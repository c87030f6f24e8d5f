"""Scheduling settings: validation bounds and round trips."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from kquiz.errors import SettingsError
from kquiz.scheduling import DEFAULT_PARAMETERS, Scheduler, SchedulingSettings


@pytest.mark.parametrize("retention", [0.70, 0.80, 0.90, 0.99])
def test_retention_in_range(retention):
    SchedulingSettings(desired_retention=retention).validate()


@pytest.mark.parametrize("retention", [0.69, 0.995, 1.0, 0.0, -1, float("nan"), "0.9"])
def test_retention_out_of_range(retention):
    with pytest.raises(SettingsError, match="retention"):
        SchedulingSettings(desired_retention=retention).validate()


@pytest.mark.parametrize(
    "changes",
    [
        {"learning_steps": (timedelta(0),)},
        {"learning_steps": (timedelta(minutes=1), timedelta(seconds=-5))},
        {"relearning_steps": (timedelta(minutes=-10),)},
        {"maximum_interval_days": 0},
        {"maximum_interval_days": 36501},  # 10**7 days would overflow a datetime as stability grows
        {"maximum_interval_days": True},
        {"maximum_interval_days": 365.5},
        {"fuzz": "no"},
        {"parameters": (0.1,) * 5},
        {"parameters": tuple(DEFAULT_PARAMETERS[:-1]) + (99.0,)},
    ],
)
def test_invalid_settings(changes):
    with pytest.raises(SettingsError):
        SchedulingSettings(**changes).validate()
    with pytest.raises(SettingsError):
        Scheduler(SchedulingSettings(**changes))


def test_empty_steps_are_allowed():
    scheduler = Scheduler(SchedulingSettings(learning_steps=(), relearning_steps=()))
    from datetime import datetime

    from kquiz.domain import CardKey, CardState, MemoryState, Rating

    state = scheduler.next_state(
        CardKey("d", "c"), MemoryState(), Rating.AGAIN, datetime(2026, 1, 1, tzinfo=UTC)
    )
    assert state.state == CardState.REVIEW


def test_round_trip():
    settings = SchedulingSettings(
        desired_retention=0.85,
        learning_steps=(timedelta(seconds=30), timedelta(minutes=15)),
        relearning_steps=(),
        maximum_interval_days=365,
        parameters=tuple(DEFAULT_PARAMETERS),
        fuzz=False,
    )
    assert SchedulingSettings.from_dict(settings.to_dict()) == settings
    assert SchedulingSettings.from_dict({}) == SchedulingSettings()
    assert SchedulingSettings.from_dict(SchedulingSettings().to_dict()) == SchedulingSettings()


@pytest.mark.parametrize(
    "data",
    [
        {"desired_retention": "lots"},
        {"learning_steps": "abc"},
        {"learning_steps": [None]},
        {"desired_retention": 0.5},
        {"learning_steps": [1e20]},
        {"maximum_interval_days": 1e400},
    ],
)
def test_from_dict_rejects_bad_data(data):
    with pytest.raises(SettingsError):
        SchedulingSettings.from_dict(data)
