"""The compiled deck cache cannot lie or hurt (issue 21): entries are authenticated with the data
folder's secret, checked for shape, types and sizes, and any doubt means reading the YAML."""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import time
from pathlib import Path

import pytest

from kquiz.app.library import CACHE_SECRET, cache_secret
from kquiz.decks import cache, load_deck

DECK = """kquiz: 1
id: honest
title: Honest
topics: [{id: t, title: T}]
cards:
  - {id: c1, type: basic, topic: t, front: The true front, back: The true back}
"""
SECRET = b"s" * 32

pytestmark = pytest.mark.skipif(not cache.ENABLED, reason="the deck cache is off for this build")


def _entry(tmp_path: Path) -> tuple[Path, Path, bytes]:
    deck = tmp_path / "honest.yaml"
    deck.write_text(DECK, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    load_deck(deck, cache_dir=cache_dir, cache_secret=SECRET)  # writes the entry
    key = cache.cache_key(hashlib.sha256(deck.read_bytes()).digest())
    return deck, cache.entry_path(cache_dir, str(deck.resolve())), key


def _forged(payload: bytes, front: object) -> bytes:
    layout, head, cites, choices, columns = marshal.loads(payload)
    columns = tuple((front,) if i == 10 else col for i, col in enumerate(columns))
    return marshal.dumps((layout, head, cites, choices, columns))


def test_a_planted_entry_without_the_secret_is_not_believed(tmp_path: Path) -> None:
    deck, entry, key = _entry(tmp_path)
    payload = cache.read_entry(entry, key, SECRET)
    assert payload is not None
    cache.write_entry(entry, key, _forged(bytes(payload), "Text that is not in the deck"))  # sha256 only
    loaded = load_deck(deck, cache_dir=tmp_path / "cache", cache_secret=SECRET)
    assert loaded.cards[0].front == "The true front"  # read from the YAML, the entry rewritten
    assert cache.read_entry(entry, key, SECRET) is not None


def test_an_entry_with_a_wrong_type_is_not_used_even_when_authenticated(tmp_path: Path) -> None:
    deck, entry, key = _entry(tmp_path)
    payload = cache.read_entry(entry, key, SECRET)
    assert payload is not None
    cache.write_entry(entry, key, _forged(bytes(payload), 42), SECRET)  # a number where text goes
    loaded = load_deck(deck, cache_dir=tmp_path / "cache", cache_secret=SECRET)
    assert loaded.cards[0].front == "The true front"


def test_a_tiny_entry_claiming_a_huge_tuple_costs_nothing(tmp_path: Path) -> None:
    deck, entry, key = _entry(tmp_path)
    bomb = b"(" + (2**29).to_bytes(4, "little") + b"N" * 60  # marshal: a tuple of 2^29 items
    cache.write_entry(entry, key, bomb)  # a valid sha256, as anyone can compute; no HMAC
    started = time.perf_counter()
    loaded = load_deck(deck, cache_dir=tmp_path / "cache", cache_secret=SECRET)
    assert time.perf_counter() - started < 1.0  # was 6.8 s and 4.2 GB
    assert loaded.cards[0].back == "The true back"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_secret_is_made_once_and_private(tmp_path: Path) -> None:
    first = cache_secret(tmp_path)
    assert first is not None and len(first) == 32
    assert cache_secret(tmp_path) == first
    assert stat.S_IMODE((tmp_path / CACHE_SECRET).stat().st_mode) == 0o600
