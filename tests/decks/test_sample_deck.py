"""The sample deck (every card type) loads into exactly the expected domain objects."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kquiz.decks import deck_from_dict, deck_to_dict, load_deck, load_text
from kquiz.domain import (
    BasicCard,
    CardType,
    Choice,
    ChoiceCard,
    Citation,
    ClozeCard,
    ReversedCard,
    Source,
    Topic,
    TrueFalseCard,
    TypedCard,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "decks" / "sample.yaml"


def test_deck_fields() -> None:
    deck = load_deck(SAMPLE)
    assert deck.id == "sample-deck"
    assert deck.title == "Sample: every card type"
    assert deck.description == "A small deck used by the tests."
    assert deck.language == "en"
    assert deck.authors == ("Test Author",)
    assert deck.format_version == 1
    assert deck.topics == (Topic("mechanisms", "Mechanisms"), Topic("risks", "Risks"))
    assert deck.sources == (
        Source(
            "s1",
            "An article about ketamine",
            "A publisher",
            "https://example.org/article",
            ("Intro", "How it works"),
        ),
        Source("s2", "Another article", "", None, ("Safety",)),
    )
    assert deck.path == str(SAMPLE) and Path(deck.path).is_absolute()
    assert deck.content_hash == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_every_card_type_loads_into_its_class() -> None:
    deck = load_deck(SAMPLE)
    assert [c.type for c in deck.cards] == list(CardType)
    assert deck.cards[0] == BasicCard(
        id="nmda-block",
        topic="mechanisms",
        front="Which receptor does ketamine mainly block?",
        back="The NMDA receptor.",
        explanation="It is a non-competitive antagonist.",
        note="Some sources overstate this.",
        citations=(Citation("s1", "How it works"),),
        tags=("receptors", "core"),
        image="images/nmda.png",
        alt="The NMDA receptor",
        line=20,
    )
    assert deck.cards[1] == ReversedCard(
        id="rev1",
        topic="mechanisms",
        front="Esketamine",
        back="The S-enantiomer of ketamine",
        citations=(Citation("s1", "Intro"), Citation("s2", "Safety")),
        line=31,
    )
    assert deck.cards[2] == ClozeCard(
        id="c1",
        topic="mechanisms",
        text="Ketamine blocks the {{c1::NMDA}} receptor {{c2::channel::where}}.",
        citations=(Citation("s1", "How it works"),),
        line=39,
    )
    assert deck.cards[3] == ChoiceCard(
        id="m1",
        topic="risks",
        prompt="Which are risks of ketamine?",
        choices=(
            Choice("Raised blood pressure", True),
            Choice("Dissociation", True),
            Choice("Hair growth", False),
        ),
        line=40,
    )
    assert deck.cards[4] == TrueFalseCard(
        id="t1", topic="risks", statement="Ketamine is an opioid.", answer=False, line=48
    )
    assert deck.cards[5] == TypedCard(
        id="y1",
        topic="mechanisms",
        prompt="Name the S-enantiomer of ketamine.",
        answers=("esketamine", "S-ketamine"),
        line=49,
    )
    assert deck.card("m1") is deck.cards[3] and deck.card("nope") is None


def test_plain_dict_round_trip_is_lossless() -> None:
    deck = load_deck(SAMPLE)
    assert deck_from_dict(deck_to_dict(deck)) == deck


def test_bom_is_accepted_and_hash_covers_the_bytes() -> None:
    text = (
        SAMPLE.read_text(encoding="utf-8")
        .replace("images/nmda.png", "x.png")
        .replace("    image: x.png\n", "", 1)  # the occlusion card keeps its (unchecked) image
    )
    plain = load_text(text)
    with_bom = load_text(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert plain.cards == with_bom.cards
    assert plain.content_hash != with_bom.content_hash
    assert plain.path is None


def test_bundled_decks_load() -> None:
    from kquiz.decks import load_folder
    from kquiz.paths import bundled_decks_dir

    result = load_folder(bundled_decks_dir())
    assert result.errors == ()
    assert result.decks, "kquiz ships at least one deck"
    for deck in result.decks:
        assert deck.cards and all(card.line > 0 for card in deck.cards)


def test_a_valid_deck_loads_without_importing_jsonschema() -> None:
    """Start-up speed: jsonschema (~0.2 s to import) is needed only to explain a broken deck."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom kquiz.decks import load_deck\n"
        f"load_deck({str(SAMPLE)!r})\n"
        "print('jsonschema' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"
