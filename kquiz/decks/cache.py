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
``__setstate__``, about 6x slower than the direct slot writes in ``_build_cards`` (the payload's
encoding and checks are in kquiz/decks/cache_codec.py). The trade-off:
the cache can be read only by the same Python minor version (part of the key), and a hand-crafted
entry with a valid checksum could give a deck odd values, which is no more than a person able to
write into the user's own cache folder could do by editing the deck file itself.

Writes are atomic (temporary file + ``os.replace``, no fsync: an entry cut short by a crash fails
its checks and is rebuilt); a cache that cannot be written (read-only folder, full disk) is silently
skipped: the deck still loads. One file per deck path ever loaded; the folder is kept under a size cap,
least recently used entries first, after each write (kquiz/decks/cache_prune.py); deleting the folder
is always safe.

Memory: a cold load returns the deck decoded from the entry it just wrote, made once the parsed deck
is freed (it packs into the parse's freed memory instead of pinning it), then gives glibc's free
pages back; before the first parse glibc's mmap threshold is fixed at 128 KiB so that a parse's big
blocks are unmapped when freed. Together: a first start parsing ten 10,000-card decks peaks ~10 MiB
lower and ends holding ~20 MiB less (benchmarks/bench_memory.py).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import hmac
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from kquiz.decks.cache_codec import LAYOUT_VERSION, _layout_matches, decode, encode
from kquiz.decks.cache_prune import prune, touch
from kquiz.domain import Deck
from kquiz.errors import DeckError, Problem

MAGIC = b"KQDECK\x00\x01"
SUFFIX = ".kqdeck"
FORMAT_VERSION = 1  # the deck file format this cache holds (kquiz.decks.FORMAT_VERSION)
_HEADER = len(MAGIC) + 32 + 8 + 32  # magic, key, payload length, payload sha256
_MAX_ENTRY = 256 * 2**20  # bytes: a bigger entry file is not read
_T = TypeVar("_T")


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
    header = b"".join((MAGIC, key, len(payload).to_bytes(8, "little"), _mac(secret, key, payload)))
    tmp = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=file.name + ".", suffix=".tmp", dir=file.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(payload)  # not joined to the header: no copy of a payload of megabytes
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
    if payload is not None:  # hundreds of thousands of new objects, none of them garbage: no gc
        deck = _without_gc(decode, payload, path=abs_path, content_hash=content.hexdigest())
        if deck is not None and _images_present(deck, base_dir or Path(abs_path).parent):
            touch(file)  # a use, for the size cap's least-recently-used order
            return deck
    fixed_mmap_threshold()
    try:
        deck = build()
    except DeckError as error:
        remembered = encode_failure(error)
        if remembered is not None and write_entry(file, key, remembered, secret):
            prune(file.parent, file, suffix=SUFFIX)
        raise
    # encoding makes ~10 tuples per card; collections over the fresh deck would triple its cost
    encoded = _without_gc(encode, deck)
    if encoded is None:
        return deck
    # The parsed deck's objects lie scattered among the parse's freed memory (tens of MB for a big
    # deck), which keeps that memory from being reused or given back. The same deck decoded from
    # its entry once the parsed one is freed packs into that space instead: a first start that
    # parses many big decks then holds about what a later start from the cache holds.
    del deck
    compact = _without_gc(decode, encoded, path=abs_path, content_hash=content.hexdigest())
    if compact is None:  # never expected: the entry is not written, the deck parsed again
        return build()
    if write_entry(file, key, encoded, secret):
        prune(file.parent, file, suffix=SUFFIX)  # a cold load parsed YAML: one folder scan is nothing
    del encoded
    release_free_memory()
    return compact


def _without_gc(make: Callable[..., _T], *args: Any, **kwargs: Any) -> _T | None:
    """``make(*args, **kwargs)`` with the garbage collector paused (None if it raised)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return make(*args, **kwargs)
    except Exception:
        return None
    finally:
        if enabled:
            gc.enable()


@functools.cache
def _glibc() -> Any:
    """The C library when it is glibc on Linux (its malloc can be tuned and trimmed), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim, libc.mallopt  # noqa: B018 (musl has neither: AttributeError)
    except (OSError, AttributeError):
        return None
    return libc


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter


@functools.cache
def fixed_mmap_threshold() -> None:
    """Before the first parse: blocks of 128 KiB and more get their own mapping, given back when freed.

    glibc raises this threshold to the size of any such block freed (up to 32 MiB), after which the
    megabytes of a parse (its text, its big tables) come from the heap and stay there, fragmented,
    once freed: a first start parsing ten big decks ended ~10 MiB higher."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, 128 * 1024)


def release_free_memory() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    A cold load frees tens of megabytes of parse data at once, most of which glibc keeps mapped."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
