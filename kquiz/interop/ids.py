"""Stable card ids for imported rows, so that re-importing an updated file keeps progress.

The rule (documented in docs/authoring.md):

* A row with an explicit id (an ``id`` column) keeps it, if it is a valid id.
* A row with a stable key (the GUID column of an Anki export) gets ``anki-<10 hex of sha256(guid)>``:
  the id survives any edit of the note's text.
* Otherwise the id is ``<slug of the front>-<6 hex of sha256(normalised front)>``. The slug is the
  front's first words in lower-case ASCII (at most 40 characters; ``card`` when it has no letters or
  digits); normalising collapses whitespace and ignores case, so re-spacing or re-casing a front keeps
  the id. Changing the back, tags or explanation keeps the id; changing the words of the front makes a
  new card.
* Collisions are settled in file order, deterministically: when a later row has the same front as an
  earlier one, its hash is taken over front *and* back instead; a row with the same front and back as an
  earlier row is a duplicate and is reported, not imported. Any remaining clash (two different texts
  with equal slug and hash) gets ``-2``, ``-3``... in file order.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# The deck format's patterns (kquiz/decks/deck.schema.json): deck ids are slugs; card, topic and
# source ids are a little freer.
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CARD_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
MAX_ID = 64
MAX_SLUG = 40


def slugify(text: str, *, max_len: int = MAX_SLUG, empty: str = "card") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            if not slug:
                slug = word[:max_len]
            break
        slug = candidate
    return slug or empty


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def is_valid_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.match(value)) and len(value) <= MAX_ID


def is_valid_id(value: str) -> bool:
    """A valid card, topic or source id."""
    return bool(CARD_ID_PATTERN.match(value)) and len(value) <= MAX_ID


class IdAllocator:
    """Hands out ids in file order; ``allocate`` returns None for a duplicate row (front and back)."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._fronts: dict[str, int] = {}  # normalised front -> line of its first row
        self._pairs: dict[tuple[str, str], int] = {}  # (front, back) -> line of its first row

    def duplicate_of(self, front: str, back: str) -> int | None:
        return self._pairs.get((normalise(front), normalise(back)))

    def reserve(self, card_id: str) -> bool:
        """Claim an explicit id; False if it is already taken."""
        if card_id in self._used:
            return False
        self._used.add(card_id)
        return True

    def allocate(
        self, front: str, back: str, line: int, *, stable_key: str | None = None, label: str | None = None
    ) -> str | None:
        """``label`` is the text the slug is made from (a cloze's text with its answers filled in)."""
        pair = (normalise(front), normalise(back))
        if stable_key is None and pair in self._pairs:
            return None
        self._pairs.setdefault(pair, line)
        if stable_key is not None:
            base = f"anki-{short_hash(stable_key, 10)}"
        elif pair[0] not in self._fronts:
            base = f"{slugify(label or front)}-{short_hash(pair[0])}"
        else:
            base = f"{slugify(label or front)}-{short_hash(pair[0] + chr(31) + pair[1])}"
        self._fronts.setdefault(pair[0], line)
        card_id, n = base, 1
        while card_id in self._used:
            n += 1
            card_id = f"{base}-{n}"
        self._used.add(card_id)
        return card_id
