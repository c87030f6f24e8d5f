"""Rules the schema cannot express: unique ids, references, choices, cloze markers, images.

Each check tolerates data that failed the schema (wrong types are skipped here; the schema
already reported them), so one pass reports everything.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from kquiz.decks.cloze import cloze_issues
from kquiz.decks.schemacheck import label
from kquiz.decks.yamlread import Document, Pos

Found = tuple[str, "Pos | None", tuple[Any, ...]]


def _items(data: Any, name: str) -> list[tuple[int, dict[str, Any]]]:
    seq = data.get(name) if isinstance(data, dict) else None
    if not isinstance(seq, list):
        return []
    return [(i, item) for i, item in enumerate(seq) if isinstance(item, dict)]


def _ids(doc: Document, name: str, kind: str) -> tuple[dict[str, Any], list[Found]]:
    """id -> item for ``topics``/``sources``/``cards``, and problems for ids used twice."""
    known: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    problems: list[Found] = []
    for i, item in _items(doc.data, name):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        path = (name, i, "id")
        pos = doc.pos(path)
        if item_id in known:
            problems.append(
                (
                    f"the {kind} id '{item_id}' is used twice in this deck "
                    f"(first at line {first_line[item_id]})",
                    pos,
                    path,
                )
            )
            continue
        known[item_id] = item
        first_line[item_id] = pos[0] if pos else 0
    return known, problems


def rule_problems(doc: Document, base_dir: Path | None) -> Iterator[Found]:
    topics, found = _ids(doc, "topics", "topic")
    sources, more = _ids(doc, "sources", "source")
    _cards, cards_dup = _ids(doc, "cards", "card")
    yield from found
    yield from more
    for i, card in _items(doc.data, "cards"):
        base = ("cards", i)
        prefix = label(doc.data, base)
        for message, path in _card_problems(card, base, topics, sources, base_dir):
            yield prefix + message, doc.pos(path), path
        if card.get("type") == "cloze" and isinstance(card.get("text"), str):
            path = base + ("text",)
            for message, offset in cloze_issues(card["text"]):  # placed at the slip's own column
                yield prefix + message, doc.text_pos(path, offset), path
    yield from cards_dup


def _card_problems(
    card: dict[str, Any],
    base: tuple[Any, ...],
    topics: dict[str, Any],
    sources: dict[str, Any],
    base_dir: Path | None,
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    topic = card.get("topic")
    if isinstance(topic, str) and topic not in topics:
        known = ", ".join(topics) or "none defined"
        yield f"unknown topic '{topic}' (the deck's topics: {known})", base + ("topic",)
    yield from _citation_problems(card.get("source"), base + ("source",), sources)
    kind = card.get("type")
    if kind == "choice":
        yield from _choice_problems(card.get("choices"), base + ("choices",))
    image = card.get("image")
    if isinstance(image, str) and image:
        problem = image_problem(image, base_dir)
        if problem:
            yield problem, base + ("image",)


def _citation_problems(
    value: Any, path: tuple[Any, ...], sources: dict[str, Any]
) -> Iterator[tuple[str, tuple[Any, ...]]]:
    cites = (
        [(path, value)]
        if isinstance(value, dict)
        else ([(path + (i,), v) for i, v in enumerate(value)] if isinstance(value, list) else [])
    )
    for where, cite in cites:
        if not isinstance(cite, dict) or not isinstance(cite.get("id"), str):
            continue
        source = sources.get(cite["id"])
        if source is None:
            known = ", ".join(sources) or "none defined"
            yield f"unknown source '{cite['id']}' (the deck's sources: {known})", where + ("id",)
            continue
        section = cite.get("section")
        if not isinstance(section, str):
            continue
        sections = source.get("sections") if isinstance(source.get("sections"), list) else []
        if section not in sections:
            listed = ", ".join(f"'{s}'" for s in sections) if sections else "none listed"
            yield (
                f"source '{cite['id']}' has no section '{section}' (its sections: {listed})",
                where + ("section",),
            )


def _choice_problems(choices: Any, path: tuple[Any, ...]) -> Iterator[tuple[str, tuple[Any, ...]]]:
    if not isinstance(choices, list):
        return
    items = [(i, c) for i, c in enumerate(choices) if isinstance(c, dict) and isinstance(c.get("text"), str)]
    if items and len(items) == len(choices) and not any(c.get("correct") is True for _, c in items):
        yield "a choice card needs at least one correct choice (mark it with 'correct: true')", path
    seen: dict[str, int] = {}
    for i, choice in items:
        text = " ".join(choice["text"].split()).casefold()
        if text in seen:
            yield (
                f"choice {i + 1} has the same text as choice {seen[text] + 1} ('{choice['text'].strip()}')",
                path + (i, "text"),
            )
        else:
            seen[text] = i


def image_problem(image: str, base_dir: Path | None) -> str | None:
    """Why ``image`` is not an acceptable image path for a deck in ``base_dir`` (None if fine)."""
    if "://" in image or image.startswith("data:"):
        return f"image '{image}' must be a file in the deck's folder, not a web address"
    if (
        PurePosixPath(image).is_absolute()
        or PureWindowsPath(image).is_absolute()
        or PureWindowsPath(image).drive
    ):
        return f"image '{image}' must be a path relative to the deck file, not an absolute path"
    if "\\" in image:
        return f"image '{image}': use '/' between folder names"
    if ".." in PurePosixPath(image).parts:
        return f"image '{image}' must stay inside the deck's folder (no '..')"
    if base_dir is None:
        return None
    root = base_dir.resolve()
    target = base_dir / image
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"image '{image}' not found (looked for {target})"
    if not resolved.is_relative_to(root):
        return f"image '{image}' leads outside the deck's folder (through a link to {resolved})"
    if not resolved.is_file() or not os.access(resolved, os.R_OK):
        return f"image '{image}' is not a readable file"
    return None
