"""A cold load with a cache folder returns the deck decoded from the entry it writes (compact memory,
issue 20); if that entry would not decode, the parsed deck is returned and nothing is written."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from kquiz.decks import cache, load_deck


def test_cold_load_returns_the_decoded_copy(deck_file: Path, tmp_path: Path, monkeypatch) -> None:
    decoded: list[object] = []
    real = cache.decode

    def spy(*args, **kwargs):
        decoded.append(deck := real(*args, **kwargs))
        return deck

    monkeypatch.setattr(cache, "decode", spy)
    deck = load_deck(deck_file, cache_dir=tmp_path / "cache")
    assert decoded == [deck] and decoded[0] is deck  # the copy from the entry, not the parsed objects
    assert deck == load_deck(deck_file) and len(list((tmp_path / "cache").iterdir())) == 1


def test_an_entry_that_does_not_decode_is_not_written(deck_file: Path, tmp_path: Path, monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise ValueError("simulated decoding bug")

    monkeypatch.setattr(cache, "decode", broken)
    deck = load_deck(deck_file, cache_dir=tmp_path / "cache")
    assert deck == load_deck(deck_file)
    assert not list((tmp_path / "cache").glob("*" + cache.SUFFIX))


def test_glibc_is_found_where_it_is_the_c_library() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert (cache._glibc() is not None) == glibc  # elsewhere tuning and trimming do nothing
    cache.fixed_mmap_threshold()
    cache.release_free_memory()
