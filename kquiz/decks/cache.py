"""The compiled deck cache: a validated deck saved in a fast-loading form, keyed by the file's content.

A 10,000-card YAML deck takes seconds to read and check; the same deck from this cache loads in tens
of milliseconds. One cache file per deck path (``<sha256 of the path>.kqdeck`` in the cache folder),
so an edited deck replaces its own entry instead of leaving garbage behind.

What is checked before anything is trusted:
  * the key: sha256 of the deck file's bytes + deck format version + kquiz version + this Python's
    marshal format + ``CODE_VERSION`` (a hash of the loader's and the domain's own source), so an
    edited file, a new kquiz or a changed loader never reuses an old entry;
  * a magic header, the payload length and the payload's sha256 (a truncated or corrupted file is
    detected before it is decoded);
  * the shape of the decoded data while the deck is rebuilt (any surprise: the entry is ignored);
  * the files that cards' images point to still exist (only the file system can change behind a
    cache entry; when one is gone, the deck is loaded from its YAML, which says precisely what is wrong).
Anything wrong means "no cache": the deck is loaded from its file and the entry rewritten.

A deck that failed to load is remembered too, by the same key (its problems, ``_FAILED`` then the
marshalled rows): a bad deck is not read again at every start. Not remembered: problems that depend
on the file system (an image file, which may appear later) or on the machine (out of memory).

Why marshal of plain tuples and not pickle: unpickling runs code named in the file, so a planted
cache file would be code execution; ``marshal.loads`` only builds plain values (strings, numbers,
tuples; a code object it might build is never run), and the checksum catches accidental damage.
It is also faster here: pickle rebuilds frozen slotted dataclasses attribute by attribute through
``__setstate__``, about 6x slower than the direct slot writes in ``_build_cards``. The trade-off:
the cache can be read only by the same Python minor version (part of the key), and a hand-crafted
entry with a valid checksum could give a deck odd values, which is no more than a person able to
write into the user's own cache folder could do by editing the deck file itself.

Writes are atomic (temporary file + ``os.replace``, no fsync: an entry cut short by a crash fails
its checks and is rebuilt); a cache that cannot be written (read-only folder, full disk) is silently
skipped: the deck still loads. One file per deck path ever loaded; the folder is kept under a size cap,
least recently used entries first, after each write (kquiz/decks/cache_prune.py); deleting the folder
is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import itertools
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

from kquiz.decks.cache_prune import prune, touch
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
from kquiz.errors import DeckError, Problem

MAGIC = b"KQDECK\x00\x01"
SUFFIX = ".kqdeck"
FORMAT_VERSION = 1  # the deck file format this cache holds (kquiz.decks.FORMAT_VERSION)
LAYOUT_VERSION = 6  # the payload layout (5: alt, answer_image, answer_alt, group; 6: occlusion cards)
_HEADER = len(MAGIC) + 32 + 8 + 32  # magic, key, payload length, payload sha256

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


ENABLED = _layout_matches()


def _code_version() -> str:
    """A hash of the source this cache's meaning depends on (loader, checks, schema, domain).

    In a frozen build the sources are not on disk; the kquiz version alone identifies the code there.
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    try:
        files = sorted(here.glob("*.py")) + [here / "deck.schema.json", here.parent / "domain.py"]
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    except OSError:
        return "frozen"
    return digest.hexdigest()


def _kquiz_version() -> str:
    import kquiz

    return str(getattr(kquiz, "__version__", "0"))


_PREFIX: bytes | None = None


def _key_prefix() -> bytes:
    global _PREFIX
    if _PREFIX is None:
        parts = (
            FORMAT_VERSION,
            LAYOUT_VERSION,
            _kquiz_version(),
            _code_version(),
            sys.version_info[:2],
            marshal.version,
        )
        _PREFIX = repr(parts).encode() + b"\0"
    return _PREFIX


def cache_key(content_digest: bytes) -> bytes:
    """The 32-byte key of a deck file whose bytes have this sha256, for this kquiz and this Python."""
    return hashlib.sha256(_key_prefix() + content_digest).digest()


def entry_path(cache_dir: Path, abs_path: str) -> Path:
    """Where the cache entry of the deck file at ``abs_path`` lives."""
    name = hashlib.sha256(os.fsencode(abs_path)).hexdigest()[:40]
    return Path(cache_dir) / (name + SUFFIX)


# ---- encoding ---------------------------------------------------------------------------------
def _columns(deck: Deck) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[tuple[Any, ...], ...]]:
    """Citation groups, (text, correct) choices, and the cards as 13 columns (kind, the 9 first common
    fields, 2 own fields, None-padded, then the rarer ones: None or (alt, answer_image, answer_alt, group)):
    a few long tuples instead of a tuple per card, so decoding
    allocates (and later frees) far fewer objects. Field names follow ``_KINDS`` (checked by ENABLED)."""
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
_MAX_ENTRY = 256 * 2**20  # bytes: a bigger entry file is not read
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


# ---- files ------------------------------------------------------------------------------------
def _mac(secret: bytes | None, key: bytes, payload: bytes | memoryview) -> bytes:
    """HMAC-SHA256 of key and payload with the data folder's secret (a planted entry cannot match);
    without a secret (no data folder: tests, tools) the payload's sha256 (damage only)."""
    if secret is None:
        return hashlib.sha256(payload).digest()
    mac = hmac.new(secret, key, hashlib.sha256)
    mac.update(payload)
    return mac.digest()


def read_entry(file: Path, key: bytes, secret: bytes | None = None) -> memoryview | None:
    """The verified payload of a cache entry, or None (missing, foreign, stale, truncated, corrupt,
    too big, or not written with ``secret``)."""
    try:
        with open(file, "rb") as handle:
            if os.fstat(handle.fileno()).st_size > _MAX_ENTRY:
                return None
            blob = handle.read(_MAX_ENTRY + 1)
    except OSError:
        return None
    if len(blob) < _HEADER or not blob.startswith(MAGIC):
        return None
    at = len(MAGIC)
    if blob[at : at + 32] != key:
        return None
    size = int.from_bytes(blob[at + 32 : at + 40], "little")
    payload = memoryview(blob)[_HEADER:]
    if len(payload) != size or not hmac.compare_digest(_mac(secret, key, payload), blob[at + 40 : at + 72]):
        return None
    return payload  # marshal reads a memoryview without copying the bytes


def write_entry(file: Path, key: bytes, payload: bytes, secret: bytes | None = None) -> bool:
    """Write atomically; False (and nothing left behind) when the folder cannot be written."""
    blob = b"".join((MAGIC, key, len(payload).to_bytes(8, "little"), _mac(secret, key, payload), payload))
    tmp = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=file.name + ".", suffix=".tmp", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        os.replace(tmp, file)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _images_present(deck: Deck, base_dir: Path) -> bool:
    """The file-system part of the image rule (the rest depends only on content, checked when cached)."""
    images = {c.image for c in deck.cards if c.image} | {c.answer_image for c in deck.cards if c.answer_image}
    if not images:
        return True
    try:
        root = base_dir.resolve()
        for image in images:
            target = (base_dir / image).resolve(strict=True)
            if not target.is_relative_to(root) or not target.is_file() or not os.access(target, os.R_OK):
                return False
    except (OSError, RuntimeError, ValueError):
        return False
    return True


_FAILED = b"F"  # first byte of a failure entry (a deck payload starts with marshal's tuple code)
_PROBLEM_TYPES: tuple[type | tuple[type, ...], ...] = (
    str,
    (int, type(None)),
    (int, type(None)),
    (str, type(None)),
    (str, type(None)),
    (str, type(None)),
)


def encode_failure(error: DeckError) -> bytes | None:
    """The entry payload remembering ``error``, or None when it must not be remembered."""
    problems = error.problems
    if any("image '" in p.message or "too complex to read" in p.message for p in problems):
        return None
    rows = tuple((p.message, p.line, p.column, p.card_id, p.hint, p.excerpt) for p in problems)
    return _FAILED + marshal.dumps(rows)


def decode_failure(payload: bytes | memoryview, display: str) -> DeckError:
    """The DeckError a failure entry remembers (its problems placed in ``display``)."""
    rows = marshal.loads(payload[1:])
    if not isinstance(rows, tuple) or not rows or len(rows) > 1_000:
        raise ValueError("bad failure entry")
    problems = []
    for row in rows:
        if not isinstance(row, tuple) or len(row) != 6:
            raise ValueError("bad failure row")
        if not all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(row, _PROBLEM_TYPES)):
            raise ValueError("bad failure row")
        problems.append(Problem(display, *row))
    return DeckError(problems)


def load_cached(
    data: bytes,
    abs_path: str,
    cache_dir: Path,
    build: Callable[[], Deck],
    base_dir: Path | None = None,
    display: str | None = None,
    secret: bytes | None = None,
) -> Deck:
    """The deck in ``data`` (the bytes of the file at ``abs_path``; images relative to ``base_dir``,
    by default that file's folder): from the cache when a valid entry exists, else ``build()`` (the
    full load, which raises DeckError for a bad deck) and cache it — or its failure (problems placed
    in ``display``, by default ``abs_path``)."""
    if not ENABLED:
        return build()
    content = hashlib.sha256(data)
    key = cache_key(content.digest())
    file = entry_path(cache_dir, abs_path)
    payload = read_entry(file, key, secret)
    if payload is not None and payload[:1] == _FAILED:
        try:
            failure = decode_failure(payload, display or abs_path)
        except Exception:
            failure = None
        if failure is not None:
            raise failure
        payload = None
    if payload is not None:
        enabled = gc.isenabled()
        gc.disable()  # hundreds of thousands of new objects, none of them garbage
        try:
            deck = decode(payload, path=abs_path, content_hash=content.hexdigest())
        except Exception:
            deck = None
        finally:
            if enabled:
                gc.enable()
        if deck is not None and _images_present(deck, base_dir or Path(abs_path).parent):
            touch(file)  # a use, for the size cap's least-recently-used order
            return deck
    try:
        deck = build()
    except DeckError as error:
        remembered = encode_failure(error)
        if remembered is not None and write_entry(file, key, remembered, secret):
            prune(file.parent, file, suffix=SUFFIX)
        raise
    enabled = gc.isenabled()
    gc.disable()  # encoding makes ~10 tuples per card; collections over the fresh deck would triple its cost
    try:
        encoded = encode(deck)
    except Exception:
        return deck
    finally:
        if enabled:
            gc.enable()
    if write_entry(file, key, encoded, secret):
        prune(file.parent, file, suffix=SUFFIX)  # a cold load parsed YAML: one folder scan is nothing
    return deck
