"""Image-occlusion cards: one card per region, checked regions, a lossless cache, answers by typing."""

from __future__ import annotations

from pathlib import Path

import pytest

from kquiz.decks import card_content_hash, deck_from_dict, deck_to_dict, load_deck, load_text
from kquiz.domain import CardType, OcclusionCard, Region
from kquiz.study import render

from .helpers import deck, problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50"/></svg>'


def entry(regions: str, mode: str = "") -> str:
    return deck(
        "  - id: parts\n    type: occlusion\n    topic: risks\n    image: pic.svg\n    alt: A picture\n"
        + (f"    mode: {mode}\n" if mode else "")
        + "    regions:\n"
        + regions
    )


TWO = (
    "      - {name: pore, answer: channel pore, rect: [0.1, 0.2, 0.3, 0.4]}\n"
    "      - {name: site, answer: PCP site, polygon: [[0.5, 0.5], [0.9, 0.5], [0.7, 0.9]]}\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "pic.svg").write_text(SVG, encoding="utf-8")
    return tmp_path


def test_an_entry_becomes_one_card_per_region(folder: Path) -> None:
    loaded = load_text(entry(TWO, "hide-all"), base_dir=folder)
    assert [c.id for c in loaded.cards] == ["parts.pore", "parts.site"]
    pore, site = loaded.cards
    assert isinstance(pore, OcclusionCard) and pore.type == CardType.OCCLUSION
    assert (pore.asked, pore.mode, site.asked) == ("pore", "hide-all", "site")
    assert pore.region() == Region("pore", "channel pore", ((0.1, 0.2), (0.4, 0.2), (0.4, 0.6), (0.1, 0.6)))
    assert site.region().points == ((0.5, 0.5), (0.9, 0.5), (0.7, 0.9))
    assert pore.line == site.line == 11 and pore.image == "pic.svg" and pore.alt == "A picture"
    assert card_content_hash(pore) != card_content_hash(site)
    assert deck_from_dict(deck_to_dict(loaded)).cards == loaded.cards  # not split again
    assert load_text(entry(TWO), base_dir=folder).cards[0].mode == "hide-one"  # the default


def test_prompt_answer_hint_and_expected_answer(folder: Path) -> None:
    card = load_text(entry(TWO), base_dir=folder).cards[1]
    prompt, choices, answer = render.prompt_and_answer(card, [])
    assert "hidden" in prompt and choices == () and answer == "PCP site"
    assert render.expected_answers(card) == ["PCP site"]
    assert render.hint_text(card, 1) == "P__ ____"


def test_the_cache_keeps_regions(folder: Path, tmp_path: Path) -> None:
    path = folder / "d.yaml"
    path.write_text(entry(TWO, "hide-all"), encoding="utf-8")
    cold = load_deck(path)
    load_deck(path, cache_dir=tmp_path / "cache")
    warm = load_deck(path, cache_dir=tmp_path / "cache")
    assert warm == cold and warm.cards[1].region().points == ((0.5, 0.5), (0.9, 0.5), (0.7, 0.9))


@pytest.mark.parametrize(
    ("regions", "message"),
    [
        ("      - {name: a, answer: x, rect: [0.5, 0.5, 0.6, 0.1]}\n", "lie inside the image"),
        ("      - {name: a, answer: x, rect: [0.1, 0.1, 0, 0.1]}\n", "must have a size"),
        ("      - {name: a, answer: x, rect: [0.1, 0.1, 0.1]}\n", "needs at least 4 items"),
        ("      - {name: a, answer: x, polygon: [[0.1, 0.1], [0.2, 0.2], [0.3, 0.3]]}\n", "has no area"),
        ("      - {name: a, answer: x, polygon: [[0.1, 0.1], [1.2, 0.2], [0.3, 0.9]]}\n", "inside the image"),
        ("      - {name: a, answer: x}\n", "needs either 'rect"),
        (
            "      - {name: a, answer: x, rect: [0, 0, 0.1, 0.1]}\n      - {name: a, answer: y, rect: [0, 0, 0.2, 0.2]}\n",
            "two regions are named 'a'",
        ),
    ],
)
def test_regions_are_checked_with_positions(folder: Path, regions: str, message: str) -> None:
    found = problems(entry(regions), folder)
    assert len(found) == 1 and found[0][0] is not None and message in found[0][2], found


def test_an_entry_needs_an_image_alt_and_a_region(folder: Path) -> None:
    text = deck("  - id: parts\n    type: occlusion\n    topic: risks\n    regions: []\n")
    messages = " ".join(m for _, _, m in problems(text, folder))
    assert "'image'" in messages and "'alt'" in messages and "regions" in messages


def test_a_region_may_not_make_another_cards_id(folder: Path) -> None:
    text = entry(TWO) + "  - {id: parts.pore, type: basic, topic: risks, front: Q, back: A}\n"
    found = problems(text, folder)
    assert any("makes the card id 'parts.pore', which another card already has" in m for _, _, m in found)
