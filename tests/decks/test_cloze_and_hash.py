"""Cloze helpers and the card content hash."""

from __future__ import annotations

from dataclasses import replace

from kquiz.decks import card_content_hash, cloze_parts, render_cloze
from kquiz.domain import BasicCard, Choice, ChoiceCard, Citation, ClozeCard

TEXT = "Ketamine blocks the {{c1::NMDA}} receptor; {{c2::esketamine::a drug name}} is its S form."


def test_cloze_parts() -> None:
    assert cloze_parts(TEXT) == [(1, "NMDA", ""), (2, "esketamine", "a drug name")]
    assert cloze_parts("no blanks") == []


def test_render_cloze_hides_or_reveals() -> None:
    assert (
        render_cloze(TEXT, reveal=False) == "Ketamine blocks the [...] receptor; [a drug name] is its S form."
    )
    assert render_cloze(TEXT, reveal=True) == "Ketamine blocks the NMDA receptor; esketamine is its S form."
    assert render_cloze("{{c1::a}}", reveal=False, blank="___") == "___"


def test_content_hash_changes_with_studied_content_only() -> None:
    card = BasicCard(id="a", topic="t", front="Q", back="A", line=3)
    same = replace(card, explanation="why", note="n", tags=("x",), citations=(Citation("s1", "I"),), line=99)
    assert card_content_hash(card) == card_content_hash(same)
    assert card_content_hash(card) != card_content_hash(replace(card, back="B"))
    assert len(card_content_hash(card)) == 64


def test_content_hash_is_stable_across_runs() -> None:
    # a fixed value: progress stores this hash, so it must not drift between versions
    card = ClozeCard(id="c", topic="t", text="{{c1::x}}")
    assert card_content_hash(card) == "f13a5a48f79438f7e8bde8e97b69f63dc5cd7a8a6ef2fda104f964c14ba90311"
    assert card_content_hash(card) == card_content_hash(ClozeCard(id="other", topic="u", text="{{c1::x}}"))
    choice = ChoiceCard(id="m", topic="t", prompt="P", choices=(Choice("A", True), Choice("B")))
    flipped = replace(choice, choices=(Choice("A"), Choice("B", True)))
    assert card_content_hash(choice) != card_content_hash(flipped)
