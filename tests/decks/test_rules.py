"""One test per deck rule: the exact line, column and message of the problem.

The header in helpers.HEAD is 10 lines; the first card starts on line 11.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kquiz.decks import load_text
from kquiz.errors import DeckError
from tests.decks.helpers import BASIC, HEAD, deck, only_problem, problems

CHOICE = "  - id: m1\n    type: choice\n    topic: risks\n    prompt: Pick\n    choices:\n"
CLOZE = '  - id: z1\n    type: cloze\n    topic: risks\n    text: "{}"\n'


def test_header_deck_with_one_card_is_valid() -> None:
    loaded = load_text(deck(BASIC.format(id="a")))
    assert [c.id for c in loaded.cards] == ["a"] and loaded.cards[0].line == 11


# --- unique ids and references -------------------------------------------------------------


def test_card_ids_are_unique() -> None:
    assert only_problem(deck(BASIC.format(id="a") + BASIC.format(id="a"))) == (
        16,
        9,
        "the card id 'a' is used twice in this deck (first at line 11)",
    )


def test_topic_ids_are_unique() -> None:
    head = HEAD.replace(
        "  - {id: risks, title: Risks}\n", "  - {id: risks, title: Risks}\n  - {id: risks, title: Again}\n"
    )
    assert only_problem(deck(BASIC.format(id="a"), head)) == (
        6,
        10,
        "the topic id 'risks' is used twice in this deck (first at line 5)",
    )


def test_source_ids_are_unique() -> None:
    head = HEAD.replace("sources:\n", "sources:\n  - {id: s1, title: First}\n")
    assert only_problem(deck(BASIC.format(id="a"), head)) == (
        8,
        9,
        "the source id 's1' is used twice in this deck (first at line 7)",
    )


def test_topic_must_exist() -> None:
    text = deck(BASIC.format(id="a").replace("topic: risks", "topic: astro"))
    assert only_problem(text) == (13, 12, "card 'a': unknown topic 'astro' (the deck's topics: risks)")


def test_source_must_exist() -> None:
    text = deck(BASIC.format(id="a") + "    source: {id: s9, section: Intro}\n")
    assert only_problem(text) == (16, 18, "card 'a': unknown source 's9' (the deck's sources: s1)")


def test_cited_section_must_exist() -> None:
    text = deck(BASIC.format(id="a") + "    source: {id: s1, section: Nope}\n")
    assert only_problem(text) == (
        16,
        31,
        "card 'a': source 's1' has no section 'Nope' (its sections: 'Intro', 'Safety')",
    )


def test_each_citation_in_a_list_is_checked() -> None:
    text = deck(BASIC.format(id="a") + "    source:\n      - {id: s1, section: Intro}\n      - {id: s2}\n")
    assert only_problem(text) == (18, 14, "card 'a': unknown source 's2' (the deck's sources: s1)")


def test_valid_citations_load() -> None:
    text = deck(BASIC.format(id="a") + "    source: [{id: s1, section: Intro}, {id: s1}]\n")
    card = load_text(text).cards[0]
    assert [(c.source_id, c.section) for c in card.citations] == [("s1", "Intro"), ("s1", "")]


# --- choice cards ---------------------------------------------------------------------------


def test_choice_needs_two_choices() -> None:
    text = deck(CHOICE + "      - {text: A, correct: true}\n")
    assert only_problem(text) == (16, 7, "card 'm1': a choice card needs at least 2 choices (it has 1)")


def test_choice_needs_a_correct_choice() -> None:
    text = deck(CHOICE + "      - {text: A}\n      - {text: B, correct: false}\n")
    assert only_problem(text) == (
        16,
        7,
        "card 'm1': a choice card needs at least one correct choice (mark it with 'correct: true')",
    )


def test_choice_texts_differ() -> None:
    text = deck(CHOICE + "      - {text: Same thing, correct: true}\n      - {text: ' same  THING'}\n")
    assert only_problem(text) == (17, 16, "card 'm1': choice 2 has the same text as choice 1 ('same  THING')")


def test_choice_with_several_correct_loads() -> None:
    text = deck(
        CHOICE + "      - {text: A, correct: true}\n      - {text: B, correct: true}\n      - {text: C}\n"
    )
    card = load_text(text).cards[0]
    assert [(c.text, c.correct) for c in card.choices] == [("A", True), ("B", True), ("C", False)]


# --- cloze cards ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("No blanks here.", "a cloze card needs at least one blank like {{c1::answer}}"),
        (
            "Blocks the {{c1::NMDA receptor.",
            "the cloze marker starting at character 12 is not closed with '}}'",
        ),
        (
            "{{c1::A}} and {{c3::B}}",
            "cloze numbers must start at c1 and have no gaps (found c1, c3; missing c2)",
        ),
        ("{{c2::A}} only", "cloze numbers must start at c1 and have no gaps (found c2; missing c1)"),
        ("{{c1:A}} bad", "malformed cloze marker '{{c1:A}}': write {{c1::answer}} or {{c1::answer::hint}}"),
        ("{{x1::A}} bad", "malformed cloze marker '{{x1::A}}': write {{c1::answer}} or {{c1::answer::hint}}"),
        (
            "{{c1:: }} empty",
            "malformed cloze marker '{{c1:: }}': write {{c1::answer}} or {{c1::answer::hint}}",
        ),
        ("{{c1::A::}} x", "cloze marker '{{c1::A::}}' has an empty hint: drop the last '::' or write a hint"),
    ],
)
def test_cloze_markers_are_well_formed_and_numbered(body: str, message: str) -> None:
    # a problem with one marker points at that marker (the text starts after the quote in column 11)
    column = 12 + body.index("{{") if "marker" in message else 11
    assert only_problem(deck(CLOZE.format(body))) == (14, column, f"card 'z1': {message}")


def test_cloze_with_hints_and_repeated_numbers_loads() -> None:
    card = load_text(deck(CLOZE.format("{{c1::A}} {{c2::B::letter}} {{c1::A}}"))).cards[0]
    assert card.text == "{{c1::A}} {{c2::B::letter}} {{c1::A}}"


# --- images ---------------------------------------------------------------------------------


def _image_deck(path: str) -> str:
    return deck(BASIC.format(id="a") + f"    image: {path}\n    alt: A picture\n")


def test_image_that_exists_loads(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert load_text(_image_deck("img/a.png"), base_dir=tmp_path).cards[0].image == "img/a.png"


def test_image_must_exist(tmp_path: Path) -> None:
    assert only_problem(_image_deck("img/none.png"), tmp_path) == (
        16,
        12,
        f"card 'a': image 'img/none.png' not found (looked for {tmp_path / 'img/none.png'})",
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../secret.png", "image '../secret.png' must stay inside the deck's folder (no '..')"),
        ("img/../../x.png", "image 'img/../../x.png' must stay inside the deck's folder (no '..')"),
        ("/etc/passwd", "image '/etc/passwd' must be a path relative to the deck file, not an absolute path"),
        ("C:/x.png", "image 'C:/x.png' must be a path relative to the deck file, not an absolute path"),
        (
            "https://x.invalid/a.png",
            "image 'https://x.invalid/a.png' must be a file in the deck's folder, not a web address",
        ),
    ],
)
def test_image_stays_inside_the_deck_folder(tmp_path: Path, path: str, message: str) -> None:
    assert only_problem(_image_deck(path), tmp_path) == (16, 12, f"card 'a': {message}")


def test_image_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"x")
    folder = tmp_path / "deck"
    folder.mkdir()
    os.symlink(tmp_path / "outside.png", folder / "link.png")
    line, col, message = only_problem(_image_deck("link.png"), folder)
    assert (line, col) == (16, 12)
    assert (
        message
        == f"card 'a': image 'link.png' leads outside the deck's folder (through a link to {tmp_path / 'outside.png'})"
    )


# --- structure (the JSON Schema) ------------------------------------------------------------


def test_unknown_field_points_at_the_key() -> None:
    text = deck(BASIC.format(id="a") + "    explanaton: typo\n")
    assert only_problem(text) == (16, 5, "card 'a': unknown field 'explanaton' (did you mean 'explanation'?)")


def test_missing_field_points_at_the_card() -> None:
    text = deck("  - id: m1\n    type: choice\n    topic: risks\n    prompt: Pick\n")
    assert only_problem(text) == (11, 5, "card 'm1': a choice card needs 'choices'")


def test_wrong_type_says_what_is_expected() -> None:
    text = deck(BASIC.format(id="a").replace("back: Answer a", "back: 1990"))
    assert only_problem(text) == (15, 11, "card 'a': 'back' must be text, not a number (put it in quotes)")


def test_truefalse_answer_must_be_boolean() -> None:
    text = deck("  - {id: t, type: truefalse, topic: risks, statement: S, answer: maybe}\n")
    assert only_problem(text) == (11, 66, "card 't': 'answer' must be true or false, not text")


def test_unknown_card_type() -> None:
    text = deck(BASIC.format(id="a").replace("type: basic", "type: essay"))
    assert only_problem(text) == (
        12,
        11,
        "card 'a': unknown card type 'essay' (use one of: basic, reversed, cloze, choice, truefalse, typed, occlusion)",
    )


def test_format_version_must_be_1() -> None:
    text = deck(BASIC.format(id="a")).replace("kquiz: 1", "kquiz: 2")
    assert only_problem(text) == (
        1,
        8,
        "this file says 'kquiz: 2', but this kquiz reads deck format version 1; write 'kquiz: 1'",
    )


def test_format_version_is_required() -> None:
    text = deck(BASIC.format(id="a")).replace("kquiz: 1\n", "")
    assert only_problem(text) == (1, 1, "missing required field 'kquiz'")


def test_deck_id_is_a_slug() -> None:
    text = deck(BASIC.format(id="a")).replace("id: rules", "id: My Rules")
    assert only_problem(text) == (
        2,
        5,
        "'id' must be lowercase letters, digits and single dashes, like 'ketamine-risks' (it is 'My Rules')",
    )


def test_typed_card_needs_an_answer() -> None:
    text = deck("  - id: y\n    type: typed\n    topic: risks\n    prompt: P\n    answers: []\n")
    assert only_problem(text) == (15, 14, "card 'y': 'answers' needs at least 1 item")


def test_empty_text_is_refused() -> None:
    text = deck(BASIC.format(id="a").replace("front: Question a", "front: ''"))
    assert only_problem(text) == (14, 12, "card 'a': 'front' must not be empty")


# --- all problems in one pass ---------------------------------------------------------------


def test_every_problem_is_reported_in_file_order() -> None:
    text = deck(
        BASIC.format(id="a").replace("topic: risks", "topic: astro")
        + CHOICE
        + "      - {text: A}\n"
        + BASIC.format(id="a")
    ).replace("title: Rules", "title: 7")
    found = problems(text)
    assert [(line, col) for line, col, _ in found] == [(3, 8), (13, 12), (21, 7), (21, 7), (22, 9)]
    assert "card 'm1': a choice card needs at least 2 choices (it has 1)" in [m for _, _, m in found]


def test_problem_carries_path_card_and_prints_as_path_line_col() -> None:
    with pytest.raises(DeckError) as caught:
        load_text(deck(CHOICE + "      - {text: A, correct: true}\n"), "decks/x.yaml")
    (problem,) = caught.value.problems
    assert problem.card_id == "m1"
    assert str(problem) == "decks/x.yaml:16:7: card 'm1': a choice card needs at least 2 choices (it has 1)"
    assert str(caught.value) == str(problem)


def test_nested_field_names_its_item() -> None:
    text = deck(CHOICE + "      - {text: A, correct: true}\n      - {text: 5}\n")
    assert only_problem(text) == (
        17,
        16,
        "card 'm1': 'text' of item 2 of 'choices' must be text, not a number (put it in quotes)",
    )
    text = deck(BASIC.format(id="a") + "    source: [{id: s1}, {id: s1, page: 3}]\n")
    assert only_problem(text) == (16, 33, "card 'a': unknown field 'page' (allowed here: id, section)")


def test_list_item_of_wrong_type() -> None:
    text = deck("  - id: y\n    type: typed\n    topic: risks\n    prompt: P\n    answers: [a, 7]\n")
    assert only_problem(text) == (
        15,
        18,
        "card 'y': item 2 of 'answers' must be text, not a number (put it in quotes)",
    )
