"""Read YAML safely into plain Python data plus a map of where every node sits.

The document is built from libyaml's *event* stream (``CSafeLoader`` parser) rather than
PyYAML's composer, so every limit is checked while reading, before anything can blow up:
nesting depth, alias expansion (a "billion laughs" file is refused at its first big alias),
recursive aliases, string length, duplicate keys, a second document, non-standard tags.
Only JSON-like values come out: dict (str keys), list, str, int, float, bool, None.

Positions are 1-based ``(line, column)``, looked up by a path such as ``("cards", 3, "front")``
(``Document.pos``); ``Document.key_pos`` gives where a mapping key itself is written (for
"unknown field" messages). They are stored compactly per list/mapping, not per path
(``Document`` is in kquiz/decks/yamldoc.py; importable from here too).
"""

from __future__ import annotations

import warnings
from array import array
from collections.abc import Callable
from sys import intern
from typing import Any

import yaml

from kquiz.decks.scalars import (
    _MERGE,
    _NUMERIC_START,
    _RESERVED,
    _STD,
    MAX_STRING,
    Pos,
    YamlProblem,
    _mark,
    _plain,
    _scalar,
)
from kquiz.decks.yamladvice import advise_line, syntax_problem
from kquiz.decks.yamldoc import _LOW, Document, _dec, _enc, _key_text, _text_size
from kquiz.decks.yamlskim import skim_items, unread_items

try:
    from yaml import CSafeLoader as _Parser

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    # the stubs declare CSafeLoader always present and unrelated to SafeLoader: one alias for both
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

    HAVE_LIBYAML = False
    warnings.warn(
        "PyYAML was built without libyaml: decks load with the slow pure-Python parser",
        RuntimeWarning,
        stacklevel=2,
    )

MAX_DEPTH = 32
MAX_ALIAS_NODES = 100_000  # nodes that aliases may add, in total, to one document
MAX_ALIAS_CHARS = 10_000_000  # characters of text that aliases may add, in total, to one document
MAX_KEPT = 1_000  # duplicate keys and stray anchors kept for problems (the rest are only counted)
_KEY_NOT_TEXT = "a mapping key must be plain text, not a list or mapping"
_TOO_DEEP = f"the document is nested too deep (more than {MAX_DEPTH} levels of lists/mappings)"


class _Frame:
    __slots__ = ("anchor", "child", "first", "key", "key_pos", "merges", "pos", "size", "value")

    def __init__(self, value: Any, pos: int, anchor: str | None):
        self.value = value
        self.pos = pos
        self.anchor = anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_pos = pos
        self.first: dict[str, int] = {}  # key -> where it is first written | where its value is << 64
        # item -> where it is (8 bytes each: a deck may have a million)
        self.child: Any = array("Q") if isinstance(value, list) else None
        self.merges: list[tuple[Any, int]] = []


_NO_KEY = object()


class _Stop(Exception):
    """Reading ends early: the rest of the text is only items of the watched list (not read)."""


# called with the top-level mapping read so far and each finished item of its 'cards' list: True when
# the cards read so far show enough problems; the rest of the list is then passed over (yamlskim.py)
Gate = Callable[[dict[str, Any], Any], bool]


def read_yaml(text: str, gate: Gate | None = None) -> Document:
    """Parse one YAML document. Raises ``YamlProblem`` for anything that stops reading."""
    parser = _Parser(text)
    try:
        doc = _build(parser, gate, text)
        doc.source = text
        return doc
    except YamlProblem as problem:
        better = advise_line(text, problem.pos) if problem.pos is not None else None
        if better is not None and problem.message == _KEY_NOT_TEXT:
            raise better from None
        if better is not None and problem.message.startswith("the tag '!") and problem.hint is None:
            problem.hint = f"if this is text, {better.hint}"  # a local tag: most likely text with a '!'
        raise
    except yaml.MarkedYAMLError as exc:
        if _is_parser_depth_limit(exc):
            raise _depth_problem(text, exc) from None
        raise syntax_problem(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML error: {exc}") from None
    finally:
        parser.dispose()


def _is_parser_depth_limit(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml (the 0.2.5 builds in PyYAML 6.0.2+) refuses nesting past ~1000 levels on its own.

    Its scanner reads flow brackets ahead of the events, so on ``[[[[...`` it can refuse the file
    before kquiz has seen level ``MAX_DEPTH``; the author should get kquiz's own message anyway.
    """
    return "maximum nesting depth" in (exc.problem or "")


def _depth_problem(text: str, exc: yaml.MarkedYAMLError) -> YamlProblem:
    """kquiz's nesting-limit problem, placed where level ``MAX_DEPTH + 1`` opens.

    Reading only the text before the place where libyaml stopped keeps its own limit out of the
    way, so the event-level check in ``_build`` finds the first level that is too deep.
    """
    mark = exc.problem_mark
    fallback = YamlProblem(_TOO_DEEP, (mark.line + 1, mark.column + 1) if mark is not None else None)
    lines = text.split("\n", mark.line + 1) if mark is not None else []
    if mark is None or len(lines) <= mark.line:
        return fallback
    prefix = "".join(line + "\n" for line in lines[: mark.line]) + lines[mark.line][: mark.column]
    parser = _Parser(prefix)
    try:
        _build(parser)
    except YamlProblem as problem:
        if problem.message == _TOO_DEEP:
            return problem
    except yaml.YAMLError:
        pass
    finally:
        parser.dispose()
    return fallback


def _build(parser: Any, gate: Gate | None = None, text: str = "") -> Document:
    doc = Document(data=None)
    spans = doc.spans
    stack: list[_Frame] = []
    watched: _Frame | None = None  # the top-level 'cards' list, when there is a gate
    skipped_anchors: set[str] = set()  # written inside items passed over: their values are unknown
    root_block = plain_tail = False  # a block mapping at column 0; and the watched list in block style
    anchors: dict[str, tuple[Any, int]] = {}
    chars: dict[str, int] = {}  # anchor -> characters of text in its node (counted at its first alias)
    text_anchors: dict[str, Pos] = {}  # '&name' put on a text and not (yet) used by an alias
    open_anchors: set[str] = set()
    alias_budget = MAX_ALIAS_NODES
    char_budget = MAX_ALIAS_CHARS
    documents = 0
    root_done = False

    def attach(value: Any, pos: int, size: int, is_scalar: bool) -> None:
        """Put a finished node into the open container (as an item, a key, or a key's value)."""
        nonlocal root_done
        if not stack:
            doc.data = value
            doc.root_pos = pos
            root_done = True
            return
        top = stack[-1]
        top.size += size
        if type(top.value) is list:
            top.child.append(pos)
            top.value.append(value)
            if top is watched and gate is not None and gate(stack[0].value, value):
                skip_rest()
            return
        if top.key is _NO_KEY:  # this node is a key
            if value is _MERGE:
                top.key = _MERGE
            elif not is_scalar or isinstance(value, float):
                raise YamlProblem(_KEY_NOT_TEXT, _dec(pos))
            else:
                key = value if isinstance(value, str) else _key_text(value)
                first = top.first.get(key)
                if first is not None:
                    if len(doc.duplicates) < MAX_KEPT:
                        doc.duplicates.append((key, _dec(pos), _dec(first & _LOW)))
                    else:
                        doc.more += 1
                else:
                    top.first[key] = pos
                top.key = key
                top.key_pos = pos
            return
        if top.key is _MERGE:
            top.merges.append((value, pos))
        elif top.first.get(top.key) == top.key_pos:  # not a duplicate: the first value is kept
            top.value[top.key] = value
            top.first[top.key] = top.key_pos | (pos << 64)
        top.key = _NO_KEY

    def close(frame: _Frame) -> None:
        if frame.merges:
            _apply_merges(frame)
        if frame.anchor:
            open_anchors.discard(frame.anchor)
            anchors[frame.anchor] = (frame.value, frame.size)
            chars.pop(frame.anchor, None)
        attach(frame.value, frame.pos, frame.size, False)

    def expand(event: Any) -> tuple[Any, int, int]:
        """An alias's value, node count and position, charged to the alias budgets."""
        nonlocal alias_budget, char_budget
        pos = _enc(event.start_mark.line, event.start_mark.column)
        if event.anchor in open_anchors:
            raise YamlProblem(
                f"the alias '*{event.anchor}' refers to a node that contains it (recursive alias)",
                _dec(pos),
            )
        if event.anchor in skipped_anchors and event.anchor not in anchors:
            raise YamlProblem(
                f"the alias '*{event.anchor}' refers to a card kquiz did not read: it stops reading "
                "the cards once they show too many problems",
                _dec(pos),
                f"fix the problems in the cards first, or write '*{event.anchor}' out here",
            )
        if event.anchor not in anchors:
            raise YamlProblem(
                f"the alias '*{event.anchor}' has no matching anchor '&{event.anchor}' before it",
                _dec(pos),
            )
        text_anchors.pop(event.anchor, None)
        value, size = anchors[event.anchor]
        alias_budget -= size
        if alias_budget < 0:
            raise YamlProblem(
                f"aliases expand to too many nodes (more than {MAX_ALIAS_NODES:,}); "
                "this looks like an alias bomb",
                _dec(pos),
            )
        if event.anchor not in chars:
            chars[event.anchor] = _text_size(value)
        char_budget -= chars[event.anchor]
        if char_budget < 0:
            raise YamlProblem(
                f"aliases expand to too much text (more than {MAX_ALIAS_CHARS:,} characters in all)",
                _dec(pos),
                f"write the text once, or in fewer places; each '*{event.anchor}' copies "
                f"{chars[event.anchor]:,} characters",
            )
        return value, size, pos

    def skip_rest() -> None:
        """Pass over the rest of the watched list, then close it; when nothing but its items follows
        in the text, stop reading there (``_Stop``)."""
        nonlocal watched
        watched = None
        mark = parser.peek_event().start_mark
        dash = (stack[-1].pos & 0xFFFFFFFF) - 1  # a block list starts at its first '-'
        items = unread_items(text, mark.index - mark.column, dash) if plain_tail else None
        if items:
            doc.skipped, doc.skipped_line, doc.unread = items, mark.line + 1, True
            close(stack.pop())  # the list, then the top-level mapping: nothing of it is written after
            close(stack.pop())
            raise _Stop
        items, doc.skipped_line, inside = skim_items(parser, len(stack), MAX_DEPTH, _TOO_DEEP, expand)
        doc.skipped = items
        for name in inside:
            anchors.pop(name, None)
            text_anchors.pop(name, None)
            skipped_anchors.add(name)
        close(stack.pop())

    get_event = parser.get_event
    scalar_event = yaml.ScalarEvent
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                pos = ((mark.line + 1) << 32) | (mark.column + 1)
                value = event.value
                length = len(value)
                if length <= 32:  # keys, types, topic ids repeat on every card: one copy of each
                    value = intern(value)
                if event.tag is not None or length > MAX_STRING:
                    value = _scalar(parser, event)
                elif event.implicit[0] and (value in _RESERVED or value[:1] in _NUMERIC_START):
                    try:
                        value = _plain(value)  # plain text that may be null, a boolean, a number or '<<'
                    except YamlProblem as problem:
                        problem.pos = _dec(pos)
                        raise
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
                    chars.pop(event.anchor, None)
                    if isinstance(value, str):
                        text_anchors[event.anchor] = _dec(pos)
                if stack:
                    top = stack[-1]
                    key = top.key  # always _NO_KEY in a list
                    if key is not _NO_KEY:
                        if key is not _MERGE and top.first[key] == top.key_pos:  # fast path: a key's value
                            top.size += 1
                            top.value[key] = value
                            top.first[key] = top.key_pos | (pos << 64)
                            top.key = _NO_KEY
                            continue
                    elif top.child is None:
                        if type(value) is str and value not in top.first:  # fast path: a key
                            top.size += 1
                            top.first[value] = pos
                            top.key = value
                            top.key_pos = pos
                            continue
                    elif top is not watched:  # fast path: an item of a list
                        top.size += 1
                        top.child.append(pos)
                        top.value.append(value)
                        continue
                attach(value, pos, 1, True)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                pos = _enc(event.start_mark.line, event.start_mark.column)
                if event.tag not in (None, "!", _STD + "map", _STD + "seq", _STD + "omap"):
                    raise YamlProblem(
                        f"the tag '{event.tag.replace(_STD, '!!')}' is not allowed in a deck", _dec(pos)
                    )
                if stack and type(stack[-1].value) is dict and stack[-1].key is _NO_KEY:
                    raise YamlProblem(_KEY_NOT_TEXT, _dec(pos))
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(_TOO_DEEP, _dec(pos))
                if not stack:
                    root_block = not event.flow_style and event.start_mark.column == 0
                frame = _Frame({} if kind is yaml.MappingStartEvent else [], pos, event.anchor)
                spans[id(frame.value)] = (pos, frame.child, frame.first)
                if (
                    gate is not None
                    and len(stack) == 1
                    and stack[0].key == "cards"
                    and frame.child is not None
                ):
                    watched = frame
                    plain_tail = root_block and not event.flow_style
                if event.anchor:
                    open_anchors.add(event.anchor)
                stack.append(frame)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                close(stack.pop())
            elif kind is yaml.AliasEvent:
                value, size, pos = expand(event)
                attach(value, pos, size, not isinstance(value, (list, dict)))
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "a deck file holds one YAML document, but a second one starts here",
                        _mark(event),
                        "delete this '---' line (or move what follows into a deck file of its own)",
                    )
            elif kind is yaml.StreamEndEvent:
                break
    except _Stop:
        pass
    if not root_done:
        raise YamlProblem("the file is empty: a deck needs at least 'kquiz: 1', an id, a title and cards")
    doc.stray_anchors = list(text_anchors.items())[:MAX_KEPT]
    doc.more += max(0, len(text_anchors) - MAX_KEPT)
    return doc


def _apply_merges(frame: _Frame) -> None:
    for value, packed in frame.merges:
        pos = _dec(packed)
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise YamlProblem("a merge key '<<' needs a mapping (or a list of mappings)", pos)
            for key, item in source.items():
                frame.value.setdefault(key, item)  # keys written in the mapping itself win
