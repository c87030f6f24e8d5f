"""Validated plain data <-> domain objects, and the content hash of a card.

``deck_from_data`` expects data that passed the schema and the rules. ``deck_to_dict`` and
``deck_from_dict`` are the fast, lossless form of a loaded deck (used by the compiled cache).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kquiz.domain import (
    BasicCard,
    Card,
    CardType,
    Choice,
    ChoiceCard,
    Citation,
    ClozeCard,
    Deck,
    OcclusionCard,
    Region,
    ReversedCard,
    Source,
    Topic,
    TrueFalseCard,
    TypedCard,
)

_COMMON = ("explanation", "note", "tags", "image", "was", "alt", "answer_image", "answer_alt", "group")


def _citations(value: Any) -> tuple[Citation, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(Citation(c["id"], c.get("section", "")) for c in items)


def card_from_data(raw: dict[str, Any], line: int = 0) -> Card:
    kind = CardType(raw["type"])
    common: dict[str, Any] = {
        "id": str(raw["id"]),
        "topic": raw["topic"],
        "explanation": raw.get("explanation", ""),
        "note": raw.get("note", ""),
        "citations": _citations(raw.get("source")),
        "tags": tuple(raw.get("tags", ())),
        "image": raw.get("image"),
        "line": line,
        "was": tuple(str(w) for w in raw.get("was", ())),
        "alt": raw.get("alt", ""),
        "answer_image": raw.get("answer_image"),
        "answer_alt": raw.get("answer_alt", ""),
        "group": str(raw.get("group", "")),
    }
    if kind is CardType.BASIC:
        return BasicCard(front=raw["front"], back=raw["back"], **common)
    if kind is CardType.REVERSED:
        return ReversedCard(front=raw["front"], back=raw["back"], **common)
    if kind is CardType.CLOZE:
        return ClozeCard(text=raw["text"], **common)
    if kind is CardType.CHOICE:
        choices = tuple(Choice(c["text"], bool(c.get("correct", False))) for c in raw["choices"])
        return ChoiceCard(prompt=raw["prompt"], choices=choices, **common)
    if kind is CardType.TRUEFALSE:
        return TrueFalseCard(statement=raw["statement"], answer=bool(raw["answer"]), **common)
    if kind is CardType.OCCLUSION:  # one region of an entry (cards_from_data splits an entry)
        regions = tuple(region_from_data(r) for r in raw["regions"])
        return OcclusionCard(asked=raw["asked"], mode=raw.get("mode", "hide-one"), regions=regions, **common)
    return TypedCard(prompt=raw["prompt"], answers=tuple(raw["answers"]), **common)


def region_from_data(raw: dict[str, Any]) -> Region:
    points: tuple[tuple[float, float], ...]
    if "rect" in raw:
        x, y, w, h = (float(v) for v in raw["rect"])
        right, bottom = round(x + w, 9), round(y + h, 9)  # 0.1 + 0.2 is 0.30000000000000004
        points = ((x, y), (right, y), (right, bottom), (x, bottom))
    else:
        points = tuple((float(px), float(py)) for px, py in raw["polygon"])
    return Region(str(raw["name"]), raw["answer"], points)


def cards_from_data(raw: dict[str, Any], line: int = 0) -> list[Card]:
    """The cards of one deck entry: one, or one per region of an occlusion entry."""
    if raw.get("type") != "occlusion" or "asked" in raw:
        return [card_from_data(raw, line)]
    return [
        card_from_data({**raw, "id": f"{raw['id']}.{r['name']}", "asked": r["name"]}, line)
        for r in raw["regions"]
    ]


def deck_from_data(data: dict[str, Any], lines: list[int], *, path: str | None, content_hash: str) -> Deck:
    """Build a Deck from validated data; ``lines[i]`` is the line of card ``i``."""
    cards = tuple(
        card
        for i, raw in enumerate(data["cards"])
        for card in cards_from_data(raw, lines[i] if i < len(lines) else 0)
    )
    return Deck(
        id=data["id"],
        title=data["title"],
        cards=cards,
        topics=tuple(Topic(t["id"], t["title"]) for t in data.get("topics", ())),
        sources=tuple(
            Source(s["id"], s["title"], s.get("publisher", ""), s.get("url"), tuple(s.get("sections", ())))
            for s in data.get("sources", ())
        ),
        description=data.get("description", ""),
        language=data.get("language", "en"),
        authors=tuple(data.get("authors", ())),
        format_version=int(data["kquiz"]),
        path=path,
        content_hash=content_hash,
    )


def card_to_data(card: Card) -> dict[str, Any]:
    """The card as deck-format data (what a YAML file would hold), plus its line."""
    out: dict[str, Any] = {"id": card.id, "type": str(card.type), "topic": card.topic}
    if isinstance(card, (BasicCard, ReversedCard)):
        out.update(front=card.front, back=card.back)
    elif isinstance(card, ClozeCard):
        out["text"] = card.text
    elif isinstance(card, ChoiceCard):
        out.update(prompt=card.prompt, choices=[{"text": c.text, "correct": c.correct} for c in card.choices])
    elif isinstance(card, TrueFalseCard):
        out.update(statement=card.statement, answer=card.answer)
    elif isinstance(card, TypedCard):
        out.update(prompt=card.prompt, answers=list(card.answers))
    elif isinstance(card, OcclusionCard):  # one region's card: ``asked`` keeps it from being split again
        regions = [
            {"name": r.name, "answer": r.answer, "polygon": [list(p) for p in r.points]} for r in card.regions
        ]
        out.update(asked=card.asked, mode=card.mode, regions=regions)
    for name in _COMMON:
        value = getattr(card, name)
        if value:
            out[name] = list(value) if isinstance(value, tuple) else value
    if card.citations:
        out["source"] = [{"id": c.source_id, "section": c.section} for c in card.citations]
    return out


def deck_to_dict(deck: Deck) -> dict[str, Any]:
    """A plain, JSON/marshal-friendly form of a loaded deck (lossless with ``deck_from_dict``)."""
    return {
        "kquiz": deck.format_version,
        "id": deck.id,
        "title": deck.title,
        "description": deck.description,
        "language": deck.language,
        "authors": list(deck.authors),
        "topics": [{"id": t.id, "title": t.title} for t in deck.topics],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "sections": list(s.sections),
                **({"url": s.url} if s.url is not None else {}),
            }
            for s in deck.sources
        ],
        "cards": [card_to_data(c) for c in deck.cards],
        "lines": [c.line for c in deck.cards],
        "path": deck.path,
        "content_hash": deck.content_hash,
    }


def deck_from_dict(data: dict[str, Any]) -> Deck:
    return deck_from_data(
        data, data.get("lines", []), path=data.get("path"), content_hash=data.get("content_hash", "")
    )


# (``answer_image`` is only in the data when set, so a card without one keeps the hash it had before)
_STUDIED = (
    *("type", "front", "back", "text", "prompt", "choices", "statement", "answer", "answers"),
    *("asked", "mode", "regions"),
    *("image", "answer_image"),
)


def card_content_hash(card: Card) -> str:
    """A stable sha256 of what is studied on a card (not its notes, tags, citations or line).

    Progress keeps this hash; a different hash later means the card's question or answer changed.
    """
    data = card_to_data(card)
    studied = {k: data[k] for k in _STUDIED if k in data}
    blob = json.dumps(studied, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
