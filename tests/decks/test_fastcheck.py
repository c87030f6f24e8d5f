"""The fast yes/no schema check: same verdicts as jsonschema, and no silently ignored keywords."""

from __future__ import annotations

import pytest
import yaml
from jsonschema import Draft202012Validator

from kquiz.decks import schema
from kquiz.decks.fastcheck import compile_schema
from tests.decks.helpers import BASIC, deck


def _good() -> dict:
    return yaml.safe_load(deck(BASIC.format(id="a")))


@pytest.mark.parametrize(
    "change",
    [
        lambda d: None,
        lambda d: d.update(kquiz=2),
        lambda d: d.update(kquiz=1.0),
        lambda d: d.update(kquiz=True),
        lambda d: d.pop("title"),
        lambda d: d.update(extra=1),
        lambda d: d.update({"x-mine": {"anything": [1]}}),
        lambda d: d.update(id="Bad Id"),
        lambda d: d["cards"][0].update(type="essay"),
        lambda d: d["cards"][0].update(type="truefalse"),
        lambda d: d["cards"][0].update(front=""),
        lambda d: d["cards"][0].update(tags=["a", "a"]),
        lambda d: d["cards"][0].update(source=[]),
        lambda d: d["cards"][0].update(source={"id": "s1"}),
        lambda d: d["cards"][0].update(source=[{"id": "s1"}, {"id": "s1", "section": "Intro"}]),
        lambda d: d["cards"][0].update(source={"id": "s1", "page": 3}),
        lambda d: d["sources"][0].update(url="ftp://x"),
        lambda d: d["sources"][0].update(url="https://example.org/a"),
        lambda d: d.update(language="pt-BR"),
        lambda d: d.update(language="portuguese!"),
    ],
)
def test_same_verdict_as_jsonschema(change) -> None:
    data = _good()
    change(data)
    assert compile_schema(schema())(data) == Draft202012Validator(schema()).is_valid(data)


def test_unsupported_keywords_are_refused() -> None:
    with pytest.raises(ValueError, match="does not support"):
        compile_schema({"type": "string", "format": "email"})
    with pytest.raises(ValueError, match="additionalProperties"):
        compile_schema({"type": "object", "additionalProperties": {"type": "string"}})
