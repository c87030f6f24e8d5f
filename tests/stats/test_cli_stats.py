"""``kquiz stats``: JSON equal to compute_report().to_dict(); a readable text report; usage errors."""

from __future__ import annotations

import json

import pytest

from kquiz.app import open_core
from kquiz.app.stats import compute_report
from kquiz.cli import cmd_stats
from kquiz.cli.main import main


@pytest.fixture
def cli(studied, data_dir, deck_folder, monkeypatch):
    """The CLI on the studied history, at the same fixed time (the clock is the only thing swapped)."""
    core, clock = studied

    def opener(folder=None):  # the CLI passes --data-dir (None without it: $KQUIZ_DATA_DIR)
        folder = folder or data_dir
        return open_core(folder, clock=clock, extra_deck_dirs=[deck_folder], include_bundled=False)

    monkeypatch.setattr(cmd_stats, "open_core", opener)
    return core


@pytest.mark.parametrize(
    "argv,kwargs",
    [
        ([], {}),
        (["--deck", "pharm", "--period", "90"], {"deck_id": "pharm", "period_days": 90}),
        (["--topic", "indications", "--period", "365"], {"topic": "indications", "period_days": 365}),
    ],
)
def test_json_equals_compute_report(cli, capsys, argv, kwargs):
    assert main(["stats", "--json", *argv]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(compute_report(cli, **kwargs).to_dict()))
    assert printed["period_days"] == kwargs.get("period_days", 30)


def test_text_report_shows_the_numbers(cli, capsys):
    assert main(["stats", "--deck", "pharm"]) == 0
    text = capsys.readouterr().out
    rep = compute_report(cli, deck_id="pharm")
    assert text.startswith("kquiz stats — Pharmacology · period 1 month · study day 2026-03-02")
    w = rep.retention.window("30 days")
    assert f"30 days    {w.passed}/{w.total} {100 * w.passed / w.total:.1f}%" in text
    assert f"current streak {rep.calendar.current_streak} · longest {rep.calendar.longest_streak}" in text
    for m in rep.mastery:
        assert m.title in text
    assert "Practice answers (never counted in retention)" in text
    assert str(rep.hardest_by_recall[0].key) in text


def test_unknown_deck_and_bad_period(cli, capsys):
    assert main(["stats", "--deck", "nope"]) == 1
    assert "nope" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["stats", "--period", "0"])
    assert exc.value.code == 2
