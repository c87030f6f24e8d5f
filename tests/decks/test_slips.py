"""The corpus of authoring slips: each gives one message, at its place, in plain words, with a hint
that says what to change, the offending line for a caret; in ``kquiz validate`` text and JSON too."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from kquiz.cli.main import main
from kquiz.decks import load_text
from kquiz.errors import DeckError, Problem
from tests.decks.slip_corpus import AS_WRITTEN, SLIPS
from tests.decks.slips import BASE, SYNTAX_SLIPS, Slip

REPO = Path(__file__).resolve().parents[2]
# libyaml's own words: the messages for slips must not depend on them (they change between versions)
LIBYAML_WORDS = re.compile(
    r"while (scanning|parsing)|did not find expected|not allowed in this context|YAML syntax"
)


def _problem(slip: Slip) -> Problem:
    with pytest.raises(DeckError) as caught:
        load_text(slip.text(), "moons.yaml")
    assert len(caught.value.problems) == 1, [str(p) for p in caught.value.problems]
    return caught.value.problems[0]


def test_the_corpus_is_large_and_its_base_deck_is_valid() -> None:
    assert len(SLIPS) >= 25 and len({s.name for s in SLIPS}) == len(SLIPS)
    assert len(load_text(BASE, "moons.yaml").cards) == 4
    assert all(BASE.count(s.old) == 1 for s in SLIPS)


@pytest.mark.parametrize("slip", SLIPS, ids=lambda s: s.name)
def test_each_slip_gives_one_message_that_says_what_to_change(slip: Slip) -> None:
    problem = _problem(slip)
    assert (problem.line, problem.column) == slip.pos
    assert problem.message == slip.message
    assert problem.hint == slip.hint and problem.hint
    assert problem.excerpt == slip.line()
    assert problem.caret().splitlines()[1].endswith("^")


@pytest.mark.parametrize("slip", SYNTAX_SLIPS, ids=lambda s: s.name)
def test_yaml_slips_are_explained_without_libyaml_wording(slip: Slip) -> None:
    assert not LIBYAML_WORDS.search(_problem(slip).message)


@pytest.mark.parametrize(("old", "new", "value"), AS_WRITTEN)
def test_what_yaml_1_1_would_change_loads_as_written(old: str, new: str, value: str) -> None:
    assert load_text(BASE.replace(old, new)).card("io").back == value


def test_a_bare_cards_key_is_an_empty_deck() -> None:
    deck = load_text(BASE.split("cards:\n")[0] + "cards:\n")
    assert deck.cards == ()


def test_cards_may_carry_x_fields_for_teachers() -> None:
    text = BASE.replace("    back: Io\n", "    back: Io\n    x-teacher: ask about tidal heating\n")
    assert load_text(text).card("io").back == "Io"


def test_the_caret_sits_under_the_column_after_a_tab() -> None:
    problem = Problem("d.yaml", "m", 3, 6, excerpt="\tab: c")
    assert problem.caret() == "3 | \tab: c\n  | \t    ^"


def test_a_long_line_is_cut_around_the_column() -> None:
    problem = Problem("d.yaml", "m", 12, 150, excerpt="x" * 300)
    shown, caret = problem.caret().splitlines()
    assert shown.startswith("12 | …x") and shown.endswith("x…") and len(shown) < 120
    assert caret.index("^") == shown.index("x") + 149 - (150 - 1 - 80)


def test_validate_prints_the_line_with_a_caret_and_the_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slip = next(s for s in SLIPS if s.name == "colon")
    file = tmp_path / "moons.yaml"
    file.write_text(slip.text(), encoding="utf-8")
    assert main(["validate", str(file)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{file}:15:27: {slip.message}",
        "    15 |     front: Jupiter's moons: which one has the most volcanoes?",
        "       |                           ^",
        f"    hint: {slip.hint}",
        "1 problem in 1 of 1 file; valid: none",
    ]


def test_validate_json_has_the_hint_and_the_excerpt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slip = next(s for s in SLIPS if s.name == "topic-typo")
    file = tmp_path / "moons.yaml"
    file.write_text(slip.text(), encoding="utf-8")
    assert main(["validate", "--format", "json", str(file)]) == 1
    (item,) = json.loads(capsys.readouterr().out)
    assert item["hint"] == "did you mean 'moons'? write topic: moons"
    assert item["excerpt"] == "14 |     topic: moon\n   |            ^"
    assert (item["line"], item["column"], item["card_id"]) == (14, 12, "io")


def test_the_common_mistakes_section_of_the_docs_is_generated_from_the_corpus() -> None:
    spec = importlib.util.spec_from_file_location("common_mistakes", REPO / "scripts" / "common_mistakes.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    doc = script.DOC.read_text(encoding="utf-8")
    assert script.updated(doc) == doc, "run: python scripts/common_mistakes.py"
    assert all(f"### {slip.title}\n" in doc for slip in SLIPS)


@pytest.mark.parametrize(
    "new",
    [
        '    back: "Io #1"\n',  # quoted: the '#' is text
        "    back: Io  # a comment after the text is fine\n",
        "    back: |\n      Io #1, the most volcanic\n",  # block text keeps its '#'
        "    back: Io#1\n",  # no space before '#': text
    ],
)
def test_a_hash_is_only_a_slip_where_it_cuts_unquoted_text(new: str) -> None:
    assert "Io" in load_text(BASE.replace("    back: Io\n", new)).card("io").back


def test_a_flow_mapping_after_the_slip_is_not_blamed() -> None:
    # libyaml stops on the valid '{id: nasa, …}' line after 'back:Io'; the advice names 'back:'
    problem = _problem(next(s for s in SLIPS if s.name == "no-space-after-colon"))
    assert problem.excerpt == "    back:Io"


def test_advice_never_breaks_on_odd_lines() -> None:
    # an empty value before the error, and a nested list before a misindented field
    for text in (
        BASE.replace("    back: Io\n", "    back: \n   x: 'y\n"),
        BASE.replace("    back: Io\n", "     back: Io\n"),
    ):
        with pytest.raises(DeckError) as caught:
            load_text(text, "moons.yaml")
        assert all("unexpected problem" not in p.message for p in caught.value.problems)
