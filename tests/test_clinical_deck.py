"""The fifth bundled deck, clinical pharmacology (decks/clinical.yaml): its sources are references
(drug labels, regulators' and WHO documents, papers), not the articles, so it has its own checks:
it loads with its own topics, cites findable references, keeps the quiz honest (no guessable
choice or true/false items, no dose units) and keeps the facts a second reader checked.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kquiz.decks import load_deck
from kquiz.domain import ChoiceCard, ClozeCard, Deck, TrueFalseCard, TypedCard
from kquiz.study.grading import grade_typed

DECK_FILE = Path(__file__).resolve().parent.parent / "decks" / "clinical.yaml"
TOPICS = (
    "pharmacokinetics",
    "cautions",
    "interactions",
    "esketamine-label",
    "anaesthesia",
    "paediatrics",
    "control",
    "trials",
)
ARTICLE_IDS = {
    "science-of-ketamine",
    "ketamine-and-the-brain",
    "unique-anesthetic",
    "ketamine-brain-effects",
    "infusion-science",
}
# A false statement that one of these words gives away can be answered without knowing the fact.
ABSOLUTE = re.compile(
    r"\b(no|none|never|always|all|every|any|only|fully|completely|entirely|cures?|proven|guaranteed)\b",
    re.I,
)
DOSE_UNITS = re.compile(r"\b(mg|mcg|µg|ml|milligrams?|micrograms?|per kilogram|mg/kg)\b", re.I)


@pytest.fixture(scope="module")
def deck() -> Deck:
    return load_deck(DECK_FILE)


def texts(card) -> list[str]:
    out = [card.explanation, card.note]
    for name in ("front", "back", "text", "prompt", "statement"):
        out.append(getattr(card, name, "") or "")
    out += [c.text for c in getattr(card, "choices", ())]
    out += list(getattr(card, "answers", ()))
    return out


def test_it_loads_with_its_own_topics_and_enough_cards(deck: Deck) -> None:
    assert deck.id == "ketamine-clinical"
    assert tuple(t.id for t in deck.topics) == TOPICS
    per_topic = Counter(card.topic for card in deck.cards)
    assert len(deck.cards) >= 60
    assert all(per_topic[t] >= 5 for t in TOPICS), per_topic


def test_it_cites_references_not_the_articles(deck: Deck) -> None:
    assert deck.sources and not {s.id for s in deck.sources} & ARTICLE_IDS
    for source in deck.sources:
        assert source.title and source.publisher and source.sections, source.id
        if source.url:
            assert source.url.startswith(("https://", "http://")), source.id
            if "doi.org" in source.url:
                assert source.url.startswith("https://doi.org/10."), source.id
    for card in deck.cards:
        assert card.citations and len(card.explanation.split()) >= 8 and card.tags, card.id
        for cit in card.citations:
            cited = deck.source(cit.source_id)
            assert cited is not None and cit.section in cited.sections, card.id


def test_the_type_mix_follows_the_other_decks(deck: Deck) -> None:
    kinds = Counter(type(card).__name__ for card in deck.cards)
    total = len(deck.cards)
    assert kinds["ChoiceCard"] / total >= 0.20
    assert kinds["TrueFalseCard"] / total >= 0.10
    assert kinds["ClozeCard"] / total >= 0.10
    assert kinds["TypedCard"] >= 5 and kinds["BasicCard"] + kinds["ReversedCard"] >= 5


def test_choice_cards_cannot_be_answered_by_length_or_position(deck: Deck) -> None:
    choice = [card for card in deck.cards if isinstance(card, ChoiceCard)]
    longest = first = 0
    for card in choice:
        assert len(card.choices) >= 3 and any(not c.correct for c in card.choices), card.id
        right = [c.text for c in card.choices if c.correct]
        wrong = [c.text for c in card.choices if not c.correct]
        longest += len(right) == 1 and len(right[0]) > max(len(w) for w in wrong)
        first += card.choices[0].correct
    assert longest / len(choice) <= 0.25
    assert first / len(choice) <= 0.5


def test_true_false_is_balanced_and_false_statements_state_misconceptions(deck: Deck) -> None:
    items = [card for card in deck.cards if isinstance(card, TrueFalseCard)]
    true_share = sum(card.answer for card in items) / len(items)
    assert 0.40 <= true_share <= 0.60
    absolute = [card.id for card in items if not card.answer and ABSOLUTE.search(card.statement)]
    assert absolute == []


def test_no_doses_and_no_clinic_names(deck: Deck) -> None:
    forbidden = re.compile(r"peace valley|reyou|save ?minds|clinic of", re.I)
    for card in deck.cards:
        for text in texts(card):
            assert not DOSE_UNITS.search(text), f"{card.id}: {text!r}"
            assert not forbidden.search(text), f"{card.id}: {text!r}"


def test_cloze_blanks_are_short(deck: Deck) -> None:
    for card in deck.cards:
        if isinstance(card, ClozeCard):
            for blank in re.findall(r"\{\{c\d+::(.+?)(?:::[^}]*)?\}\}", card.text):
                assert len(blank.split()) <= 3, (card.id, blank)


def _card(deck: Deck, card_id: str):
    card = deck.card(card_id)
    assert card is not None, card_id
    return card


def _right(card: ChoiceCard) -> str:
    return " ".join(c.text for c in card.choices if c.correct)


def test_checked_facts_are_kept(deck: Deck) -> None:
    """Facts the second reader checked against the cited reference."""
    assert _right(_card(deck, "clin-pk-cyp-enzymes")) == "CYP3A4 and CYP2B6"
    assert _right(_card(deck, "clin-pk-half-life")) == "2 to 3 hours"
    assert _right(_card(deck, "clin-pk-nasal-esketamine")) == "About 48%"
    assert "{{c1::93" in _card(deck, "clin-pk-im").text
    assert _right(_card(deck, "clin-label-resp-depression")) == "Respiratory depression"
    assert "{{c1::2::" in _card(deck, "clin-label-observation").text
    assert "{{c1::next day::" in _card(deck, "clin-label-driving-cloze").text
    assert _card(deck, "clin-anaes-reflexes").answer is True  # apnoea after a rapid IV injection
    assert _right(_card(deck, "clin-caution-aneurysm")) == "Aneurysmal vascular disease"
    assert _card(deck, "clin-anaes-icp-tf").answer is False
    assert _right(_card(deck, "clin-ctrl-uk-2006")) == "2006, as Class C"
    assert _card(deck, "clin-ctrl-who-tf").answer is False
    assert _right(_card(deck, "clin-trial-elektd")) == "Ketamine was non-inferior to ECT"
    assert _card(deck, "clin-trial-elektd-design").answer is False
    assert _card(deck, "clin-trial-mixed-phase3").answer is False
    ect = _card(deck, "clin-trial-ect-typed")
    assert isinstance(ect, TypedCard)
    assert grade_typed(ect.answers, "electroconvulsive therapy").correct
