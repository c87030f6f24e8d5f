"""Pass over the rest of a list without building it (kquiz/decks/yamlread.py, once a deck has shown
enough problems): libyaml still reads every event, so a syntax error or a second document is still
found, but no value, position or check is made for the items skipped; they are only counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from kquiz.decks.scalars import YamlProblem, _mark


def skim_items(
    parser: Any, depth: int, max_depth: int, too_deep: str, expand: Callable[[Any], object]
) -> tuple[int, int, set[str]]:
    """Read events up to the end of the open list (whose end event is consumed too).

    ``depth`` is how many lists/mappings are open around the list's items. Returns how many items
    were passed over, the line of the first one (0 when none) and the anchors written inside them
    (their values are unknown: an alias to one of them after the list cannot be resolved). An alias
    to an anchor written before goes through ``expand`` all the same: it is checked and charged to
    the alias budgets as if it were read (nothing is copied).
    """
    get_event = parser.get_event
    scalar, alias = yaml.ScalarEvent, yaml.AliasEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    items = first = level = 0
    anchors: set[str] = set()
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar or kind is alias:
            if kind is alias:
                if event.anchor not in anchors:
                    expand(event)
            elif event.anchor:
                anchors.add(event.anchor)
            if level == 0:
                items += 1
                first = first or event.start_mark.line + 1
        elif kind in starts:
            if level == 0:
                items += 1
                first = first or event.start_mark.line + 1
            level += 1
            if depth + level > max_depth:
                raise YamlProblem(too_deep, _mark(event))
            if event.anchor:
                anchors.add(event.anchor)
        elif kind in ends:
            if level == 0:
                return items, first, anchors
            level -= 1
        else:  # the stream cannot end inside a list: libyaml raises first; never loop forever
            raise YamlProblem("the file ends inside the list of cards")


# a line at column 0 that is not blank, a comment or an item '- ' of a list written at column 0
_TOP_LEVEL = re.compile(r"^(?:[^\s#-]|-\S)", re.MULTILINE)


def unread_items(text: str, start: int, column: int) -> int | None:
    """How many items of a block list whose '-' are at ``column`` the text holds from the line
    starting at offset ``start`` (the first item's first line), when nothing else is written at the
    top level from there on (so stopping there loses nothing of the top-level mapping); else None."""
    if _TOP_LEVEL.search(text, start):
        return None
    at = max(0, start - 1)
    dash = "\n" + " " * column + "-"
    found = text.count(dash + " ", at) + text.count(dash + "\n", at)
    if not text.startswith(dash[1:], start) or start == 0:  # its '-' alone on an earlier line
        found += 1
    return found
