"""Turn parsed import rows into a deck document (plain dicts, in the order a person reads them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kquiz.errors import Problem
from kquiz.interop.ids import IdAllocator, slugify
from kquiz.interop.model import ImportedNote

_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
_CLOZE_MARKER = re.compile(r"\{\{c\d+::(.*?)(?:::[^{}]*?)?\}\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class DeckMeta:
    deck_id: str
    title: str
    topic_id: str = "general"
    topic_title: str = "General"
    description: str = ""
    language: str = "en"


@dataclass(frozen=True, slots=True)
class BuiltDeck:
    document: dict[str, Any]
    lines: dict[str, int]  # card id -> line in the import file
    problems: tuple[Problem, ...]


def renumber_cloze(text: str) -> str:
    """Number cloze markers 1..n in order of their numbers (Anki allows gaps; kquiz does not)."""
    numbers = sorted({int(n) for n in _CLOZE_NUMBER.findall(text)})
    mapping = {n: i for i, n in enumerate(numbers, start=1)}
    return _CLOZE_NUMBER.sub(lambda m: f"{{{{c{mapping[int(m.group(1))]}::", text)


def _card(note: ImportedNote, card_id: str, topic: str) -> dict[str, Any]:
    card: dict[str, Any] = {"id": card_id, "type": note.kind, "topic": topic}
    if note.kind == "cloze":
        card["text"] = renumber_cloze(note.front)
    elif note.kind == "typed":
        card["prompt"] = note.front
        card["answers"] = [note.back, *note.answers]
    elif note.kind == "choice":
        card["prompt"] = note.front
        card["choices"] = [
            {"text": text, "correct": True} if ok else {"text": text} for text, ok in note.choices
        ]
    elif note.kind == "truefalse":
        card["statement"] = note.front
        card["answer"] = note.back == "true"
    else:
        card["front"] = note.front
        card["back"] = note.back
    if note.explanation:
        card["explanation"] = note.explanation
    if note.note:
        card["note"] = note.note
    if note.tags:
        card["tags"] = list(note.tags)
    if note.image:
        card["image"] = note.image
        card["alt"] = f"Picture from the imported card ({note.image.rsplit('/', 1)[-1]})"
    return card


def _cite(note: ImportedNote, sources: dict[str, dict[str, Any]]) -> list[dict[str, str]]:
    """Sources (by title) for a note's (title, section) citations; the card's ``source`` entries."""
    cited: list[dict[str, str]] = []
    for title, section in note.citations:
        source = next((s for s in sources.values() if s["title"] == title), None)
        if source is None:
            base = slugify(title, empty="source")
            source_id, n = base, 1
            while source_id in sources:
                n += 1
                source_id = f"{base}-{n}"
            source = sources[source_id] = {"id": source_id, "title": title, "sections": []}
        entry = {"id": source["id"]}
        if section:
            if section not in source["sections"]:
                source["sections"].append(section)
            entry["section"] = section
        if entry not in cited:
            cited.append(entry)
    return cited


def build_document(notes: tuple[ImportedNote, ...], meta: DeckMeta, path: str) -> BuiltDeck:
    """Cards with stable ids (see kquiz.interop.ids); duplicates and clashing ids become problems."""
    problems: list[Problem] = []
    allocator = IdAllocator()
    explicit_seen: dict[str, int] = {}
    for note in notes:
        if note.card_id is not None and note.card_id not in explicit_seen:
            explicit_seen[note.card_id] = note.line
            allocator.reserve(note.card_id)
    topics: dict[str, str] = {meta.topic_id: meta.topic_title}
    topic_ids: dict[str, str] = {}
    cards: list[dict[str, Any]] = []
    lines: dict[str, int] = {}
    sources: dict[str, dict[str, Any]] = {}
    for note in notes:
        card_id: str | None
        if note.card_id is not None:
            if explicit_seen[note.card_id] != note.line:
                problems.append(
                    Problem(
                        path,
                        f"id {note.card_id!r} is already used on line {explicit_seen[note.card_id]}",
                        note.line,
                        1,
                    )
                )
                continue
            card_id = note.card_id
        else:
            first = allocator.duplicate_of(note.front, note.back)
            label = _CLOZE_MARKER.sub(r"\1", note.front) if note.kind == "cloze" else None
            card_id = allocator.allocate(
                note.front, note.back, note.line, stable_key=note.stable_key, label=label
            )
            if card_id is None:
                problems.append(
                    Problem(
                        path, f"same front and back as line {first}: a duplicate, not imported", note.line, 1
                    )
                )
                continue
        topic = meta.topic_id
        if note.topic:
            topic = topic_ids.get(note.topic) or _new_topic(note.topic, topics, topic_ids)
        card = _card(note, card_id, topic)
        cited = _cite(note, sources)
        if cited:
            card["source"] = cited[0] if len(cited) == 1 else cited
        cards.append(card)
        lines[card_id] = note.line
    used_topics = {card["topic"] for card in cards} or {meta.topic_id}
    document: dict[str, Any] = {"kquiz": 1, "id": meta.deck_id, "title": meta.title}
    if meta.description:
        document["description"] = meta.description
    document["language"] = meta.language
    document["topics"] = [{"id": tid, "title": title} for tid, title in topics.items() if tid in used_topics]
    if sources:
        document["sources"] = [{k: v for k, v in s.items() if v} for s in sources.values()]
    document["cards"] = cards
    return BuiltDeck(document, lines, tuple(problems))


def _new_topic(title: str, topics: dict[str, str], topic_ids: dict[str, str]) -> str:
    base = slugify(title, empty="topic")
    if topics.get(base) == title:
        topic_ids[title] = base
        return base
    topic_id, n = base, 1
    while topic_id in topics:
        n += 1
        topic_id = f"{base}-{n}"
    topics[topic_id] = title
    topic_ids[title] = topic_id
    return topic_id
