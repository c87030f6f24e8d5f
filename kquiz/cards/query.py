"""The card query language (close to Anki's search): text → a syntax tree → a predicate on card rows.

    query  := any ( "or" any )*          any := unary+ ("and" between terms is allowed, and implied)
    unary  := "-" unary | "(" query ")" | term
    term   := word | "exact phrase" | key:value | key:"quoted value" | prop:NAME OP NUMBER

A bad query raises ``QueryError`` with the 1-based column of the offending text. See docs/browser.md.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter

from kquiz.cards.rows import CardRow
from kquiz.domain import CardKey, CardType
from kquiz.errors import KQuizError

Predicate = Callable[[CardRow], bool]

IS_VALUES = (
    "new",
    "learning",
    "relearning",
    "review",
    "due",
    "suspended",
    "buried",
    "flagged",
    "leech",
    "changed",
)
PROPS = ("lapses", "reviews", "interval", "due", "stability", "difficulty", "recall")
TEXT_KEYS = ("deck", "topic", "tag", "card")
DAY_KEYS = ("added", "answered")
KEYS = (*TEXT_KEYS, "type", "is", "prop", *DAY_KEYS)
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "=": lambda a, b: a == b,
}
_PROP = re.compile(r"^([a-z]+)(<=|>=|!=|<|>|=)(-?\d+(?:\.\d+)?)$")


class QueryError(KQuizError):
    """A query that does not parse; ``position`` is the 1-based column of the offending text."""

    def __init__(self, message: str, position: int):
        super().__init__(f"{message} (at column {position})")
        self.message, self.position = message, position


# ---- syntax tree -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Text:
    words: str  # lower-cased; a phrase keeps its spaces


@dataclass(frozen=True, slots=True)
class Field:
    key: str  # deck, topic, tag, card, type, is
    value: str


@dataclass(frozen=True, slots=True)
class Prop:
    name: str
    op: str
    number: float


@dataclass(frozen=True, slots=True)
class Days:
    key: str  # added / answered
    days: int


@dataclass(frozen=True, slots=True)
class Not:
    node: Node


@dataclass(frozen=True, slots=True)
class And:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    nodes: tuple[Node, ...]


Node = Text | Field | Prop | Days | Not | And | Or


# ---- tokens ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "(", ")", "-", "word", "phrase"
    text: str
    pos: int  # 1-based


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Tok(c, c, i + 1))
            i += 1
        elif c == "-" and (i + 1 < n and not text[i + 1].isspace()):
            out.append(_Tok("-", c, i + 1))
            i += 1
        elif c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError('This quote is never closed: add a closing "', i + 1)
            out.append(_Tok("phrase", text[i + 1 : end], i + 1))
            i = end + 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in "()":
                if text[i] == '"':  # key:"quoted value"
                    end = text.find('"', i + 1)
                    if end < 0:
                        raise QueryError('This quote is never closed: add a closing "', i + 1)
                    i = end + 1
                else:
                    i += 1
            out.append(_Tok("word", text[start:i], start + 1))
    return out


# ---- parser ------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0
        self.end = len(text) + 1

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def parse(self) -> Node:
        if not self.toks:
            return And(())
        node = self.any_of()
        tok = self.peek()
        if tok is not None:  # only a stray ")" stops any_of early
            raise QueryError("This ')' has no '(' before it", tok.pos)
        return node

    def any_of(self) -> Node:
        parts = [self.all_of()]
        while (tok := self.peek()) is not None and tok.kind == "word" and tok.text.lower() == "or":
            self.i += 1
            if self.peek() is None or self.peek().kind == ")":  # type: ignore[union-attr]
                raise QueryError("'or' needs a search term after it", tok.pos)
            parts.append(self.all_of())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def all_of(self) -> Node:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            low = tok.text.lower() if tok.kind == "word" else ""
            if low == "or":
                if not parts:
                    raise QueryError("'or' needs a search term before it", tok.pos)
                break
            if low == "and":
                if not parts:
                    raise QueryError("'and' needs a search term before it", tok.pos)
                self.i += 1
                nxt = self.peek()
                if nxt is None or nxt.kind == ")" or (nxt.kind == "word" and nxt.text.lower() == "or"):
                    raise QueryError("'and' needs a search term after it", tok.pos)
                continue
            parts.append(self.unary())
        if not parts:
            tok = self.peek()
            raise QueryError("Empty parentheses: put a search term inside", tok.pos if tok else self.end)
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def unary(self) -> Node:
        tok = self.toks[self.i]
        self.i += 1
        if tok.kind == "-":
            nxt = self.peek()
            if nxt is None or nxt.kind == ")":
                raise QueryError("'-' needs a search term right after it", tok.pos)
            return Not(self.unary())
        if tok.kind == "(":
            node = self.any_of()
            close = self.peek()
            if close is None:
                raise QueryError("This '(' is never closed: add a ')'", tok.pos)
            self.i += 1
            return node
        if tok.kind == "phrase":
            if not tok.text.strip():
                raise QueryError("Empty quotes: put a phrase inside", tok.pos)
            return Text(tok.text.lower())
        return _term(tok)


def _unquote(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def _term(tok: _Tok) -> Node:
    key, colon, value = tok.text.partition(":")
    if not colon or key.startswith('"'):
        return Text(tok.text.lower())
    key, value = key.lower(), _unquote(value)
    vpos = tok.pos + len(key) + 1
    if key not in KEYS:
        raise QueryError(f"Unknown search key '{key}:'. Known keys: {', '.join(KEYS)}", tok.pos)
    if not value:
        raise QueryError(f"'{key}:' needs a value after the colon", vpos)
    if key in TEXT_KEYS:
        return Field(key, value.lower())
    if key == "type":
        if value.lower() not in {t.value for t in CardType}:
            kinds = ", ".join(t.value for t in CardType)
            raise QueryError(f"Unknown card type '{value}'. Types: {kinds}", vpos)
        return Field("type", value.lower())
    if key == "is":
        if value.lower() not in IS_VALUES:
            raise QueryError(f"Unknown 'is:{value}'. Use one of: {', '.join(IS_VALUES)}", vpos)
        return Field("is", value.lower())
    if key == "prop":
        match = _PROP.match(value.lower())
        if match is None:
            raise QueryError("Write a property as prop:NAME<OP>NUMBER, e.g. prop:lapses>3", vpos)
        if match.group(1) not in PROPS:
            raise QueryError(f"Unknown property '{match.group(1)}'. Properties: {', '.join(PROPS)}", vpos)
        return Prop(match.group(1), match.group(2), float(match.group(3)))
    if not value.isdigit() or not 1 <= int(value) <= 36500:
        raise QueryError(f"'{key}:' needs a number of days from 1 up, e.g. {key}:7", vpos)
    return Days(key, int(value))


def parse(text: str) -> Node:
    """The syntax tree of ``text`` (an empty query matches every card); QueryError if it is malformed."""
    return _Parser(text).parse()


def day_terms(node: Node) -> set[tuple[str, int]]:
    """The (added|answered, days) terms of a tree: the review-log look-ups a query needs."""
    if isinstance(node, Days):
        return {(node.key, node.days)}
    if isinstance(node, Not):
        return day_terms(node.node)
    if isinstance(node, And | Or):
        return set().union(*(day_terms(n) for n in node.nodes))
    return set()


# ---- predicates --------------------------------------------------------------------------------
def _glob(pattern: str) -> Callable[[str], bool]:
    if "*" in pattern or "?" in pattern:
        rx = re.compile(fnmatch.translate(pattern), re.IGNORECASE)
        return lambda s: rx.match(s) is not None
    return lambda s: s.lower() == pattern


def _is(value: str) -> Predicate:
    if value == "learning":
        return lambda r: r.state in ("learning", "relearning")
    if value in ("new", "review", "relearning"):
        return lambda r: r.state == value
    if value == "due":
        return lambda r: r.due_days is not None and r.due_days <= 0 and r.state != "new"
    return attrgetter(value)  # a bool field


def _prop(node: Prop) -> Predicate:
    op, number, name = _OPS[node.op], node.number, node.name
    attr = {"due": "due_days", "interval": "interval_days", "stability": "stability_days"}.get(name, name)
    if name == "recall" and number > 1:
        number /= 100  # prop:recall<90 means 90 %

    get = attrgetter(attr)

    def test(row: CardRow) -> bool:
        value = get(row)
        return value is not None and op(value, number)

    return test


def compile_query(node: Node, day_sets: Mapping[tuple[str, int], frozenset[CardKey]]) -> Predicate:
    """A predicate for ``node``; ``day_sets`` holds the cards of each (added|answered, days) term."""
    if isinstance(node, Text):
        words = node.words
        return lambda r: words in r.text
    if isinstance(node, Field):
        if node.key == "type":
            kind = node.value
            return lambda r: r.card.type == kind  # a StrEnum: equal to its value
        if node.key == "is":
            return _is(node.value)
        match = _glob(node.value)
        if node.key == "tag":
            return lambda r: any(match(t) for t in r.tags)
        attr = {"deck": "deck_id", "topic": "topic", "card": "card_id"}[node.key]
        return lambda r: match(getattr(r, attr))
    if isinstance(node, Prop):
        return _prop(node)
    if isinstance(node, Days):
        keys = day_sets.get((node.key, node.days), frozenset())
        ids = {k.card_id for k in keys}  # a str's hash is cached: most rows are ruled out by it alone
        return lambda r: r.key.card_id in ids and r.key in keys
    if isinstance(node, Not):
        inner = compile_query(node.node, day_sets)
        return lambda r: not inner(r)
    parts = [compile_query(n, day_sets) for n in node.nodes]
    return _either(parts) if isinstance(node, Or) else _both(parts)


def _both(parts: list[Predicate]) -> Predicate:
    """``all`` of the parts as nested closures: no generator per row (a search tests 100,000 rows)."""
    if len(parts) <= 1:
        return parts[0] if parts else lambda r: True  # the empty query: every card
    first, rest = parts[0], _both(parts[1:])
    return lambda r: first(r) and rest(r)


def _either(parts: list[Predicate]) -> Predicate:
    if len(parts) <= 1:
        return parts[0] if parts else lambda r: False
    first, rest = parts[0], _either(parts[1:])
    return lambda r: first(r) or rest(r)
