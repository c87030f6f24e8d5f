"""``kquiz validate``: problems with line:col, a summary naming valid decks, exit codes, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kquiz.cli.main import main
from tests.decks.helpers import BASIC, deck

GOOD = deck(BASIC.format(id="a")).replace("id: rules", "id: good-deck")
BROKEN = deck(
    BASIC.format(id="a").replace("topic: risks", "topic: astro")
    + "  - id: m1\n    type: choice\n    topic: risks\n    prompt: P\n    choices:\n      - {text: A, correct: true}\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "decks" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path / "decks"


def test_folder_with_a_broken_and_a_good_deck(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out.splitlines()
    broken = folder / "broken.yaml"
    assert out == [  # each problem: where and what, the line with a caret under the column, the hint
        f"{broken}:13:12: card 'a': unknown topic 'astro' (the deck's topics: risks)",
        "    13 |     topic: astro",
        "       |            ^",
        "    hint: use one of the deck's topics (risks), or add 'astro' to them",
        f"{broken}:21:7: card 'm1': a choice card needs at least 2 choices (it has 1)",
        "    21 |       - {text: A, correct: true}",
        "       |       ^",
        f"2 problems in 1 of 2 files; valid: {folder / 'good.yaml'} (good-deck, 1 card)",
    ]


def test_all_valid_exits_0(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(folder / "good.yaml")]) == 0
    assert capsys.readouterr().out == f"1 deck valid: {folder / 'good.yaml'} (good-deck, 1 card)\n"


def test_json_format(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(folder)]) == 1
    items = json.loads(capsys.readouterr().out)
    assert items == [
        {
            "path": str(folder / "broken.yaml"),
            "line": 13,
            "column": 12,
            "card_id": "a",
            "message": "card 'a': unknown topic 'astro' (the deck's topics: risks)",
            "hint": "use one of the deck's topics (risks), or add 'astro' to them",
            "excerpt": "13 |     topic: astro\n   |            ^",
        },
        {
            "path": str(folder / "broken.yaml"),
            "line": 21,
            "column": 7,
            "card_id": "m1",
            "message": "card 'm1': a choice card needs at least 2 choices (it has 1)",
            "hint": None,
            "excerpt": "21 |       - {text: A, correct: true}\n   |       ^",
        },
    ]


def test_json_format_when_valid_is_an_empty_list(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(folder / "good.yaml")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert capsys.readouterr().err == f"kquiz validate: no such file or folder: {tmp_path / 'nope.yaml'}\n"


def test_folder_without_decks_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "no deck files" in capsys.readouterr().err


def test_no_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "PATH" in capsys.readouterr().err


def test_same_deck_id_in_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"{tmp_path / 'b.yaml'}:2:1: deck id 'good-deck' is already used by {tmp_path / 'a.yaml'}" in out


def test_installed_command_runs_in_a_fresh_process(folder: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kquiz", "validate", str(folder)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "broken.yaml:21:7: card 'm1'" in proc.stdout
    assert "Traceback" not in proc.stderr
