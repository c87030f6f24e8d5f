"""The compiled deck cache's payload: a Deck as nested tuples of plain values, and back.

``encode`` writes a deck as a few long columns (marshal of str/int/float/bool/None tuples only);
``decode`` checks every part's type and size (``_check_shapes``) before rebuilding the frozen card
objects by writing their slots directly (``_build_cards``). The layout is ``LAYOUT_VERSION``, part of
the cache key (kquiz/decks/cache.py, which holds the entry files, their keys and checksums).
"""

from __future__ import annotations

import itertools
import marshal
import sys
from collections.abc import Callable
from dataclasses import fields
from typing import Any

from kquiz.domain import (
    BasicCard,
    Card,
    CardBase,
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

LAYOUT_VERSION = 6  # the payload layout (5: alt, answer_image, answer_alt, group; 6: occlusion cards)


_COMMON = (
    *("id", "topic", "explanation", "note", "citations", "tags", "image", "line", "was"),
    *("alt", "answer_image", "answer_alt", "group"),
)
# per kind (index into _KINDS): the class and its own fields after the common ones, in field order
_KINDS: tuple[tuple[type, tuple[str, ...]], ...] = (
    (BasicCard, ("front", "back", "type")),
    (ReversedCard, ("front", "back", "type")),
    (ClozeCard, ("text", "type")),
    (ChoiceCard, ("prompt", "choices", "type")),
    (TrueFalseCard, ("statement", "answer", "type")),
    (TypedCard, ("prompt", "answers", "type")),
    (OcclusionCard, ("asked", "mode", "regions", "type")),  # b: (mode, ((name, answer, points), ...))
)
_KIND_OF = {cls: i for i, (cls, _) in enumerate(_KINDS)}


def _layout_matches() -> bool:
    """The fast builder writes every field itself: refuse to run if the domain classes changed shape."""
    try:
        return all([f.name for f in fields(cls)] == [*_COMMON, *own] for cls, own in _KINDS) and [
            f.name for f in fields(Choice)
        ] == ["text", "correct"]
    except TypeError:
        return False


# ---- encoding ---------------------------------------------------------------------------------
def _columns(deck: Deck) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[tuple[Any, ...], ...]]:
    """Citation groups, (text, correct) choices, and the cards as 13 columns (kind, the 9 first common
    fields, 2 own fields, None-padded, then the rarer ones: None or (alt, answer_image, answer_alt, group)):
    a few long tuples instead of a tuple per card, so decoding
    allocates (and later frees) far fewer objects. Field names follow ``_KINDS`` (checked by cache.ENABLED)."""
    citations: dict[Any, int] = {}
    choices: dict[Any, int] = {}
    intern = sys.intern  # repeated short strings (topics, images, tags) become one object in the file
    columns: tuple[list[Any], ...] = tuple([] for _ in range(13))
    kinds, ids, topics, expls, notes, cites, tags, images, lines, was, col_a, col_b, media = columns
    kind_of = _KIND_OF
    for card in deck.cards:
        kind = kind_of[type(card)]
        kinds.append(kind)
        ids.append(card.id)
        topics.append(intern(card.topic))
        expls.append(card.explanation)
        notes.append(card.note)
        group = tuple([(c.source_id, c.section) for c in card.citations])  # plain tuples hash in C
        cites.append(citations.setdefault(group, len(citations)))
        tags.append(tuple(map(intern, card.tags)) if card.tags else ())
        images.append(None if card.image is None else intern(card.image))
        lines.append(card.line)
        was.append(card.was)
        has_media = card.alt or card.answer_image is not None or card.answer_alt or card.group
        media.append((card.alt, card.answer_image, card.answer_alt, card.group) if has_media else None)
        # the same split as ``kind`` (exact classes, none derives from another), narrowed for the checker
        if isinstance(card, BasicCard | ReversedCard):
            col_a.append(card.front)
            col_b.append(card.back)
        elif isinstance(card, ClozeCard):
            col_a.append(card.text)
            col_b.append(None)
        elif isinstance(card, ChoiceCard):  # choices as indexes into the table of (text, correct) pairs
            col_a.append(card.prompt)
            col_b.append(tuple([choices.setdefault((c.text, c.correct), len(choices)) for c in card.choices]))
        elif isinstance(card, TrueFalseCard):
            col_a.append(card.statement)
            col_b.append(card.answer)
        elif isinstance(card, OcclusionCard):
            col_a.append(card.asked)
            col_b.append((card.mode, tuple([(r.name, r.answer, r.points) for r in card.regions])))
        else:
            col_a.append(card.prompt)
            col_b.append(card.answers)
    return tuple(citations), tuple(choices), tuple(tuple(c) for c in columns)


def encode(deck: Deck) -> bytes:
    """The payload for ``deck``: nested tuples of str/int/bool/None, marshalled."""
    cites, choices, columns = _columns(deck)
    head = (
        deck.id,
        deck.title,
        deck.description,
        deck.language,
        tuple(deck.authors),
        deck.format_version,
        tuple((t.id, t.title) for t in deck.topics),
        tuple((s.id, s.title, s.publisher, s.url, tuple(s.sections)) for s in deck.sources),
    )
    return marshal.dumps((LAYOUT_VERSION, head, cites, choices, columns))


# ---- decoding ---------------------------------------------------------------------------------
def _setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...]:
    return tuple(getattr(cls, name).__set__ for name in names)


def _build_cards(
    columns: tuple[Any, ...], cites: tuple[Any, ...], choices: tuple[Any, ...]
) -> tuple[Card, ...]:
    """Rebuild the frozen card objects by writing their slots directly (their __init__ does the same
    through object.__setattr__ one keyword at a time, which is most of the cost of a warm load)."""
    if len(columns) != 13 or len({len(c) for c in columns}) > 1:
        raise ValueError("bad columns")
    new = object.__new__
    s_id, s_topic, s_expl, s_note, s_cites, s_tags, s_image, s_line, s_was, *s_media = _setters(
        CardBase, _COMMON
    )
    kinds = []
    for cls, own in _KINDS:
        setters = _setters(cls, own)
        ctype = next(f.default for f in fields(cls) if f.name == "type" and isinstance(f.default, CardType))
        kinds.append((cls, setters[0], setters[1] if len(own) == 3 else None, setters[-1], ctype))
    s_choice_text, s_choice_correct = _setters(Choice, ("text", "correct"))
    s_mode, s_regions = _setters(OcclusionCard, ("mode", "regions"))
    choice_objs = []
    for text, correct in choices:  # frozen values: identical choices share one object
        choice = new(Choice)
        s_choice_text(choice, text)
        s_choice_correct(choice, correct)
        choice_objs.append(choice)
    choice_at = tuple(choice_objs).__getitem__
    cites_table = tuple(tuple(Citation(str(s), str(sec)) for s, sec in group) for group in cites)
    out: list[Card] = []
    append = out.append
    no_media = ("", None, "", "")
    for kind, cid, topic, expl, note, cite, tags, image, line, was, a, b, media in zip(*columns):
        cls, set_a, set_b, set_type, ctype = kinds[kind]
        card = new(cls)
        s_id(card, cid)
        s_topic(card, topic)
        s_expl(card, expl)
        s_note(card, note)
        s_cites(card, cites_table[cite])
        s_tags(card, tags)
        s_image(card, image)
        s_line(card, line)
        s_was(card, was)
        for setter, value in zip(s_media, media or no_media, strict=True):
            setter(card, value)
        set_a(card, a)
        if kind == 3:
            set_b(card, tuple(map(choice_at, b)))
        elif kind == 6:
            s_mode(card, b[0])
            s_regions(card, tuple([Region(name, answer, points) for name, answer, points in b[1]]))
        elif set_b is not None:
            set_b(card, b)
        set_type(card, ctype)
        append(card)
    return tuple(out)


_MAX_TEXT = 100_000  # characters in one text value (kquiz.decks.scalars.MAX_STRING)
_STR: frozenset[type] = frozenset({str})
_OPT_STR: frozenset[type] = frozenset({str, type(None)})


def _texts(values: Any, allowed: frozenset[type] = _STR) -> bool:
    """A tuple of str (or None where allowed), none longer than a deck's text may be. Runs in C
    (map, set, max): a warm load checks every value of every card."""
    if type(values) is not tuple:
        return False
    types = set(map(type, values))
    if not types <= allowed:
        return False
    texts = values if types <= _STR else [v for v in values if v is not None]
    return max(map(len, texts), default=0) <= _MAX_TEXT


def _flat_texts(groups: Any) -> bool:
    """A tuple of tuples of str (tags, former ids, typed answers), each text within the size limit."""
    return set(map(type, groups)) <= {tuple} and _texts(tuple(itertools.chain.from_iterable(groups)))


def _indexes(values: Any, size: int) -> bool:
    """A sequence of ints in range(size)."""
    return set(map(type, values)) <= {int} and (not values or (min(values) >= 0 and max(values) < size))


_OWN_TYPES = {(0, str), (1, str), (2, type(None)), (3, tuple), (4, bool), (5, tuple), (6, tuple)}


def _regions_ok(value: tuple[Any, ...]) -> bool:
    """An occlusion card's (mode, ((name, answer, ((x, y), ...)), ...))."""
    if len(value) != 2 or type(value[0]) is not str or type(value[1]) is not tuple:
        return False
    return all(
        type(r) is tuple
        and len(r) == 3
        and _texts(r[:2])
        and type(r[2]) is tuple
        and all(type(p) is tuple and len(p) == 2 and {type(v) for v in p} <= {float} for p in r[2])
        for r in value[1]
    )


def _check_shapes(head: Any, cites: Any, choices: Any, columns: Any) -> None:
    """Raise ValueError unless every part of a decoded payload has the types and sizes ``encode``
    writes: an entry is treated as untrusted even after its HMAC matched (then the YAML is read)."""
    if type(head) is not tuple or len(head) != 8 or not _texts(head[:4]) or not _texts(head[4]):
        raise ValueError("bad deck head")
    if type(head[5]) is not int or not all(type(t) is tuple and len(t) == 2 and _texts(t) for t in head[6]):
        raise ValueError("bad topics")
    for source in head[7]:
        if type(source) is not tuple or len(source) != 5 or not _texts(source[:4], _OPT_STR):
            raise ValueError("bad source")
        if not _texts(source[4]):
            raise ValueError("bad sections")
    if not all(
        type(g) is tuple and all(type(c) is tuple and len(c) == 2 and _texts(c) for c in g) for g in cites
    ):
        raise ValueError("bad citations")
    if not all(
        type(c) is tuple and len(c) == 2 and type(c[0]) is str and type(c[1]) is bool for c in choices
    ):
        raise ValueError("bad choices")
    if type(columns) is not tuple or len(columns) < 12 or any(type(c) is not tuple for c in columns):
        raise ValueError("bad columns")
    kinds, ids, topics, expls, notes, cite_ix, tags, images, lines, was, col_a, col_b = columns[:12]
    if not _indexes(kinds, len(_KINDS)) or not _indexes(cite_ix, len(cites)):
        raise ValueError("bad kinds or citation indexes")
    if not (_texts(ids) and _texts(topics) and _texts(expls) and _texts(notes) and _texts(col_a)):
        raise ValueError("bad texts")
    if not _texts(images, _OPT_STR) or not set(map(type, lines)) <= {int, type(None)}:
        raise ValueError("bad images or lines")
    if not _flat_texts(tags) or not _flat_texts(was):
        raise ValueError("bad tags")
    if not set(zip(kinds, map(type, col_b))) <= _OWN_TYPES:
        raise ValueError("bad card field")
    texts: list[Any] = []  # the backs of basic and reversed cards
    picks: list[Any] = []  # the choices of choice cards (indexes into ``choices``)
    answers: list[Any] = []  # the answers of typed cards
    for kind, value in zip(kinds, col_b):
        if kind < 2:
            texts.append(value)
        elif kind == 3:
            picks.append(value)
        elif kind == 5:
            answers.append(value)
        elif kind == 6 and not _regions_ok(value):
            raise ValueError("bad regions")
    if not _texts(tuple(texts)) or not _flat_texts(tuple(answers)):
        raise ValueError("bad answers")
    if not _indexes(tuple(itertools.chain.from_iterable(picks)), len(choices)):
        raise ValueError("bad choice index")
    for extra in columns[12:]:  # None or (alt, answer_image or None, answer_alt, group)
        if not all(m is None or (type(m) is tuple and len(m) == 4 and _texts(m, _OPT_STR)) for m in extra):
            raise ValueError("bad media")


def decode(payload: bytes | memoryview, *, path: str | None, content_hash: str) -> Deck:
    """Rebuild a Deck from ``encode``'s payload. Raises ValueError/TypeError/… on anything unexpected."""
    layout, head, cites, choices, columns = marshal.loads(payload)
    if layout != LAYOUT_VERSION:
        raise ValueError("other layout")
    _check_shapes(head, cites, choices, columns)
    deck_id, title, description, language, authors, format_version, topics, sources = head
    if not all(isinstance(v, str) for v in (deck_id, title, description, language)):
        raise TypeError("bad deck head")
    return Deck(
        id=deck_id,
        title=title,
        cards=_build_cards(columns, cites, choices),
        topics=tuple(Topic(i, t) for i, t in topics),
        sources=tuple(Source(i, t, p, u, tuple(s)) for i, t, p, u, s in sources),
        description=description,
        language=language,
        authors=tuple(authors),
        format_version=int(format_version),
        path=path,
        content_hash=content_hash,
    )
