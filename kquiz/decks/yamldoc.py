"""A parsed YAML document: plain data plus a compact map of where every node is written.

Positions are 1-based ``(line, column)``, looked up by a path such as ``("cards", 3, "front")``
(``Document.pos``); ``Document.key_pos`` gives where a mapping key itself is written (for
"unknown field" messages). They are stored per list/mapping (by identity), not per path, each packed
in one int (``_enc``/``_dec``). Built by kquiz/decks/yamlread.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kquiz.decks.scalars import Pos
from kquiz.decks.yamladvice import lines_of

Path_ = tuple[Any, ...]


def _enc(line0: int, col0: int) -> int:
    """A 1-based (line, column) packed in one int (compact: a deck has hundreds of thousands)."""
    return ((line0 + 1) << 32) | (col0 + 1)


def _dec(packed: int) -> Pos:
    return (packed >> 32, packed & 0xFFFFFFFF)


def _text_size(value: Any) -> int:
    """Characters of text in ``value`` (keys and values; other scalars count 1). Bounded: it only
    runs on a node whose node count passed the alias budget."""
    total = 0
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            total += sum(len(k) for k in item)
            todo.extend(item.values())
        else:
            total += 1
    return total


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# (own position, item positions of a list, or None, key -> key position | value position << 64)
Span = tuple[int, Any, dict[str, int]]
_LOW = (1 << 64) - 1


@dataclass(slots=True)
class Document:
    """The data plus, per list/mapping (by identity), where it and each of its items are written."""

    data: Any
    root_pos: int | None = None
    spans: dict[int, Span] = field(default_factory=dict)
    duplicates: list[tuple[str, Pos, Pos]] = field(default_factory=list)  # (key, where, first)
    stray_anchors: list[tuple[str, Pos]] = field(default_factory=list)  # '&x' on text, never used
    source: str = ""  # the text read, for advice that quotes the offending line
    more: int = 0  # duplicate keys and stray anchors past MAX_KEPT: counted, not kept
    skipped: int = 0  # items of 'cards' passed over unread (read_yaml's gate), from line skipped_line
    skipped_line: int = 0
    unread: bool = False  # True: reading stopped there (only those items followed), not just skimmed
    _lines: list[str] | None = None

    def lines(self) -> list[str]:
        """The source's lines (split once: positions of many problems are looked up in them)."""
        if self._lines is None:
            self._lines = lines_of(self.source)
        return self._lines

    def pos(self, path: Path_) -> Pos | None:
        """Where ``path`` is written, or its nearest written ancestor (e.g. for merged-in keys)."""
        return self._locate(tuple(path), False)

    def key_pos(self, path: Path_) -> Pos | None:
        """Where the mapping key ending ``path`` is written (falls back to ``pos``)."""
        return self._locate(tuple(path), True)

    def text_pos(self, path: Path_, offset: int | None) -> Pos | None:
        """Where character ``offset`` of the text at ``path`` is written, when its line shows it
        as written (plain or quoted on one line, no escapes before it); else where the text starts."""
        pos = self.pos(path)
        if pos is None or offset is None:
            return pos
        node: Any = self.data
        for step in path:
            node = node[step]
        lines = self.lines()
        line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
        start = pos[1] - 1 + (1 if line[pos[1] - 1 : pos[1]] in ("'", '"') else 0)
        if isinstance(node, str) and line.startswith(node[: offset + 1], start):
            return (pos[0], start + offset + 1)
        return pos

    def item_lines(self, path: Path_) -> list[int]:
        """The line of each item of the list at ``path`` (0 where unknown)."""
        node: Any = self.data
        for step in path:
            node = node[step]
        span = self.spans.get(id(node))
        child = span[1] if span is not None and isinstance(node, list) else []
        return [(child[i] >> 32) if i < len(child) else 0 for i in range(len(node))]

    def _locate(self, path: Path_, want_key: bool) -> Pos | None:
        node: Any = self.data
        best = self.root_pos
        for i, step in enumerate(path):
            span = self.spans.get(id(node)) if isinstance(node, (list, dict)) else None
            if span is None:
                break
            _own, child, keys = span
            if isinstance(node, list):
                if not isinstance(step, int) or not 0 <= step < len(node) or step >= len(child):
                    break
                found = child[step]
            else:
                if step not in node:
                    break
                both = keys.get(step)
                if want_key and i == len(path) - 1:
                    if both is not None:
                        return _dec(both & _LOW)
                    return _dec(best) if best is not None else None
                found = both >> 64 if both is not None and both > _LOW else None
            if found is None:
                break
            best = found
            node = node[step]
        return _dec(best) if best is not None else None
