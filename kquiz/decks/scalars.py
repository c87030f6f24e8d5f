"""Scalars: text, numbers, true/false and null, resolved the YAML 1.2 core way; explicit tags checked."""

from __future__ import annotations

import re
from typing import Any

import yaml

Pos = tuple[int, int]

MAX_STRING = 100_000  # characters in one text value
MAX_DIGITS = 4_000  # digits in one whole number (Python refuses to read more than 4,300)
_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _STD + t
    for t in (
        "str",
        "int",
        "float",
        "bool",
        "null",
        "map",
        "seq",
        "omap",
        "timestamp",
        "binary",
        "merge",
        "value",
    )
}


class YamlProblem(Exception):
    """A problem that stops reading: message plus 1-based position (or None)."""

    def __init__(self, message: str, pos: Pos | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.pos = pos
        self.hint = hint  # what to change, when kquiz can tell (kquiz/decks/yamladvice.py)


def _mark(event: Any) -> Pos:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def _scalar(parser: Any, event: Any) -> Any:
    tag = event.tag
    value = event.value
    if len(value) > MAX_STRING:
        raise YamlProblem(
            f"this text is too long ({len(value):,} characters; the limit is {MAX_STRING:,})",
            _mark(event),
        )
    if tag is None:
        if not event.implicit[0]:
            return value  # quoted or block text: always a string
        try:
            return _plain(value)
        except YamlProblem as problem:
            problem.pos = _mark(event)
            raise
    if tag == "!":
        return value  # the non-specific tag: text
    if tag not in _ALLOWED_TAGS:
        raise YamlProblem(
            f"the tag '{tag.replace(_STD, '!!')}' is not allowed in a deck "
            "(only plain YAML values: text, numbers, true/false, lists and mappings)",
            _mark(event),
        )
    if tag in (_STD + "str", _STD + "timestamp", _STD + "binary", _STD + "value"):
        return value
    if tag == _STD + "merge":
        return _MERGE
    node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark)
    try:
        return parser.construct_object(node)
    except Exception:  # PyYAML raises YAMLError, ValueError or KeyError for a bad explicit value
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise YamlProblem(f"'{shown}' is not a valid !!{tag.replace(_STD, '')} value", _mark(event)) from None


_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
# plain scalars that may be something other than text (everything else is text as written)
_RESERVED = frozenset(_NULLS) | frozenset(_BOOLS) | {"<<"}
_NUMERIC_START = frozenset("0123456789-+.")


def _plain(value: str) -> Any:
    """A plain scalar resolved by the YAML 1.2 core schema: 'yes', 'no', 'on', '1:20' stay text."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    first = value[0]
    if first.isdigit() or first in "-+.":
        if _INT.fullmatch(value):
            if len(value) > MAX_DIGITS:
                raise YamlProblem(
                    f"this number has {len(value):,} digits; a deck's numbers have at most {MAX_DIGITS:,}",
                    None,
                    "if it is text, put it in quotes",
                )
            return int(value)
        if value.startswith(("0x", "0o")) and len(value) > 2:
            try:
                return int(value, 0)
            except ValueError:
                return value
        if _FLOAT.fullmatch(value) and any(c.isdigit() for c in value):
            return float(value)
        if value.lower() in (".inf", "+.inf", "-.inf", ".nan"):
            return float(value.replace(".", ""))
    if value == "<<":
        return _MERGE
    return value


class _Merge:
    def __repr__(self) -> str:
        return "<<"


_MERGE = _Merge()
