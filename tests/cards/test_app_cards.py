"""The browser's front door on a real core (YAML decks, SQLite store) and ``kquiz cards``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from study_builders import START, flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.app.cards import QueryError, act, card_details, find_cards, open_cards, undo_change
from kquiz.cli.main import main
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, Rating, StudyMode


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    write_deck(
        make_deck("mine", 12, kinds=("basic", "choice", "cloze"), topics=("pharm", "risk")),
        tmp_path / "decks",
    )
    return tmp_path


@pytest.fixture
def core(data_dir: Path):
    with open_core(data_dir, clock=FixedClock(START), include_bundled=False, seed=5) as c:
        c.load_library()
        yield c


def test_find_sort_and_answered(core) -> None:
    studied = flip_and_rate(core.start_session(Selection()), 3, Rating.AGAIN)
    rows = find_cards(core, "answered:1")
    assert {r.key for r in rows} == set(studied) == {r.key for r in find_cards(core, "added:1 -is:new")}
    assert len(find_cards(core, "")) == 12 and len(find_cards(core, "is:new")) == 9
    by_lapses = find_cards(core, "", sort="due")
    assert [r.state for r in by_lapses[:3]] == ["learning"] * 3  # cards without a due date sort last
    with pytest.raises(QueryError):
        find_cards(core, "is:")


def test_history_tells_scheduled_and_practice_apart(core) -> None:
    key = flip_and_rate(core.start_session(Selection()), 1, Rating.GOOD)[0]
    practice = core.start_session(Selection(), StudyMode.PRACTICE)
    for _ in range(30):  # practise every card once
        if practice.current is None:
            break
        flip_and_rate(practice, 1, Rating.HARD)
    details = card_details(core, key)
    assert details.shown.key == key and details.shown.prompt
    modes = [e.mode for e in details.history]
    assert modes == ["scheduled", "practice"] and details.history[0].rating == 3
    assert details.history[0].interval_days is not None
    assert all(e.interval_days is None for e in details.history if e.mode == "practice")


def test_act_then_undo_through_the_front_door(core) -> None:
    keys = [r.key for r in find_cards(core, "type:choice")]
    change = act(core, "suspend", keys)
    assert change.message == "4 cards suspended."
    assert {r.key for r in find_cards(core, "is:suspended")} == set(keys)
    assert act(core, "flag", keys, dry_run=True).count == 4 and not find_cards(core, "is:flagged")
    assert undo_change(core, change) == 4
    assert not find_cards(core, "is:suspended")
    due = act(core, "due", keys[:1], days="5")
    assert find_cards(core, "prop:due=5")[0].key == keys[0] and due.count == 1


def test_cli_lists_acts_and_refuses_a_bad_query(data_dir: Path, capsys) -> None:
    base = ["--data-dir", str(data_dir), "cards"]  # the bundled decks are loaded too
    assert main([*base, "deck:mine type:cloze", "--sort", "question"]) == 0
    out = capsys.readouterr().out
    assert "4 cards." in out and "mine/cloze-00002" in out
    assert main([*base, "deck:mine type:cloze", "--suspend", "--dry-run"]) == 0
    assert "Would be: 4 cards suspended." in capsys.readouterr().out
    assert main([*base, "deck:mine type:cloze", "--suspend"]) == 0
    assert capsys.readouterr().out.strip().endswith("4 cards suspended.")
    assert main([*base, "is:suspended", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 4 and listed[0]["marks"] == ["suspended"] and listed[0]["type"] == "cloze"
    assert main([*base, "is:suspended", "--unsuspend"]) == 0
    assert "4 cards unsuspended." in capsys.readouterr().out
    assert main([*base, "card:basic-00000", "--due-in", "2-3"]) == 0
    assert "1 card rescheduled." in capsys.readouterr().out
    assert main([*base, "deck:mine -is:new", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["due_days"] in (2, 3)
    assert main([*base, "is:sleepy"]) == 1
    assert "Unknown 'is:sleepy'" in capsys.readouterr().err
    assert main([*base, "--due-in", "soon"]) == 2
    assert "due date" in capsys.readouterr().err
    assert main([*base, "nothing-like-this"]) == 0
    assert "No card matches." in capsys.readouterr().out


def test_cards_of_a_deck_no_longer_loaded_are_not_listed(core) -> None:
    assert not find_cards(core, "deck:gone")
    assert CardKey("mine", "basic-00000") in {r.key for r in find_cards(core, "deck:mine")}


def test_custom_study_of_flagged_changed_and_chosen_cards(core) -> None:
    keys = [r.key for r in find_cards(core, "type:cloze")][:2]
    act(core, "flag", keys)
    flagged = core.start_session(Selection(flagged=True), StudyMode.PRACTICE)
    assert set(flip_and_rate(flagged, 2)) == set(keys) and flagged.current is None
    chosen = Selection(keys=(keys[0], CardKey("mine", "basic-00003")))
    assert Selection.from_dict(chosen.to_dict()) == chosen
    session = core.start_session(chosen)
    assert {session.current.key, *flip_and_rate(session, 2)[1:]} <= set(chosen.keys)
    assert core.start_session(Selection(changed=True), StudyMode.PRACTICE).current is None


def test_export_the_selection_to_yaml_and_apkg(core, tmp_path: Path, capsys) -> None:
    from kquiz.app.authoring import load_decks
    from kquiz.app.cards import export_cards
    from kquiz.errors import InteropError

    keys = [r.key for r in find_cards(core, "type:choice")]
    said = export_cards(core, keys, tmp_path / "choice.yaml")
    assert said.startswith("Exported 4 cards to")
    (back,) = load_decks([tmp_path / "choice.yaml"])
    assert [c.id for c in back.cards] == [k.card_id for k in keys] and back.id == "mine"
    assert "Anki package" in export_cards(core, keys, tmp_path / "choice.apkg")
    assert (tmp_path / "choice.apkg").stat().st_size > 0
    with pytest.raises(InteropError, match=r"\.yaml deck or an \.apkg"):
        export_cards(core, keys, tmp_path / "choice.csv")
    with pytest.raises(InteropError, match="select some cards"):
        export_cards(core, [], tmp_path / "none.apkg")


def test_cli_export(data_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "cloze.yaml"
    assert main(["--data-dir", str(data_dir), "cards", "deck:mine type:cloze", "--export", str(out)]) == 0
    assert "Exported 4 cards" in capsys.readouterr().out and "cloze" in out.read_text()
    assert main(["--data-dir", str(data_dir), "cards", "type:cloze", "--export", str(out)]) == 1
    assert "one deck" in capsys.readouterr().err  # the bundled decks have cloze cards too


def test_load_first_gives_the_first_rows_then_load_gives_them_all(core) -> None:
    studied = flip_and_rate(core.start_session(Selection()), 3, Rating.GOOD)
    request = open_cards(core)
    every = request.load().rows
    first, complete = request.load_first(5)
    assert not complete and first.rows == every[:5]  # same rows, progress included
    assert any(r.key in studied for r in first.rows) and first.search("is:new") == list(first.rows[3:])
    whole, complete = request.load_first(12)
    assert complete and whole.rows == every
