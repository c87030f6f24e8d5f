"""The compiled deck cache: a warm load equals a cold one, and nothing stale or damaged is ever trusted."""

from __future__ import annotations

import os
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from kquiz.decks import cache, load_deck, load_folder
from kquiz.domain import CardType
from kquiz.errors import DeckError
from kquiz.paths import bundled_decks_dir


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*" + cache.SUFFIX))


def test_fast_builder_matches_the_domain_classes() -> None:
    assert cache.ENABLED, "the domain card classes changed shape: update cache._KINDS"


def test_warm_load_equals_cold_load_for_every_card_type(deck_file: Path, cache_dir: Path) -> None:
    cold = load_deck(deck_file)
    first = load_deck(deck_file, cache_dir=cache_dir)  # cold, writes the entry
    assert len(entries(cache_dir)) == 1
    warm = load_deck(deck_file, cache_dir=cache_dir)
    assert warm == cold == first
    assert {c.type for c in warm.cards} == set(CardType)
    for a, b in zip(warm.cards, cold.cards):
        assert type(a) is type(b)
        for f in fields(a):  # every slot is set (a missing slot raises AttributeError here)
            assert getattr(a, f.name) == getattr(b, f.name)
    assert warm.path == str(deck_file.resolve()) and warm.content_hash == cold.content_hash
    assert [c.line for c in warm.cards] == [c.line for c in cold.cards] and warm.cards[0].line > 0
    hash(warm)  # frozen objects stay hashable


def test_warm_load_really_comes_from_the_cache(deck_file: Path, cache_dir: Path, monkeypatch) -> None:
    load_deck(deck_file, cache_dir=cache_dir)
    import kquiz.decks.loader as loader

    def no_parsing(*_a, **_k):
        raise AssertionError("parsed the YAML although the cache entry is valid")

    monkeypatch.setattr(loader, "_load", no_parsing)
    assert load_deck(deck_file, cache_dir=cache_dir).id == "all-kinds"


def test_bundled_decks_round_trip(tmp_path: Path) -> None:
    cold = load_folder(bundled_decks_dir())
    load_folder(bundled_decks_dir(), cache_dir=tmp_path)
    warm = load_folder(bundled_decks_dir(), cache_dir=tmp_path)
    assert warm.decks == cold.decks and len(warm.decks) >= 1 and not warm.errors
    assert len(entries(tmp_path)) == len(cold.decks)


def test_changed_file_invalidates(deck_file: Path, cache_dir: Path) -> None:
    load_deck(deck_file, cache_dir=cache_dir)
    deck_file.write_text(deck_file.read_text().replace("What blocks NMDA?", "What blocks NMDA now?"))
    deck = load_deck(deck_file, cache_dir=cache_dir)
    assert deck.card("b1").front == "What blocks NMDA now?"
    assert deck == load_deck(deck_file)
    assert len(entries(cache_dir)) == 1  # the deck's one entry was replaced, not added to


def test_file_made_invalid_reports_errors_not_the_cached_deck(deck_file: Path, cache_dir: Path) -> None:
    load_deck(deck_file, cache_dir=cache_dir)
    deck_file.write_text(
        deck_file.read_text().replace(
            "topic: pharm\n    front: What blocks", "topic: nope\n    front: What blocks"
        )
    )
    with pytest.raises(DeckError, match="unknown topic 'nope'"):
        load_deck(deck_file, cache_dir=cache_dir)


def test_missing_image_is_reported_on_a_warm_load(deck_file: Path, cache_dir: Path) -> None:
    load_deck(deck_file, cache_dir=cache_dir)
    (deck_file.parent / "img" / "fig.png").unlink()
    with pytest.raises(DeckError, match=r"image 'img/fig\.png' not found"):
        load_deck(deck_file, cache_dir=cache_dir)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped", "foreign-magic", "other-key"])
def test_damaged_cache_entry_is_ignored_and_rebuilt(deck_file: Path, cache_dir: Path, damage: str) -> None:
    cold = load_deck(deck_file, cache_dir=cache_dir)
    [entry] = entries(cache_dir)
    good = entry.read_bytes()
    bad = {
        "garbage": os.urandom(len(good)),
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "flipped": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "foreign-magic": b"NOTKQUIZ" + good[8:],
        "other-key": good[:8] + bytes(32) + good[40:],
    }[damage]
    entry.write_bytes(bad)
    assert load_deck(deck_file, cache_dir=cache_dir) == cold
    assert entry.read_bytes() == good  # rewritten


def test_valid_checksum_but_nonsense_payload_is_ignored(deck_file: Path, cache_dir: Path) -> None:
    """An entry whose header checks out but whose data is not a deck (hand-made) is not trusted."""
    import marshal

    cold = load_deck(deck_file, cache_dir=cache_dir)
    [entry] = entries(cache_dir)
    key = entry.read_bytes()[8:40]
    head = ("all-kinds", "T", "", "en", (), 1, (), ())
    for payload in (
        marshal.dumps(("x",)),
        marshal.dumps((1, head, (), ((99, "id"),))),
        marshal.dumps((1, head, (), ((0, "b1", "pharm", "", "", 5, (), None, 1, "f", "b"),))),
        b"\xff\x00junk",
    ):
        cache.write_entry(entry, key, payload)
        assert load_deck(deck_file, cache_dir=cache_dir) == cold


def test_other_kquiz_version_invalidates(deck_file: Path, cache_dir: Path, monkeypatch) -> None:
    load_deck(deck_file, cache_dir=cache_dir)
    [entry] = entries(cache_dir)
    before = entry.read_bytes()
    import kquiz

    monkeypatch.setattr(kquiz, "__version__", "99.0.0", raising=False)
    monkeypatch.setattr(cache, "_PREFIX", None)
    parsed = []
    import kquiz.decks.loader as loader

    real = loader._load
    monkeypatch.setattr(loader, "_load", lambda *a: parsed.append(1) or real(*a))
    load_deck(deck_file, cache_dir=cache_dir)
    assert parsed == [1]  # the old entry was not used
    assert entry.read_bytes()[8:40] != before[8:40]  # and was replaced by one for this version


def test_changed_loader_code_invalidates(monkeypatch) -> None:
    monkeypatch.setattr(cache, "_PREFIX", None)
    first = cache.cache_key(b"x" * 32)
    monkeypatch.setattr(cache, "_PREFIX", None)
    monkeypatch.setattr(cache, "_code_version", lambda: "another loader")
    assert cache.cache_key(b"x" * 32) != first


def test_same_content_at_two_paths_keeps_each_path(deck_file: Path, cache_dir: Path) -> None:
    other = deck_file.parent / "copy.yaml"
    shutil.copy(deck_file, other)
    a = load_deck(deck_file, cache_dir=cache_dir)
    b = load_deck(other, cache_dir=cache_dir)
    assert load_deck(other, cache_dir=cache_dir).path == str(other.resolve()) == b.path
    assert load_deck(deck_file, cache_dir=cache_dir).path == a.path != b.path


def test_unwritable_cache_folder_still_loads(deck_file: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    assert load_deck(deck_file, cache_dir=blocker / "decks") == load_deck(deck_file)
    assert not list(tmp_path.glob("**/*.tmp"))


def test_broken_deck_is_remembered_as_broken_until_it_changes(tmp_path: Path, cache_dir: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kquiz: 1\nid: x\ntitle: X\ncards:\n  - {id: a, type: basic, topic: none, front: F, back: B}\n"
    )
    seen = []
    for _ in range(2):  # the second time from the cache (issue 21: not parsed at every start)
        with pytest.raises(DeckError) as caught:
            load_deck(bad, cache_dir=cache_dir)
        seen.append([p.render() for p in caught.value.problems])
    assert seen[0] == seen[1] and len(entries(cache_dir)) == 1
    bad.write_text(
        bad.read_text()
        .replace("topic: none, ", "topic: none, x-fixed: 1, ")
        .replace("cards:", "topics: [{id: none, title: N}]\ncards:")
    )
    assert load_deck(bad, cache_dir=cache_dir).id == "x"  # new content: read again


def test_core_library_uses_the_cache(tmp_path: Path) -> None:
    from kquiz.app import open_core

    with open_core(tmp_path / "data") as core:
        first = core.load_library()
        assert len(entries(core.paths.deck_cache_dir)) == len(first.decks) >= 1
        again = core.load_library()
    assert again.decks == first.decks
