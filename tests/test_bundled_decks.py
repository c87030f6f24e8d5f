"""The bundled ketamine decks: they load, are internally consistent, cite real headings,
meet the type mix, keep known accuracy fixes, and do not copy the source articles.

Checks that need the source articles (``../shared/sources`` beside the repository, or
``$KQUIZ_SOURCES_DIR``) are skipped with a reason when the articles are not there.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from kquiz.decks import cloze_parts, load_folder
from kquiz.domain import CardType, ChoiceCard, ClozeCard, Deck, TrueFalseCard

REPO = Path(__file__).resolve().parent.parent
DECKS = REPO / "decks"


def _load_report_module():
    spec = importlib.util.spec_from_file_location("deck_report", REPO / "scripts" / "deck_report.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["deck_report"] = module
    spec.loader.exec_module(module)
    return module


report = _load_report_module()
SOURCES = report.find_sources_dir()
needs_sources = pytest.mark.skipif(
    SOURCES is None,
    reason="source articles not found (../shared/sources beside the repo or $KQUIZ_SOURCES_DIR)",
)


@pytest.fixture(scope="module")
def decks() -> dict[str, Deck]:
    result = load_folder(DECKS)
    assert result.errors == (), "\n".join(str(e) for e in result.errors)
    return {deck.id: deck for deck in result.decks}


def all_cards(decks: dict[str, Deck]):
    return [card for deck in decks.values() for card in deck.cards]


def article_decks(decks: dict[str, Deck]) -> list[Deck]:
    """The decks written from the articles (not the reference decks, e.g. the clinical deck)."""
    return [deck for deck in decks.values() if deck.id not in report.REFERENCE_DECKS]


def card_texts(card) -> list[str]:
    """Every learner-visible text of a card (prompt side, answer side, explanation, note)."""
    texts = [card.explanation, card.note]
    for name in ("front", "back", "text", "prompt", "statement"):
        texts.append(getattr(card, name, "") or "")
    texts += [c.text for c in getattr(card, "choices", ())]
    texts += list(getattr(card, "answers", ()))
    return texts


def test_the_four_decks_load_with_one_topic_each(decks: dict[str, Deck]) -> None:
    expected = {
        "ketamine-mechanisms": "mechanisms",
        "ketamine-indications": "indications",
        "ketamine-risks": "risks",
        "ketamine-foundations": "foundations",
    }
    assert set(expected) <= set(decks)
    for deck_id, topic in expected.items():
        deck = decks[deck_id]
        assert [t.id for t in deck.topics] == [topic]
        assert {card.topic for card in deck.cards} == {topic}
        assert len(deck.cards) >= 40, f"{deck_id} has only {len(deck.cards)} cards"


def test_integrity_report_finds_no_problem() -> None:
    reports, problems = report.check_all(DECKS, SOURCES)
    assert problems == []
    assert sum(r.cards for r in reports) >= 150


def test_card_ids_unique_across_all_decks(decks: dict[str, Deck]) -> None:
    ids = Counter(card.id for card in all_cards(decks))
    assert [i for i, n in ids.items() if n > 1] == []


def test_type_mix_meets_the_thresholds(decks: dict[str, Deck]) -> None:
    cards = all_cards(decks)
    kinds = Counter(card.type for card in cards)
    total = len(cards)
    assert total >= 150
    assert kinds[CardType.CHOICE] / total >= 0.20
    assert kinds[CardType.TRUEFALSE] / total >= 0.10
    assert kinds[CardType.CLOZE] / total >= 0.10
    assert kinds[CardType.TYPED] >= 5
    assert kinds[CardType.BASIC] + kinds[CardType.REVERSED] > 0


def test_every_card_explains_cites_and_is_tagged(decks: dict[str, Deck]) -> None:
    for deck in decks.values():
        for card in deck.cards:
            assert len(card.explanation.split()) >= 8, f"{deck.id}/{card.id}: explanation too thin"
            assert card.citations, f"{deck.id}/{card.id}: no citation"
            assert card.tags, f"{deck.id}/{card.id}: no tags"
            for cit in card.citations:
                source = deck.source(cit.source_id)
                assert source is not None and cit.section in source.sections


def test_choice_cards_have_distractors_and_truefalse_cards_both_ways(decks: dict[str, Deck]) -> None:
    cards = all_cards(decks)
    for card in cards:
        if isinstance(card, ChoiceCard):
            assert len(card.choices) >= 3, card.id
            assert sum(c.correct for c in card.choices) >= 1, card.id
            assert any(not c.correct for c in card.choices), card.id
    answers = Counter(card.answer for card in cards if isinstance(card, TrueFalseCard))
    assert answers[True] >= 10 and answers[False] >= 10


def test_cloze_cards_number_from_c1_without_gaps(decks: dict[str, Deck]) -> None:
    for card in all_cards(decks):
        if isinstance(card, ClozeCard):
            numbers = sorted({part[0] for part in cloze_parts(card.text)})
            assert numbers == list(range(1, len(numbers) + 1)), card.id


def test_no_list_cards(decks: dict[str, Deck]) -> None:
    pattern = re.compile(r"\b(list|name all|name every|enumerate)\b", re.I)
    for card in all_cards(decks):
        prompt = getattr(card, "front", "") or getattr(card, "prompt", "") or ""
        assert not pattern.search(prompt), card.id


def test_no_clinic_names_or_dosing_in_cards(decks: dict[str, Deck]) -> None:
    forbidden = re.compile(r"peace valley|reyou|save ?minds|\bmg\b|mg/kg|milligram", re.I)
    for card in all_cards(decks):
        for text in card_texts(card):
            assert not forbidden.search(text), f"{card.id}: {text!r}"


def _card(decks: dict[str, Deck], deck_id: str, card_id: str):
    card = decks[deck_id].card(card_id)
    assert card is not None, f"{deck_id}/{card_id} missing"
    return card


def _correct(card: ChoiceCard) -> str:
    return " ".join(c.text for c in card.choices if c.correct)


def test_accuracy_fixes_are_kept(decks: dict[str, Deck]) -> None:
    """Facts checked against established sources where the articles are loose or wrong."""
    site = _card(decks, "ketamine-mechanisms", "mech-binding-site")
    assert "PCP" in _correct(site) and "channel" in _correct(site) and site.note
    assert _card(decks, "ketamine-mechanisms", "mech-not-glutamate-site").answer is False
    assert _card(decks, "ketamine-mechanisms", "mech-ampa-indirect").answer is False
    assert _correct(_card(decks, "ketamine-foundations", "chem-class")) == "Arylcyclohexylamines"
    assert "arylcyclohexamines" in _card(decks, "ketamine-foundations", "chem-class").note
    assert _card(decks, "ketamine-foundations", "hist-veterinary-first").answer is False
    assert "1962" in _card(decks, "ketamine-foundations", "hist-synthesis-year").text
    assert "1964" in _card(decks, "ketamine-foundations", "hist-first-human-study").text
    assert "1970" in _card(decks, "ketamine-foundations", "hist-fda-1970").text
    assert "Vietnam" in _correct(_card(decks, "ketamine-foundations", "hist-vietnam"))
    assert "2019" in _card(decks, "ketamine-indications", "ind-spravato-2019").text
    assert _card(decks, "ketamine-indications", "ind-spravato-2020").answer is True
    assert _card(decks, "ketamine-indications", "ind-iv-offlabel").answer is False
    assert "III" in _card(decks, "ketamine-risks", "risk-schedule-iii").text
    assert _correct(_card(decks, "ketamine-risks", "risk-cystitis")) == "The bladder"


def test_review_corrections_are_kept(decks: dict[str, Deck]) -> None:
    """Facts fixed or added in the pharmacology review (see the cards' notes)."""
    assert _correct(_card(decks, "ketamine-risks", "risk-schedule-year")) == "1999"
    monotherapy = _card(decks, "ketamine-indications", "ind-spravato-monotherapy")
    assert monotherapy.answer is True and "2025" in monotherapy.statement
    assert _card(decks, "ketamine-indications", "ind-suicide-prevention").answer is False
    metabolism = _card(decks, "ketamine-foundations", "chem-metabolism").back
    assert all(term in metabolism for term in ("CYP3A4", "CYP2B6", "norketamine"))
    assert _card(decks, "ketamine-foundations", "chem-half-life").answer is False
    assert _card(decks, "ketamine-mechanisms", "mech-noradrenaline-dissociation").answer is False
    # The class name is taught as spelled in the literature, never as the article misspells it.
    class_card = _card(decks, "ketamine-foundations", "chem-class")
    assert "arylcyclohexamines" not in {c.text.lower() for c in class_card.choices}
    # The card on the "horse tranquilizer" nickname cites the article that repeats it.
    nickname = _card(decks, "ketamine-foundations", "hist-horse-tranquilizer")
    assert "ketamine-and-the-brain" in {c.source_id for c in nickname.citations}


def test_second_review_corrections_are_kept(decks: dict[str, Deck]) -> None:
    """Issue 16: the wrong, overstated and too narrow cards the second review found stay fixed."""
    from kquiz.study.grading import grade_typed

    # 21 USC 812(b)(3): moderate or low physical dependence OR high psychological dependence.
    assert "high psychological" in _correct(_card(decks, "ketamine-risks", "risk-schedule-meaning"))
    # Ketamine has negligible direct GABA-A action at clinical concentrations.
    assert _card(decks, "ketamine-mechanisms", "mech-gaba-role").answer is False
    # IV ketamine is weight-based; the esketamine spray is fixed-dose.
    assert _card(decks, "ketamine-foundations", "adm-weight").answer is False
    assert "aspiration" in _card(decks, "ketamine-foundations", "adm-fasting").back
    # The drug names only, not the prompt's own S-/R- forms (the grader's one-typo forgiveness
    # still lets "S-ketamine" pass for "esketamine": one letter apart once '-' is ignored).
    assert _card(decks, "ketamine-foundations", "chem-s-name").answers == ("esketamine",)
    assert _card(decks, "ketamine-foundations", "chem-r-name").answers == ("arketamine",)
    dissociation = _card(decks, "ketamine-risks", "risk-dissociation-typed").answers
    assert grade_typed(dissociation, "depersonalization").correct
    assert grade_typed(dissociation, "derealisation").correct
    # Citations name the article, not a clinic's service page or its locations.
    assert "url" not in report.ARTICLES["science-of-ketamine"]
    assert all("(" not in meta["publisher"] for meta in report.ARTICLES.values())


# Facts no article states: a card that asks about one must say in its note where it comes from.
ADDED_FACT_MARKERS = (
    "1964",
    "1983",
    "1999",
    "2020",
    "2025",
    "REMS",
    "CYP",
    "Vietnam",
    "World Health",
    "mTOR",
    "hydroxynorketamine",
    "arketamine",
    "TrkB",
    "bladder",
    "bile",
    "uncompetitive",
    "magnesium",
    "Domino",
)


def test_cards_asking_about_added_facts_carry_a_note(decks: dict[str, Deck]) -> None:
    missing = []
    for card in (card for deck in article_decks(decks) for card in deck.cards):
        asked = " ".join(card_texts(card)[2:])  # prompt and answer sides, not explanation or note
        if any(marker.lower() in asked.lower() for marker in ADDED_FACT_MARKERS) and not card.note:
            missing.append(card.id)
    assert missing == []


def test_cloze_blanks_are_short_terms_a_learner_can_type(decks: dict[str, Deck]) -> None:
    for card in all_cards(decks):
        if isinstance(card, ClozeCard):
            for match in report.CLOZE.finditer(card.text):
                answer = match.group(2).split("::")[0]
                assert len(answer.split()) <= 3, (card.id, answer)


def test_typed_cards_cover_the_key_terms(decks: dict[str, Deck]) -> None:
    accepted = {a.lower() for card in all_cards(decks) for a in getattr(card, "answers", ())}
    for term in ("nmda", "ampa", "bdnf", "esketamine", "glutamate", "gaba"):
        assert term in accepted, term


@needs_sources
def test_cited_sections_are_heading_lines_of_their_articles(decks: dict[str, Deck]) -> None:
    for deck in article_decks(decks):
        for source in deck.sources:
            lines = set(report.article_lines(SOURCES, source.id))
            heads = report.article_headings(SOURCES, source.id)
            for section in source.sections:
                heading = report.resolve_section(section, heads)
                assert heading in lines and heading in heads, f"{deck.id}: {source.id}: {section!r}"
                assert section == report.citation_form(heading), f"{deck.id}: cite long headings shortened"


@needs_sources
def test_sources_blocks_match_the_generator() -> None:
    for path in report.deck_files(DECKS):
        if report.is_reference_deck(report.load_raw(path)):
            continue  # its sources are references, written by hand
        block = report.render_sources(report.load_raw(path), SOURCES)
        assert block in path.read_text(encoding="utf-8"), f"{path.name}: run deck_report.py --write-sources"


def _words(text: str) -> str:
    """Normalise like check_verbatim.py: lower case, the same word pattern, one space."""
    return " ".join(re.findall(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*", text.lower().replace("’", "'")))


def _run_verbatim(words: int) -> list[str]:
    tool = SOURCES.parent / "tools" / "check_verbatim.py"
    if not tool.is_file():
        pytest.skip(f"verbatim tool not found at {tool}")
    out = subprocess.run(
        [sys.executable, str(tool), str(DECKS), "--words", str(words)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert out.returncode in (0, 1), out.stdout + out.stderr
    runs = re.findall(r'shares \d+ words with \S+: "(.*)"$', out.stdout, re.M)
    assert out.stdout.strip().endswith(f"{len(runs)} shared run(s) of {words}+ words"), out.stdout
    return runs


@needs_sources
def test_card_text_shares_not_even_six_words_with_the_articles(decks: dict[str, Deck]) -> None:
    """Stricter than the project rule: six-word runs may only come from citation metadata."""
    metadata = [
        _words(text)
        for deck in decks.values()
        for src in deck.sources
        for text in (src.title, src.url or "", *src.sections)
    ]
    for run in _run_verbatim(6):
        assert any(run in text for text in metadata), f"card text repeats an article: {run!r}"


@needs_sources
def test_no_card_text_repeats_the_articles_verbatim(decks: dict[str, Deck]) -> None:
    """The shared verbatim check, run as the project runs it.

    Nothing may be reported: card text is in our own words, and headings of eight or more words
    are cited by their first seven words and an ellipsis (scripts/deck_report.py citation_form).
    """
    assert _run_verbatim(8) == []


# ---- quiz items a learner cannot game (scripts/deck_quality.py) ----------------


def _article_deck_files() -> list[tuple[Path, dict]]:
    loaded = [(path, report.load_raw(path)) for path in report.deck_files(DECKS)]
    return [(path, data) for path, data in loaded if not report.is_reference_deck(data)]


def test_article_decks_meet_the_quiz_item_thresholds() -> None:
    """Per deck: the right option is uniquely the longest in at most 40% of choice cards, the only
    hedged one in at most 10% and listed first in at most half; at most 10% of false statements
    carry an absolute word; 40-60% of true/false cards are true; no two cards are near-duplicates."""
    quality = report.deck_quality
    decks = _article_deck_files()
    assert len(decks) == 4
    qualities = [quality.quality(path, data) for path, data in decks]
    pairs = quality.near_duplicates([data for _path, data in decks], quality.NEAR_DUPLICATE)
    assert quality.quality_problems(qualities, pairs) == []
    assert all(q.choice >= 5 and q.true + q.false >= 10 for q in qualities)


def test_quiz_item_figures_catch_a_gameable_deck(tmp_path: Path) -> None:
    quality = report.deck_quality
    long_right = {"text": "The right answer, hedged, as it may often be", "correct": True}
    cards = [
        {"id": f"c{i}", "type": "choice", "choices": [long_right, {"text": "No"}, {"text": "Never"}]}
        for i in range(3)
    ]
    cards += [
        {"id": "f1", "type": "truefalse", "statement": "It has no side effects.", "answer": False},
        {"id": "f2", "type": "truefalse", "statement": "It raises blood pressure a little.", "answer": False},
        {"id": "d1", "type": "basic", "front": "Which receptor does it block?", "back": "The NMDA receptor"},
        {"id": "d2", "type": "basic", "front": "Which receptor does it block?", "back": "NMDA receptor"},
    ]
    path = tmp_path / "deck.yaml"
    path.write_text("kquiz: 1\nid: gameable\ncards:\n  # ---- Group A ----\n  - id: c0\n", encoding="utf-8")
    q = quality.quality(path, {"id": "gameable", "cards": cards})
    assert (q.longest_share, q.only_hedged_share, q.first_share) == (1.0, 1.0, 1.0)
    assert (q.true_share, q.absolute_false, q.groups) == (0.0, ["f1"], {"Group A": 1})
    pairs = quality.near_duplicates([{"cards": cards}])
    assert ("d1", "d2") in [(a, b) for _s, a, b in pairs]  # (the three choice cards are alike too)
    assert len(quality.quality_problems([q], pairs)) == 5 + len(pairs)


def test_cards_per_group_count_cards_only(tmp_path: Path) -> None:
    """The `- id:` lines of the sources block and of block-style citations are no cards."""
    text = (
        "kquiz: 1\nid: grouped\nsources:\n  - id: ref\n    title: A reference\ncards:\n"
        "  # ---- First ----\n  - id: a\n    source:\n      - id: ref\n        section: S\n"
        "  # ---- Second ----\n  - id: b\n    source: {id: ref, section: S}\n"
    )
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    q = report.deck_quality.quality(path, {"id": "grouped", "cards": [{"id": "a"}, {"id": "b"}]})
    assert q.groups == {"First": 1, "Second": 1}
