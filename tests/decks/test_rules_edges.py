"""Deck rules past the first problem: every duplicate and every citation is checked, and images that
only look harmless (a data: address, a drive-relative Windows path, a folder) are refused.

Written to kill mutants that survived ``mutmut`` (see docs/testing.md): a ``continue`` turned into
``break`` stopped a check at its first skipped item, and weakened conditions let bad images through.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.decks.helpers import BASIC, HEAD, deck, only_problem, problems


def messages(text: str, base_dir: Path | None = None) -> list[str]:
    return [message for _line, _col, message in problems(text, base_dir)]


def test_every_duplicated_id_is_reported_past_one_without_a_text_id() -> None:
    cards = (
        BASIC.format(id="a")
        + BASIC.format(id="a")
        + BASIC.format(id="5").replace("id: 5", "id: 5  # a number: the schema's problem")
        + BASIC.format(id="b")
        + BASIC.format(id="b")
    )
    found = messages(deck(cards))
    assert any("the card id 'a' is used twice" in m for m in found), found
    assert any("the card id 'b' is used twice" in m for m in found), found


def test_each_citation_is_checked_after_one_that_is_unknown_or_has_no_section() -> None:
    cites = (
        "    source:\n"
        "      - {section: Intro}\n"  # no id: the schema's problem, skipped here
        "      - {id: s9}\n"  # unknown source
        "      - {id: s1}\n"  # no section: nothing to check
        "      - {id: s1, section: Nope}\n"
    )
    found = messages(deck(BASIC.format(id="a") + cites))
    assert any("unknown source 's9'" in m for m in found), found
    assert any("source 's1' has no section 'Nope'" in m for m in found), found


def test_a_source_without_sections_says_none_are_listed() -> None:
    head = HEAD.replace("    sections: [Intro, Safety]\n", "")
    text = deck(BASIC.format(id="a") + "    source: {id: s1, section: Intro}\n", head)
    assert only_problem(text)[2] == "card 'a': source 's1' has no section 'Intro' (its sections: none listed)"


def test_an_unknown_topic_in_a_deck_without_topics_says_none_are_defined() -> None:
    head = HEAD.replace("  - {id: risks, title: Risks}\n", "").replace("topics:\n", "topics: []\n")
    assert only_problem(deck(BASIC.format(id="a"), head))[2] == (
        "card 'a': unknown topic 'risks' (the deck's topics: none defined)"
    )


def test_a_text_field_on_a_basic_card_is_not_checked_as_cloze() -> None:
    text = deck(BASIC.format(id="a") + "    text: no blanks here\n")
    assert "unknown field 'text'" in only_problem(text)[2]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("data:image/png;base64,AAAA", "must be a file in the deck's folder, not a web address"),
        ("C:x.png", "must be a path relative to the deck file, not an absolute path"),
        ("img\\a.png", "use '/' between folder names"),
    ],
)
def test_images_that_look_relative_are_refused(tmp_path: Path, path: str, message: str) -> None:
    text = deck(BASIC.format(id="a") + f"    image: '{path}'\n    alt: A picture\n")
    assert only_problem(text, tmp_path)[2] == f"card 'a': image '{path}' {message}".replace("' use", "': use")


def test_an_image_that_is_a_folder_is_not_a_readable_file(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    text = deck(BASIC.format(id="a") + "    image: img\n    alt: A picture\n")
    assert only_problem(text, tmp_path)[2] == "card 'a': image 'img' is not a readable file"
