"""``kquiz decks``, ``kquiz optimize`` and ``kquiz orphans`` on a real data dir."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest
from study_builders import flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.cli.main import main
from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import (
    DEFAULT_PARAMETERS,
    MIN_REVIEWS_FOR_FIT,
    Scheduler,
    SchedulingSettings,
    format_interval,
)


def _study_some(data_dir, clock, n, rating=Rating.AGAIN):  # type: ignore[no-untyped-def]
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        core.load_library()
        return flip_and_rate(core.start_session(Selection(deck_ids=("mine",))), n, rating)


def test_decks_json_and_text(data_dir, clock, capsys) -> None:
    write_deck(make_deck("mine", 30, topics=("pharm", "risk")), data_dir / "decks")
    _study_some(data_dir, None, 4)  # the CLI runs on the system clock: study "today" too
    assert main(["--data-dir", str(data_dir), "decks", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    mine = next(d for d in report["decks"] if d["id"] == "mine")
    assert mine["cards"] == 30
    assert mine["counts"]["learning"] == 4 and mine["counts"]["review"] == 0
    assert mine["counts"]["new"] == 16  # 20 a day, 4 already introduced today
    topics = {t["id"]: t["counts"] for t in mine["topics"]}
    assert topics["pharm"]["learning"] + topics["risk"]["learning"] == 4
    assert any(d["id"].startswith("ketamine-") for d in report["decks"])  # bundled decks too
    assert report["failures"] == []
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    out = capsys.readouterr().out
    line = next(row for row in out.splitlines() if "id mine" in row)
    assert line.split()[-3:] == ["16", "4", "0"]
    assert "  Pharm" in out and "  Risk" in out


def test_decks_reports_broken_files(data_dir, capsys) -> None:
    (data_dir / "decks").mkdir()
    (data_dir / "decks" / "broken.yaml").write_text("kquiz: 1\nid: [unclosed\n", encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "decks"]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:" in err and "could not be loaded" in err


def test_orphans_list_and_delete(data_dir, clock, capsys) -> None:
    deck = make_deck("mine", 5)
    path = write_deck(deck, data_dir / "decks")
    keys = _study_some(data_dir, clock, 3, Rating.EASY)
    assert main(["--data-dir", str(data_dir), "orphans"]) == 0
    assert "No orphaned progress" in capsys.readouterr().out
    write_deck(
        replace(deck, cards=tuple(c for c in deck.cards if c.id != keys[0].card_id)),
        data_dir / "decks",
        path.name,
    )
    assert main(["--data-dir", str(data_dir), "orphans"]) == 0
    out = capsys.readouterr().out
    assert f"{keys[0]}" in out and "1 card(s)" in out and "review" in out
    assert main(["--data-dir", str(data_dir), "orphans", "--json"]) == 0
    assert [p["card_id"] for p in json.loads(capsys.readouterr().out)] == [keys[0].card_id]
    assert main(["--data-dir", str(data_dir), "orphans", "--delete"]) == 0
    assert "Deleted the progress of 1" in capsys.readouterr().out
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        assert core.store.get(keys[0]) is None and core.store.get(keys[1]) is not None
        assert len(list(core.store.iter_reviews())) == 3  # the log is kept


def _fabricate_history(data_dir, clock, cards=90, days=120, seed=11):  # type: ignore[no-untyped-def]
    """A realistic scheduled log: each card reviewed whenever due, 88% remembered."""
    rng = random.Random(seed)
    scheduler = Scheduler(SchedulingSettings(fuzz=True))
    start = clock.now()
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        for i in range(cards):
            key = CardKey("hist", f"c{i:03d}")
            memory, now = MemoryState(), start + timedelta(days=i % 15, hours=rng.uniform(0, 8))
            while now < start + timedelta(days=days):
                rating = Rating.GOOD if rng.random() < 0.88 else Rating.AGAIN
                after = scheduler.next_state(key, memory, rating, now)
                record = ReviewRecord(key, now, rating, StudyMode.SCHEDULED, 4000, memory, after)
                core.store.record_review(record, Progress(key, after))
                memory = after
                now = max(after.due, now + timedelta(minutes=1))


def test_optimize_below_minimum_and_with_history(data_dir, clock, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "optimize"]) == 1
    out = capsys.readouterr().out
    assert "Not enough reviews" in out and str(MIN_REVIEWS_FOR_FIT) in out
    _fabricate_history(data_dir, clock)
    assert main(["--data-dir", str(data_dir), "optimize", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Log loss:" in out and "Dry run" in out
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        assert core.settings().scheduling.parameters is None
    assert main(["--data-dir", str(data_dir), "optimize", "-v"]) == 0
    out = capsys.readouterr().out
    assert "Fitted FSRS parameters to" in out and "Saved" in out and "Parameters:" in out
    before, after = [
        float(x.split()[0].rstrip(",")) for x in out.split("Log loss: ")[1].split(" with the defaults, ")
    ]
    assert after <= before
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        parameters = core.settings().scheduling.parameters
        assert parameters is not None and len(parameters) == 21
        assert parameters != DEFAULT_PARAMETERS
    # the next open_core schedules with them: a session's answer is stored as the fitted model says
    write_deck(make_deck("mine", 2), data_dir / "decks")
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        core.load_library()
        session = core.start_session(Selection(deck_ids=("mine",)))
        key = session.current.key
        session.reveal()
        shown = session.previews()
        session.rate(Rating.EASY)
        stored = core.store.get(key).memory
    fitted = Scheduler(SchedulingSettings(parameters=parameters)).next_state(
        key, MemoryState(), Rating.EASY, clock.now()
    )
    default = Scheduler(SchedulingSettings()).next_state(key, MemoryState(), Rating.EASY, clock.now())
    assert stored == fitted and stored.stability != default.stability
    assert shown[Rating.EASY] == format_interval(fitted.due - clock.now())
    assert main(["--data-dir", str(data_dir), "optimize", "--reset"]) == 0
    with open_core(data_dir, clock=clock, include_bundled=False) as core:
        assert core.settings().scheduling.parameters is None


@pytest.mark.slow
def test_real_entry_point(data_dir) -> None:
    write_deck(make_deck("mine", 3), data_dir / "decks")
    done = subprocess.run(
        [sys.executable, "-m", "kquiz", "--data-dir", str(data_dir), "decks", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert any(d["id"] == "mine" and d["counts"]["new"] == 3 for d in json.loads(done.stdout)["decks"])
