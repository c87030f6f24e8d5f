"""docs/deck-format.md stays true: its complete example loads and uses every card type."""

from __future__ import annotations

import re
from pathlib import Path

from kquiz.decks import load_text, schema
from kquiz.domain import CardType

DOC = Path(__file__).resolve().parents[2] / "docs" / "deck-format.md"


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)


def test_complete_example_loads_with_every_card_type() -> None:
    example = _yaml_blocks()[0]
    deck = load_text(example, "example.yaml")  # no base_dir: the image is not looked up on disk
    assert deck.id == "ketamine-mechanisms"
    assert {card.type for card in deck.cards} == set(CardType)


def test_every_schema_field_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    definitions = schema()["$defs"]
    fields = set(schema()["properties"])
    for name in ("basicCard", "clozeCard", "choiceCard", "truefalseCard", "typedCard", "source", "topic"):
        fields |= set(definitions[name]["properties"])
    for field in sorted(fields):
        assert f"`{field}`" in text, f"docs/deck-format.md does not mention `{field}`"
