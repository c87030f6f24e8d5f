"""The compiled deck cache stays under its size cap: least recently used entries go first (issue 20)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kquiz.decks import cache, cache_prune, load_deck
from tests.perf.helpers import PNG, all_kinds_deck

DAY = 24 * 3600


def make_decks(folder: Path, n: int) -> list[Path]:
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "fig.png").write_bytes(PNG)
    paths = []
    for i in range(n):
        path = folder / f"deck{i}.yaml"
        path.write_text(all_kinds_deck().replace("id: all-kinds", f"id: deck-{i}"), encoding="utf-8")
        paths.append(path)
    return paths


def entry(cache_dir: Path, deck: Path) -> Path:
    return cache.entry_path(cache_dir, str(deck.resolve()))


def age(file: Path, days: float) -> None:
    """The entry was last used ``days`` ago (access and modification time)."""
    then = time.time() - days * DAY
    os.utime(file, (then, then))


def test_writing_a_new_entry_prunes_the_least_recently_used(tmp_path: Path, monkeypatch) -> None:
    cache_dir = tmp_path / "cache"
    decks = make_decks(tmp_path / "decks", 5)
    for deck in decks[:4]:
        load_deck(deck, cache_dir=cache_dir)
    for days, deck in zip((40, 3, 30, 1), decks[:4], strict=True):
        age(entry(cache_dir, deck), days)
    size = entry(cache_dir, decks[0]).stat().st_size
    monkeypatch.setattr(cache_prune, "MAX_BYTES", 3 * size + size // 2)  # room for three entries
    load_deck(decks[4], cache_dir=cache_dir)  # a fifth entry: the two used longest ago go
    left = {p.name for p in cache_dir.glob("*" + cache.SUFFIX)}
    assert left == {entry(cache_dir, d).name for d in (decks[1], decks[3], decks[4])}
    assert load_deck(decks[0], cache_dir=cache_dir).id == "deck-0"  # a pruned deck is simply rebuilt


def test_a_warm_load_marks_its_entry_used_once_a_day(tmp_path: Path, monkeypatch) -> None:
    cache_dir = tmp_path / "cache"
    old, recent = make_decks(tmp_path / "decks", 2)
    for deck in (old, recent):
        load_deck(deck, cache_dir=cache_dir)
    age(entry(cache_dir, old), 10)
    age(entry(cache_dir, recent), 5)
    load_deck(old, cache_dir=cache_dir)  # a hit: now the most recently used, though never rewritten
    stat = entry(cache_dir, old).stat()
    assert time.time() - stat.st_atime < 60 and time.time() - stat.st_mtime > 9 * DAY
    before = entry(cache_dir, old).stat().st_atime
    load_deck(old, cache_dir=cache_dir)  # used again the same day: no second metadata write
    assert entry(cache_dir, old).stat().st_atime == before
    size = entry(cache_dir, old).stat().st_size
    removed = cache_prune.prune(cache_dir, suffix=cache.SUFFIX, max_bytes=size + size // 2)
    assert removed == [entry(cache_dir, recent)]


def test_prune_keeps_what_fits_spares_the_new_entry_and_clears_dead_writes(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    decks = make_decks(tmp_path / "decks", 2)
    for deck in decks:
        load_deck(deck, cache_dir=cache_dir)
    assert cache_prune.prune(cache_dir, suffix=cache.SUFFIX) == []  # far under the cap: nothing goes
    dead = cache_dir / "x.kqdeck.abc123.tmp"  # a write killed mid-way, two hours ago
    dead.write_bytes(b"partial")
    os.utime(dead, (time.time() - 7200, time.time() - 7200))
    busy = cache_dir / "y.kqdeck.def456.tmp"  # a write under way now: left alone
    busy.write_bytes(b"partial")
    other = cache_dir / "notes.txt"  # not ours
    other.write_text("kept")
    just_written = entry(cache_dir, decks[0])
    age(just_written, 50)  # the oldest, but it is the entry being written: kept even over the cap
    removed = cache_prune.prune(cache_dir, just_written, suffix=cache.SUFFIX, max_bytes=1)
    assert set(removed) == {dead, entry(cache_dir, decks[1])}
    assert just_written.exists() and busy.exists() and other.exists()


def test_pruning_a_missing_or_unreadable_folder_is_harmless(tmp_path: Path) -> None:
    assert cache_prune.prune(tmp_path / "absent", suffix=cache.SUFFIX) == []
    cache_prune.touch(tmp_path / "absent" / "x.kqdeck")  # no error


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_an_entry_that_cannot_be_deleted_is_skipped(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    decks = make_decks(tmp_path / "decks", 2)
    for deck in decks:
        load_deck(deck, cache_dir=cache_dir)
    cache_dir.chmod(0o500)
    try:
        assert cache_prune.prune(cache_dir, suffix=cache.SUFFIX, max_bytes=1) == []
    finally:
        cache_dir.chmod(0o700)
    assert len(list(cache_dir.glob("*" + cache.SUFFIX))) == 2
