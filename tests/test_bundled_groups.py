"""The bundled decks' sibling groups (issue 15): related cards share a `group:`, and every group is real."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kquiz.decks import load_folder

DECKS = Path(__file__).resolve().parent.parent / "decks"


def _groups() -> dict[tuple[str, str], set[str]]:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for deck in load_folder(DECKS).decks:
        for card in deck.cards:
            if card.group:
                groups[(deck.id, card.group)].add(card.id)
    return groups


def test_every_group_has_at_least_two_cards_and_every_deck_has_groups() -> None:
    groups = _groups()
    assert all(len(ids) >= 2 for ids in groups.values()), {k: v for k, v in groups.items() if len(v) < 2}
    assert {deck for deck, _ in groups} == {
        "ketamine-mechanisms",
        "ketamine-foundations",
        "ketamine-indications",
        "ketamine-risks",
        "ketamine-clinical",
    }


def test_cards_on_one_fact_are_siblings() -> None:
    groups = _groups()
    expected = {
        ("ketamine-mechanisms", "nmda-target"): {"mech-main-target", "mech-monoamine-contrast"},
        ("ketamine-foundations", "enantiomer-names"): {"chem-s-name", "chem-r-name"},
        ("ketamine-risks", "schedule"): {"risk-schedule-iii", "risk-schedule-meaning", "risk-schedule-year"},
        ("ketamine-clinical", "redistribution"): {
            "clin-pk-redistribution",
            "clin-pk-redistribution-tf",
            "clin-pk-redistribution-rev",
        },
    }
    for key, ids in expected.items():
        assert groups[key] == ids, key
