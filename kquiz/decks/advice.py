"""Turn the checks' findings into problems that teach the fix: one message per mistake, a hint,
the offending line.

* problems that only follow from one already reported (a card citing a section of a source whose
  ``sections`` is not a list) are dropped, and the first one says "fix this first";
* a run of duplicated keys (a card that lost its ``- ``) is one problem, not five;
* slips that YAML accepts but that change the text (``#`` starting a comment inside a question,
  ``&`` at the start of a text) are reported;
* every problem gets a hint (what to change) when kquiz can tell, and its line for a caret.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kquiz.decks.yamladvice import quote_hint, quoted
from kquiz.decks.yamlread import Document, Pos

Found = tuple[str, "Pos | None", tuple[Any, ...]]
Hinted = tuple[str, "Pos | None", tuple[Any, ...], "str | None"]

# ' #word' (fast to find), on an unquoted 'key: value' or '- value' line: only then are the events read again
_HASH_WORD = re.compile(r"[ \t]#[^\s#]")
_COMMENT_CANDIDATE = re.compile(r"[ \t]*(?:- +)*(?:[\w.-]+:[ \t]+)?[^'\"\s|>#][^\n#]*[ \t]#[^\s#]")
_KEY_VALUE = re.compile(r"^\s*(?:- +)*([\w.-]+):\s+(.*?)\s*$")


_MAX_COMMENTS = 200


def _follow(n: int) -> str:
    return "1 more problem follows" if n == 1 else f"{n} more problems follow"


def duplicate_problems(doc: Document) -> tuple[list[Hinted], list[tuple[int, int, int]]]:
    """One problem per run of duplicated keys; a run of two or more is a card that lost its '- '.

    Also, per such run, ``(index of its problem, first line, line after its block)``: the lines of
    the card that lost its '- ', whose other problems only follow from it.
    """
    lines = doc.lines() if len(doc.duplicates) > 1 else []
    blocks: list[tuple[int, int, int]] = []
    runs: list[list[tuple[str, Pos, Pos]]] = []
    for dup in doc.duplicates:
        last = runs[-1][-1] if runs else None
        if last is not None and dup[1][1] == last[1][1] and dup[2][1] == last[2][1] and dup[1] > last[1]:
            runs[-1].append(dup)
        else:
            runs.append([dup])
    found: list[Hinted] = []
    for run in runs:
        key, pos, first = run[0]
        if len(run) == 1:
            found.append(
                (
                    f"the key '{key}' appears twice in this mapping (first at line {first[0]})",
                    pos,
                    (),
                    f"keep one of the two '{key}:' lines (kquiz uses the first one, at line {first[0]})",
                )
            )
            continue
        keys = ", ".join(f"'{k}'" for k, _p, _f in run)
        blocks.append((len(found), pos[0], _block_end(lines, pos)))
        found.append(
            (
                f"the keys {keys} appear a second time in this mapping (first at line {first[0]})",
                pos,
                (),
                f"if line {pos[0]} starts a new item (a new card), write '- ' before '{key}:', "
                "in line with the '- ' of the items above",
            )
        )
    return found, blocks


def _block_end(lines: list[str], pos: Pos) -> int:
    """The first line after ``pos`` indented less than its column (the end of its mapping)."""
    for i in range(pos[0], len(lines)):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#") and len(lines[i]) - len(lines[i].lstrip()) < pos[1] - 1:
            return i + 1
    return len(lines) + 1


def absorb(dups: list[Hinted], blocks: list[tuple[int, int, int]], found: list[Found]) -> list[Found]:
    """``found`` without the problems inside a block of a card that lost its '- ' (counted on it)."""
    kept: list[Found] = []
    for item in found:
        line = item[1][0] if item[1] else 0
        block = next((b for b in blocks if b[1] <= line < b[2]), None)
        if block is None:
            kept.append(item)
            continue
        message, pos, path, hint = dups[block[0]]
        count = (
            int(message.rsplit("(fix this first: ", 1)[1].split()[0]) if "(fix this first" in message else 0
        )
        base = message.split(" (fix this first: ")[0]
        dups[block[0]] = (f"{base} (fix this first: {_follow(count + 1)} from it)", pos, path, hint)
    return kept


def anchor_problems(doc: Document) -> list[Hinted]:
    if not doc.stray_anchors:
        return []  # the lines are split only when needed (megabytes for a big deck)
    lines = doc.lines()
    found: list[Hinted] = []
    for name, pos in doc.stray_anchors:
        line = lines[pos[0] - 1] if pos[0] <= len(lines) else ""
        found.append(
            (
                f"the text starts with '&{name}', which YAML reads as an anchor name and drops from the text",
                pos,
                (),
                quote_hint(line),
            )
        )
    return found


def comment_problems(doc: Document) -> list[Hinted]:
    """A '#' right after a space in unquoted text starts a comment: the rest of the line is lost."""
    text = doc.source
    if " #" not in text and "\t#" not in text:  # a plain substring search: ~20x faster than the regex
        return []
    if not any(
        _COMMENT_CANDIDATE.match(text, text.rfind("\n", 0, hit.start()) + 1)
        for hit in _HASH_WORD.finditer(text)
    ):
        return []
    import yaml

    from kquiz.decks.yamlread import _Parser

    lines = doc.lines()
    found: list[Hinted] = []
    parser = _Parser(text)
    try:
        while len(found) < _MAX_COMMENTS:  # the loader shows at most 200 problems of a deck
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                break
            if (
                not isinstance(event, yaml.ScalarEvent)
                or event.style not in (None, "")
                or not event.implicit[0]
            ):
                continue
            end = event.end_mark
            if end is None:
                continue
            line = lines[end.line] if end.line < len(lines) else ""
            rest = line[end.column :]
            match = re.match(r"[ \t]+#(\S+)", rest)
            if match is None:
                continue
            word = match.group(1)
            found.append(
                (
                    f"'#{word}' starts a comment here, so the text ends at '{event.value}'",
                    (end.line + 1, end.column + match.start(1)),
                    (),
                    f"if '#{word}' belongs to the text, {quote_hint(line)}; "
                    "if it is a comment, write '# ' with a space",
                )
            )
    except yaml.YAMLError:
        return found
    finally:
        parser.dispose()
    return found


def _is_key_of(path: tuple[Any, ...], name: str) -> bool:
    return len(path) <= 3 and bool(path) and path[0] == name and (len(path) < 3 or path[2] == "id")


def _depends(doc: Document, path: tuple[Any, ...], schema_path: tuple[Any, ...]) -> bool:
    """Whether the rule problem at ``path`` may only follow from the schema problem at ``schema_path``."""
    if len(path) == 3 and path[0] == "cards" and path[2] == "topic":
        return _is_key_of(schema_path, "topics")
    if len(path) >= 4 and path[0] == "cards" and path[2] == "source":
        if path[-1] == "id":
            return _is_key_of(schema_path, "sources")
        if path[-1] == "section":
            cite_id = _at(doc.data, path[:-1] + ("id",))
            sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
            for j, source in enumerate(sources if isinstance(sources, list) else []):
                if isinstance(source, dict) and source.get("id") == cite_id:
                    return schema_path[:2] == ("sources", j) and (
                        len(schema_path) == 2 or schema_path[2] == "sections"
                    )
    return False


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def without_follow_ons(doc: Document, schema: list[Found], rules: Iterable[Found]) -> list[Found]:
    """The schema problems (the first of each chain saying 'fix this first') and the rule problems
    that do not merely follow from one of them."""
    follow: dict[int, int] = {}
    kept: list[Found] = []
    for item in rules:
        root = next((i for i, s in enumerate(schema) if _depends(doc, item[2], s[2])), None)
        if root is None:
            kept.append(item)
        else:
            follow[root] = follow.get(root, 0) + 1
    out = [
        (f"{m} (fix this first: {_follow(follow[i])} from it)", pos, path) if i in follow else (m, pos, path)
        for i, (m, pos, path) in enumerate(schema)
    ]
    return out + kept


@lru_cache(maxsize=64)  # many problems on one long line: the expression runs once
def _key_value(line: str) -> re.Match[str] | None:
    return _KEY_VALUE.match(line)


def hint_for(doc: Document, message: str, path: tuple[Any, ...], line: str) -> str | None:
    """What to change for a schema or rule problem, read off the message kind, the data and the line."""
    value = _at(doc.data, path) if path else None
    key_value = _key_value(line)
    key = path[-1] if path and isinstance(path[-1], str) else (key_value.group(1) if key_value else "")
    if "must be true or false, not text" in message:
        guess = "true" if str(value).lower() in ("yes", "on", "y", "true", "t") else "false"
        return (
            f"write true or false, without quotes: {key}: {guess} (kquiz reads yes, no, on and off as text)"
        )
    if re.search(r"must be text, not (a number|true/false)", message):
        return quote_hint(line)
    if "must be text, not a mapping" in message and ": " in line:
        return f"this text contains ': '; {quote_hint(line)}"
    if "must be text, not a list" in message:
        return quote_hint(line)
    if "must be a list, not text" in message and isinstance(value, str):
        return f"write a list: {key}: [{quoted(value) if ',' in value else value}]"
    if "must be text, not empty" in message or "must not be empty" in message:
        return f"write the text after '{key}:'"
    match = re.search(r"unknown (topic|source) '(.+?)' \(the deck's \w+: (.*)\)$", message)
    if match:
        kind, wanted, known = match.groups()
        names = known.split(", ") if known != "none defined" else []
        return _did_you_mean(wanted, names, f"the deck's {kind}s", key)
    match = re.search(r"has no section '(.+?)' \(its sections: (.*)\)$", message)
    if match:
        names = re.findall(r"'(.*?)'", match.group(2))
        return _did_you_mean(match.group(1), names, "the source's sections", "section")
    match = re.search(r"unknown field '(.+?)' \(did you mean '(.+?)'\?\)", message)
    if match:
        return f"rename '{match.group(1)}' to '{match.group(2)}'"
    match = re.search(r"unknown field '(.+?)'", message)
    if match and (len(path) == 1 or (len(path) == 3 and path[0] == "cards")):
        return f"remove it, or rename it to 'x-{match.group(1)}' to keep it as a note that kquiz ignores"
    if match:
        return "remove it (or check its spelling against the fields allowed here)"
    match = re.search(r"unknown card type '(.+?)' \(use one of: (.*)\)$", message)
    if match:
        return _did_you_mean(match.group(1), match.group(2).split(", "), "the card types", "type")
    match = re.search(r"(?:needs|missing required field) '(.+?)'$", message)
    if match:
        where = "this card" if path[:1] == ("cards",) else "it"
        return f"add a line '{match.group(1)}: …' to {where}"
    if "cloze blank opens with" in message or "not closed with '}}'" in message:
        return "a blank is written {{c1::answer}} (or {{c1::answer::hint}}): two braces on each side"
    if "cloze numbers start at c1" in message or "cloze numbers must start at c1" in message:
        return "number the blanks c1, c2, c3, … in the order you want them (a number may repeat)"
    if "is used twice in this deck" in message:
        return "give each one an id of its own (progress is kept under the id: keep the older one's)"
    return None


def _did_you_mean(wanted: str, known: list[str], where: str, key: str) -> str:
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'? write {key}: {close[0]}"
    if not known:
        return f"add '{wanted}' to {where} first (there are none yet)"
    return f"use one of {where} ({', '.join(known)}), or add '{wanted}' to them"
