"""Validate a deck against the shipped JSON Schema and say what is wrong in plain words."""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kquiz.decks.fastcheck import Check, all_unique, compile_schema
from kquiz.decks.yamlread import Document, Pos

if TYPE_CHECKING:  # jsonschema is imported only when a deck has a problem to explain
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_PATH = Path(__file__).resolve().parent / "deck.schema.json"

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "empty",
}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The deck-format JSON Schema (draft 2020-12), the single source of truth for structure."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


MAX_FOUND = 200  # schema problems explained per deck; past it rejected cards are only counted


def _unique_items(validator: Any, on: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """jsonschema's uniqueItems, linear: its own falls back to comparing every pair of mappings."""
    from jsonschema.exceptions import ValidationError

    if on and isinstance(instance, list) and not all_unique(instance):
        yield ValidationError(f"{instance!r:.200} has non-unique elements")


def _validator_for(root: dict[str, Any]) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, validators

    cls = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})
    return cls(root)


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return _validator_for(schema())


def describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def label(data: Any, path: tuple[Any, ...]) -> str:
    """``card 'm1': `` style prefix naming the card, topic or source a path is inside."""
    if len(path) >= 2 and path[0] in ("cards", "topics", "sources") and isinstance(path[1], int):
        kind = {"cards": "card", "topics": "topic", "sources": "source"}[path[0]]
        try:
            item_id = data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            item_id = None
        if isinstance(item_id, (str, int)) and not isinstance(item_id, bool):
            return f"{kind} '{item_id}': "
        return f"{kind} #{path[1] + 1}: "
    return ""


def card_id_at(data: Any, path: tuple[Any, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "cards" and isinstance(path[1], int):
        try:
            value = data["cards"][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            return None
        return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    return None


def _field(path: tuple[Any, ...]) -> str:
    """How to name the place ``path`` points at: 'front', item 2 of 'answers', 'text' of item 2 of 'choices'."""
    for i in range(len(path) - 1, -1, -1):
        if isinstance(path[i], str):
            tail = [p for p in path[i + 1 :] if isinstance(p, int)]
            if tail:
                return f"item {tail[0] + 1} of '{path[i]}'"
            if i >= 3 and isinstance(path[i - 1], int) and isinstance(path[i - 2], str):
                return f"'{path[i]}' of item {path[i - 1] + 1} of '{path[i - 2]}'"
            return f"'{path[i]}'"
    return "the deck"


@lru_cache(maxsize=1)
def _card_validator() -> Draft202012Validator:
    return _validator_for({"$defs": schema()["$defs"], "$ref": "#/$defs/card"})


@lru_cache(maxsize=1)
def _fast() -> tuple[Check, Check]:
    return compile_schema(schema()), compile_schema(schema(), "#/$defs/card")


@lru_cache(maxsize=1)
def _fast_topic() -> Check:
    return compile_schema(schema(), "#/$defs/topic")


_BATCH = 64


class CardGate:
    """The loader's gate for ``read_yaml``: True once ``limit`` cards are sure to have a problem
    (against the schema, or citing a topic missing from a valid ``topics`` list read before them).

    Each such card yields at least one problem, so the first ``limit`` problems in file order are
    all among the cards read so far; the rest of the list need not be built or checked. It counts
    the cards it saw (``checked``) and those with a problem (``bad``): when every card of the deck
    passed, ``schema_problems`` need not check them again. Cards are checked in batches of
    ``_BATCH`` (a quarter faster than one by one between the parser's events), one by one once a
    card has a problem (so reading stops right at the ``limit``-th); ``finish`` checks the last
    batch once reading ends.
    """

    def __init__(self, limit: int = MAX_FOUND):
        self.limit = limit
        self.checked = self.bad = 0
        self.fast_card = _fast()[1]
        self.fast_topic = _fast_topic()
        self.topics: Any = None  # the topics value last looked at, and its ids (None: not checked)
        self.ids: set[Any] | None = None
        self.pending: list[Any] = []

    def _topic_ids(self, root: dict[str, Any]) -> set[Any] | None:
        topics = root.get("topics")
        if topics is not self.topics:
            check = self.fast_topic
            valid = isinstance(topics, list) and all(type(t) is dict and check(t) for t in topics)
            self.topics = topics
            self.ids = {t["id"] for t in topics} if valid and isinstance(topics, list) else None
        return self.ids

    def __call__(self, root: dict[str, Any], card: Any) -> bool:
        self.pending.append(card)
        return (self.bad > 0 or len(self.pending) >= _BATCH) and self.finish(root)

    def finish(self, root: Any) -> bool:
        """Check the cards not checked yet; True once ``limit`` cards have a problem."""
        cards, self.pending = self.pending, []
        fast_card = self.fast_card
        ids = self._topic_ids(root) if isinstance(root, dict) else None
        for card in cards:
            if (
                type(card) is not dict
                or not fast_card(card)
                or (ids is not None and card.get("topic") not in ids)
            ):
                self.bad += 1
        self.checked += len(cards)
        return self.bad >= self.limit


def schema_problems(
    doc: Document, limit: int = MAX_FOUND, gate: CardGate | None = None
) -> tuple[list[tuple[str, Pos | None, tuple[Any, ...]]], int]:
    """``(message, position, path)`` for the schema violations, deduplicated, in file order, and
    how many more there are at least (past ``limit``, a rejected card counts one, unexplained).

    A fast yes/no check runs first; jsonschema (slow, precise) only explains what it rejects:
    the deck without its cards, then each rejected card on its own, until ``limit`` problems.
    """
    data = doc.data
    fast_deck, fast_card = _fast()
    cards = data.get("cards") if isinstance(data, dict) else None
    read = gate is not None and gate.bad == 0 and isinstance(cards, list) and gate.checked == len(cards)
    if read and fast_deck({**data, "cards": []}):
        return [], 0  # every card passed the same check while it was read
    if fast_deck(data):
        return [], 0
    seen: set[tuple[tuple[Any, ...], str]] = set()
    found: list[tuple[str, Pos | None, tuple[Any, ...]]] = []
    more = 0

    def explain(base: tuple[Any, ...], errors: Iterator[ValidationError]) -> None:
        nonlocal more
        for error in itertools.islice(errors, limit + 1):  # one past the limit: 'more' is known
            for message, pos, path in _explain(doc, error, base):
                if (path, message) in seen:  # e.g. a card that is text fails every card type alike
                    continue
                if len(found) >= limit:  # e.g. a mapping of a million unknown fields: counted as one
                    more += 1
                    return
                seen.add((path, message))
                found.append((message, pos, path))

    cards = data.get("cards") if isinstance(data, dict) else None
    if isinstance(cards, list):
        explain((), _validator().iter_errors({**data, "cards": []}))
        for i, card in enumerate(cards):
            if len(found) >= limit:  # only counted now: a card that is not a mapping needs no check
                more += type(card) is not dict or not fast_card(card)
                continue
            if fast_card(card):
                continue
            explain(("cards", i), _card_validator().iter_errors(card))
    else:
        explain((), _validator().iter_errors(data))
    found.sort(key=lambda item: item[1] or (0, 0))
    return found[:limit], more + len(found[limit:])


def _explain(
    doc: Document, error: ValidationError, base: tuple[Any, ...] = ()
) -> Iterator[tuple[str, Pos | None, tuple[Any, ...]]]:
    path = base + tuple(error.absolute_path)
    prefix = label(doc.data, path)
    field = _field(path)
    kind = error.validator
    value = error.instance
    if kind == "additionalProperties" and isinstance(value, dict):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = list(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        for key in value:
            if key in allowed or any(re.search(p, str(key)) for p in patterns):
                continue
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            more = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed here: {', '.join(allowed)})"
            yield prefix + f"unknown field '{key}'{more}", doc.key_pos(path + (key,)), path + (key,)
        return
    if kind == "oneOf":
        if path and path[-1] == "source" and not isinstance(value, (dict, list)):
            yield (
                prefix + "'source' must be a citation like {id: s1, section: ...} or a list of them",
                doc.pos(path),
                path,
            )
            return
        # explain the alternative that fits the value's kind (a mapping vs a list), all of its errors
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0] if sub.schema_path else None, []).append(sub)
        fitting = [
            errs
            for errs in branches.values()
            if not any(e.validator == "type" and not e.relative_path for e in errs)
        ]
        if len(fitting) == 1:
            for sub in fitting[0]:
                yield from _explain(doc, sub, base)
            return
        from jsonschema.exceptions import best_match

        inner = best_match(error.context) if error.context else None
        if inner is not None:
            yield from _explain(doc, inner, base)
            return
    yield prefix + _message(error, field, path, value, doc), doc.pos(path), path


def _message(error: ValidationError, field: str, path: tuple[Any, ...], value: Any, doc: Document) -> str:
    kind = error.validator
    expected: Any = error.validator_value  # the keyword's value in the schema: any JSON value
    if kind == "required":
        match = re.match(r"'(.+)' is a required property", error.message)
        missing = match.group(1) if match else error.message
        card_type = value.get("type") if isinstance(value, dict) and len(path) == 2 else None
        if isinstance(card_type, str) and path[0] == "cards":
            return f"a {card_type} card needs '{missing}'"
        return f"missing required field '{missing}'"
    if kind == "type":
        # a list of types other than null (null is allowed only for a field still being written)
        names = [t for t in expected if t != "null"] if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(name, str(name)) for name in names)
        hint = " (put it in quotes)" if expected == "string" and isinstance(value, (int, float)) else ""
        return f"{field} must be {words}, not {describe(value)}{hint}"
    if kind == "const" and path == ("kquiz",):
        return (
            f"this file says 'kquiz: {value}', but this kquiz reads deck format version 1; write 'kquiz: 1'"
        )
    if kind == "enum":
        if path and path[-1] == "type":
            return f"unknown card type '{value}' (use one of: {', '.join(expected)})"
        return f"{field} must be one of: {', '.join(map(str, expected))} (it is '{value}')"
    if kind == "pattern":
        return _pattern_message(field, expected, value)
    if kind == "minLength":
        return f"{field} must not be empty"
    if kind == "maxLength":
        return f"{field} is too long (at most {expected} characters)"
    if kind == "minItems":
        if path and path[-1] == "choices":
            return f"a choice card needs at least {expected} choices (it has {len(value)})"
        return f"{field} needs at least {expected} item{'s' if expected != 1 else ''}"
    if kind == "uniqueItems":
        return f"{field} lists the same entry twice"
    return error.message


def _pattern_message(field: str, pattern: str, value: Any) -> str:
    if pattern.startswith("^[a-z0-9]+"):
        return f"{field} must be lowercase letters, digits and single dashes, like 'ketamine-risks' (it is '{value}')"
    if pattern.startswith("^[A-Za-z0-9][A-Za-z0-9_.-]"):
        return f"{field} may use only letters, digits, '.', '_' and '-', starting with a letter or digit (it is '{value}')"
    if pattern.startswith("^https?"):
        return f"{field} must be a web address starting with http:// or https:// (it is '{value}')"
    if pattern.startswith("^[A-Za-z]{2,3}"):
        return f"{field} must be a language code like 'en' or 'pt-BR' (it is '{value}')"
    if pattern.startswith("^[^\\s,]"):
        return f"{field}: a tag is one word, without spaces or commas (it is '{value}')"
    return f"{field} does not match the pattern {pattern} (it is '{value}')"
