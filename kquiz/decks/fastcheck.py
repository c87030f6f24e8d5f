"""A fast yes/no check of data against the deck schema (the same JSON Schema file).

jsonschema explains *why* data is invalid, but walking a 10,000-card deck with it takes seconds.
This compiles the subset of JSON Schema the deck schema uses into plain closures that only answer
"valid?"; the loader runs jsonschema just on the parts this rejects. An unsupported keyword is a
compile-time error, so the schema cannot quietly grow a rule this check ignores
(tests also compare both checkers on generated documents).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "$comment", "examples", "$defs"}
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    ),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0 but True != 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def json_key(value: Any) -> Any:
    """A hashable stand-in with JSON equality (1 == 1.0, True != 1, at every depth)."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if isinstance(value, list):
        return ("l", tuple(json_key(x) for x in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, json_key(v)) for k, v in value.items()))
    return ("s", value)


def all_unique(items: list[Any]) -> bool:
    """No two items of ``items`` are JSON-equal; linear (hashing), never pairwise."""
    if all(type(x) is str for x in items):  # tags: text equals only text
        return len(set(items)) == len(items)
    return len({json_key(x) for x in items}) == len(items)


class SchemaCompiler:
    def __init__(self, root: dict[str, Any]):
        self.root = root
        self.defs: dict[str, Check] = {}
        self.compiled: set[str] = set()

    def ref(self, pointer: str) -> Check:
        if not pointer.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {pointer!r}")
        name = pointer[len("#/$defs/") :]
        if name not in self.defs:
            self.defs[name] = lambda v: False  # placeholder for recursive references
            compiled = self.compile(self.root["$defs"][name])
            self.defs[name] = compiled
            self.compiled.add(name)
            return compiled
        if name in self.compiled:  # the check itself: one call less for every node it checks
            return self.defs[name]
        return lambda v: self.defs[name](v)  # a recursive reference, while its target is compiled

    def compile(self, schema: dict[str, Any]) -> Check:
        found: list[Check | None] = []
        unknown = set(schema) - _ANNOTATIONS - set(_KEYWORDS)
        if unknown:
            raise ValueError(f"fastcheck does not support the keywords {sorted(unknown)}")
        extra = schema.get("additionalProperties", False)
        if extra is not False and "additionalProperties" in schema:
            raise ValueError("fastcheck supports only 'additionalProperties: false'")
        for sub in schema.get("patternProperties", {}).values():
            if set(sub) - _ANNOTATIONS:
                raise ValueError("fastcheck supports patternProperties only with annotation-only values")
        if "additionalProperties" in schema and "properties" not in schema:
            schema = {**schema, "properties": {}}
        text = _text_check(schema)
        if text is not None:
            return text
        whole = _object_check(self, schema)
        if whole is not None:  # type, required and properties as one check; the other keywords after
            found.append(whole)
            schema = {k: v for k, v in schema.items() if k not in _OBJECT_KEYS}
        for key in _ORDER:
            if key in schema:
                found.append(_KEYWORDS[key](self, schema[key], schema))
        checks = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]

        def every(v: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a loop, not all(<generator>): runs for every node
                if not check(v):
                    return False
            return True

        return every


def _type(c: SchemaCompiler, value: Any, schema: dict[str, Any]) -> Check:
    if isinstance(value, list):  # "type": ["array", "null"]: any of them
        checks = [_TYPES[name] for name in value]
        return lambda v: any(check(v) for check in checks)
    return _TYPES[value]


def _properties(c: SchemaCompiler, props: dict[str, Any], schema: dict[str, Any]) -> Check:
    return _members(c, props, schema, frozenset(), not_an_object=True)


def _members(
    c: SchemaCompiler,
    props: dict[str, Any],
    schema: dict[str, Any],
    wanted: frozenset[str],
    *,
    not_an_object: bool,
) -> Check:
    """One check for an object's members: the ``required`` names (``wanted``), each known property's
    schema, and no other key unless ``patternProperties`` allows it (with ``additionalProperties:
    false``). A value that is not an object gives ``not_an_object``."""
    compiled = {k: c.compile(v) for k, v in props.items()}
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    closed = schema.get("additionalProperties", True) is False

    def check(v: Any) -> bool:
        if not isinstance(v, dict):
            return not_an_object
        if not v.keys() >= wanted:
            return False
        get = compiled.get
        for key, item in v.items():
            sub = get(key)
            if sub is not None:
                if not sub(item):
                    return False
            elif closed and not any(p.search(key) for p in patterns):
                return False
        return True

    return check


def _text_check(schema: dict[str, Any]) -> Check | None:
    """``{type: string, minLength, maxLength, pattern}`` (any of the last three) as one check."""
    if schema.get("type") != "string" or set(schema) - _ANNOTATIONS - {
        "type",
        "minLength",
        "maxLength",
        "pattern",
    }:
        return None
    low: int = schema.get("minLength", 0)
    high: int = schema.get("maxLength", 1 << 62)
    if "pattern" not in schema:
        return lambda v: isinstance(v, str) and low <= len(v) <= high
    search = re.compile(schema["pattern"]).search
    return lambda v: isinstance(v, str) and low <= len(v) <= high and search(v) is not None


_OBJECT_KEYS = {"type", "required", "properties", "additionalProperties", "patternProperties"}


def _object_check(c: SchemaCompiler, schema: dict[str, Any]) -> Check | None:
    """``{type: object, required, properties, additionalProperties: false, patternProperties}``
    as one check (the same verdict as each keyword's check in turn), or None for another schema."""
    if schema.get("type") != "object" or "properties" not in schema:
        return None
    wanted = frozenset(schema.get("required", ()))
    return _members(c, schema["properties"], schema, wanted, not_an_object=False)


def _required(c: SchemaCompiler, names: list[str], schema: dict[str, Any]) -> Check:
    wanted = frozenset(names)
    return lambda v: not isinstance(v, dict) or v.keys() >= wanted


def _items(c: SchemaCompiler, sub: dict[str, Any], schema: dict[str, Any]) -> Check:
    check = c.compile(sub)

    def items(v: Any) -> bool:
        if not isinstance(v, list):
            return True
        for x in v:  # noqa: SIM110 - a loop, not all(<generator>): runs for every item
            if not check(x):
                return False
        return True

    return items


def _min_items(c: SchemaCompiler, n: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, list) or len(v) >= n


def _unique(c: SchemaCompiler, on: bool, schema: dict[str, Any]) -> Check:
    def check(v: Any) -> bool:
        if not on or not isinstance(v, list):
            return True
        return all_unique(v)

    return check


def _min_length(c: SchemaCompiler, n: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) >= n


def _max_length(c: SchemaCompiler, n: int, schema: dict[str, Any]) -> Check:
    return lambda v: not isinstance(v, str) or len(v) <= n


def _pattern(c: SchemaCompiler, pattern: str, schema: dict[str, Any]) -> Check:
    search = re.compile(pattern).search
    return lambda v: not isinstance(v, str) or search(v) is not None


def _const(c: SchemaCompiler, value: Any, schema: dict[str, Any]) -> Check:
    return lambda v: _same(v, value)


def _enum(c: SchemaCompiler, values: list[Any], schema: dict[str, Any]) -> Check:
    if all(isinstance(x, str) for x in values):  # text equals only text: a set lookup
        texts = frozenset(values)
        return lambda v: isinstance(v, str) and v in texts
    return lambda v: any(_same(v, x) for x in values)


def _ref(c: SchemaCompiler, pointer: str, schema: dict[str, Any]) -> Check:
    return c.ref(pointer)


def _one_of(c: SchemaCompiler, subs: list[dict[str, Any]], schema: dict[str, Any]) -> Check:
    checks = [c.compile(s) for s in subs]

    def one(v: Any) -> bool:
        passed = 0
        for check in checks:
            if check(v):
                passed += 1
                if passed > 1:
                    return False
        return passed == 1

    return one


def _all_of(c: SchemaCompiler, subs: list[dict[str, Any]], schema: dict[str, Any]) -> Check:
    dispatch = _discriminator(c, subs)
    if dispatch is not None:
        return dispatch
    checks = [c.compile(s) for s in subs]
    return lambda v: all(ch(v) for ch in checks)


def _discriminator(c: SchemaCompiler, subs: list[dict[str, Any]]) -> Check | None:
    """``allOf`` of ``if {K: const C} (required K) then S`` branches, as one table lookup on v[K].

    Same verdict as evaluating every branch: for a mapping only the branch whose constant equals
    v[K] applies; for anything else every ``if`` holds vacuously, so every ``then`` must hold.
    """
    field: str | None = None
    table: dict[str, Check] = {}
    for sub in subs:
        cond = sub.get("if")
        if (
            set(sub) != {"if", "then"}
            or not isinstance(cond, dict)
            or set(cond) != {"properties", "required"}
        ):
            return None
        props = cond["properties"]
        if len(props) != 1 or cond["required"] != list(props):
            return None
        ((key, rule),) = props.items()
        if set(rule) != {"const"} or not isinstance(rule["const"], str) or field not in (None, key):
            return None
        field = key
        table[rule["const"]] = c.compile(sub["then"])
    thens = list(table.values())

    def check(v: Any) -> bool:
        if isinstance(v, dict):
            tag = v.get(field)
            branch = table.get(tag) if type(tag) is str else None
            return True if branch is None else branch(v)
        return all(then(v) for then in thens)

    return check


def _if(c: SchemaCompiler, sub: dict[str, Any], schema: dict[str, Any]) -> Check:
    cond = c.compile(sub)
    then = c.compile(schema["then"]) if "then" in schema else (lambda v: True)
    other = c.compile(schema["else"]) if "else" in schema else (lambda v: True)
    return lambda v: then(v) if cond(v) else other(v)


def _handled_elsewhere(c: SchemaCompiler, value: Any, schema: dict[str, Any]) -> None:
    return None


_KEYWORDS: dict[str, Callable[..., Check | None]] = {
    "type": _type,
    "const": _const,
    "enum": _enum,
    "required": _required,
    "properties": _properties,
    "additionalProperties": _handled_elsewhere,
    "patternProperties": _handled_elsewhere,
    "items": _items,
    "minItems": _min_items,
    "uniqueItems": _unique,
    "minLength": _min_length,
    "maxLength": _max_length,
    "pattern": _pattern,
    "$ref": _ref,
    "oneOf": _one_of,
    "allOf": _all_of,
    "if": _if,
    "then": _handled_elsewhere,
    "else": _handled_elsewhere,
}
_ORDER = list(_KEYWORDS)


def compile_schema(root: dict[str, Any], pointer: str | None = None) -> Check:
    """A yes/no checker for ``root`` (or for one of its ``#/$defs/...`` when ``pointer`` is given)."""
    compiler = SchemaCompiler(root)
    return compiler.ref(pointer) if pointer else compiler.compile(root)
