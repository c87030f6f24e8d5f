"""Stable card ids: the rule, its collisions, and that re-importing an updated file keeps them."""

from __future__ import annotations

from pathlib import Path

from kquiz.decks import load_deck
from kquiz.interop import ImportOptions, import_file
from kquiz.interop.ids import IdAllocator, is_valid_id, normalise, short_hash, slugify


def test_slugify():
    assert slugify("What does Ketamine block?") == "what-does-ketamine-block"
    assert slugify("Çà et là: ΝΜDA") == "ca-et-la-da"
    assert slugify("¿¡!?") == "card"
    assert slugify("a" * 100) == "a" * 40
    words = slugify("one two three four five six seven eight nine ten eleven")
    assert words == "one-two-three-four-five-six-seven-eight" and len(words) <= 40


def test_id_is_slug_plus_hash_of_the_normalised_front():
    allocator = IdAllocator()
    card_id = allocator.allocate("What does ketamine block?", "NMDA", 1)
    assert card_id == f"what-does-ketamine-block-{short_hash(normalise('What does ketamine block?'))}"
    assert is_valid_id(card_id)
    # Case and spacing do not change the id (a fresh allocator stands for a re-import).
    assert IdAllocator().allocate("  what does   KETAMINE block? ", "other back", 1) == card_id


def test_collisions_are_settled_in_file_order():
    allocator = IdAllocator()
    first = allocator.allocate("Same front", "back one", 1)
    second = allocator.allocate("Same front", "back two", 2)
    assert first != second and second.startswith("same-front-")
    assert allocator.allocate("Same front", "back one", 3) is None  # exact duplicate
    assert allocator.duplicate_of("same FRONT", "Back one") == 1
    # Two different texts with the same slug and hash (forced here) get -2, -3.
    allocator.reserve("forced-abc")
    assert allocator.reserve("forced-abc") is False


def test_guid_based_ids_survive_any_text_edit():
    a = IdAllocator().allocate("Front", "Back", 1, stable_key="Ab1+x")
    b = IdAllocator().allocate("Front edited", "Back edited", 9, stable_key="Ab1+x")
    assert a == b == f"anki-{short_hash('Ab1+x', 10)}"


def _ids(path: Path) -> dict[str, str]:
    deck = load_deck(path)
    return {card.id: getattr(card, "back", getattr(card, "text", "")) for card in deck.cards}


def test_reimporting_an_updated_file_keeps_ids(tmp_path: Path):
    source = tmp_path / "cards.csv"
    out = tmp_path / "deck.yaml"
    source.write_text(
        "front,back\nWhat does ketamine block?,NMDA\nWhat is PCP?,phencyclidine\nSame,one\nSame,two\n",
        encoding="utf-8",
    )
    import_file(source, out)
    before = _ids(out)
    # Edit a back, re-space a front, reorder rows and add a new one.
    source.write_text(
        "front,back\nNew card,new\nWhat  is PCP?,Phencyclidine (an anaesthetic)\n"
        "What does ketamine block?,The NMDA receptor\nSame,one\nSame,two\n",
        encoding="utf-8",
    )
    import_file(source, out, overwrite=True)
    after = _ids(out)
    assert set(before) <= set(after)
    assert len(after) == len(before) + 1
    assert after[next(i for i in before if i.startswith("what-does"))] == "The NMDA receptor"


def test_explicit_id_column_is_kept_and_reserved_before_generated_ids(tmp_path: Path):
    source = tmp_path / "cards.csv"
    source.write_text("id,front,back\n,Q one,A\nmy-id,Q two,B\nmy-id,Q three,C\n", encoding="utf-8")
    report = import_file(source, tmp_path / "deck.yaml")
    deck = load_deck(tmp_path / "deck.yaml")
    assert [c.id for c in deck.cards][1] == "my-id"
    assert [(p.line, p.message) for p in report.problems] == [(4, "id 'my-id' is already used on line 3")]


def test_duplicates_are_reported_not_silently_dropped(tmp_path: Path):
    source = tmp_path / "cards.tsv"
    source.write_text("Q\tA\nQ\tA\n", encoding="utf-8")
    report = import_file(source, tmp_path / "deck.yaml", ImportOptions())
    assert report.cards == 1
    assert [(p.line, p.message) for p in report.problems] == [
        (2, "same front and back as line 1: a duplicate, not imported")
    ]
