"""The front door on a real data dir: library, counts, settings, sessions, changed and orphaned cards."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from study_builders import flip_and_rate, make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Counts, Phase, Selection, Settings, open_core
from kquiz.app.core import DeckNotFound
from kquiz.domain import CardKey, Rating, StudyMode
from kquiz.errors import SettingsError


def _open(data_dir, clock, *dirs, bundled=False):  # type: ignore[no-untyped-def]
    return open_core(data_dir, clock=clock, seed=3, extra_deck_dirs=dirs, include_bundled=bundled)


def test_library_counts_and_topics(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("alpha", 30, topics=("pharm", "risk")), deck_dir)
    write_deck(make_deck("beta", 5), data_dir / "decks")  # the learner's own decks folder
    with _open(data_dir, clock, deck_dir) as core:
        assert core.library.decks == ()  # nothing read until asked
        library = core.load_library()
        assert [d.id for d in library.decks] == ["beta", "alpha"] and library.failures == ()
        assert core.counts("alpha") == Counts(new=20, learning=0, review=0)
        assert core.topic_counts("alpha") == {"pharm": Counts(15, 0, 0), "risk": Counts(15, 0, 0)}
        assert core.counts("beta") == Counts(5, 0, 0)
        session = core.start_session(Selection(deck_ids=("alpha",)))
        flip_and_rate(session, 3, Rating.AGAIN)
        assert core.counts("alpha") == Counts(new=17, learning=3, review=0)
        with pytest.raises(DeckNotFound):
            core.counts("nope")
        assert core.deck("beta").title == "Deck beta"


def test_bundled_decks_load(data_dir, clock) -> None:
    with _open(data_dir, clock, bundled=True) as core:
        library = core.load_library()
        assert library.failures == () and len(library.decks) >= 2
        for deck in library.decks:
            assert core.counts(deck.id).new == min(20, len(deck.cards))


def test_duplicate_deck_id_is_reported_not_merged(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("same", 3), data_dir / "decks")
    write_deck(make_deck("same", 9), deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        library = core.load_library()
        assert len(library.decks) == 1 and len(library.deck("same").cards) == 3  # the learner's copy wins
        (failure,) = library.failures
        assert "already used" in str(failure) and str(deck_dir) in str(failure)


def test_a_folder_inside_another_is_read_once(data_dir, deck_dir, clock) -> None:
    inner = deck_dir / "inner"
    inner.mkdir()
    write_deck(make_deck("nested", 3), inner)
    (inner / "broken.yaml").write_text("kquiz: 1\nid: [unclosed\n", encoding="utf-8")
    with _open(data_dir, clock, deck_dir) as core:
        library = core.add_deck_folder(inner)  # also reached through deck_dir
        assert [d.id for d in library.decks] == ["nested"]
        (failure,) = library.failures  # the broken file once, and no "id already used" by itself
        assert "broken.yaml" in str(failure) and "already used" not in str(failure)


def test_settings_persist_and_validate(data_dir, clock) -> None:
    with _open(data_dir, clock) as core:
        assert core.settings() == Settings()
        changed = replace(Settings(), new_per_day=5, theme="dark")
        core.save_settings(changed)
        with pytest.raises(SettingsError):
            core.save_settings(replace(Settings(), new_per_day=-1))
        with pytest.raises(SettingsError):
            core.save_settings(replace(Settings(), theme="purple"))
    with _open(data_dir, clock) as core:
        assert core.settings() == changed
        core.store.connection.execute("UPDATE settings SET value = '{not json' WHERE name = 'study_settings'")
        assert (
            core.settings() == Settings()
        )  # damaged settings fall back to the defaults, the app still opens
        core.save_settings(changed)
        assert core.settings() == changed
        core.store.set_setting("deck_folders", "not a list")
    with _open(data_dir, clock) as core:
        assert core.deck_folders() == []
        core.store.connection.execute("UPDATE settings SET value = '[' WHERE name = 'deck_folders'")
    with _open(data_dir, clock) as core:
        assert core.deck_folders() == []


def test_added_folder_is_remembered(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("added", 4), deck_dir)
    with _open(data_dir, clock) as core:
        assert core.load_library().decks == ()
        assert [d.id for d in core.add_deck_folder(deck_dir).decks] == ["added"]
        with pytest.raises(SettingsError):
            core.add_deck_folder(deck_dir / "missing")
    with _open(data_dir, clock) as core:
        assert [d.id for d in core.load_library().decks] == ["added"]
        assert core.remove_deck_folder(deck_dir).decks == ()


def test_edited_card_keeps_progress_and_is_marked_changed(data_dir, deck_dir, clock) -> None:
    deck = make_deck("ed", 3)
    path = write_deck(deck, deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        keys = flip_and_rate(core.start_session(Selection()), 3, Rating.EASY)
        before = core.store.get(keys[0])
    edited = replace(
        deck, cards=tuple(replace(c, back="Rewritten") if c.id == keys[0].card_id else c for c in deck.cards)
    )
    write_deck(edited, deck_dir, path.name)
    clock.advance(days=20)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        after = core.store.get(keys[0])
        assert after.changed and after.memory == before.memory and after.content_hash == before.content_hash
        assert not core.store.get(keys[1]).changed
        session = core.start_session(Selection())
        shown = {session.current.key: session.current}
        while session.phase != Phase.FINISHED:
            shown[session.current.key] = session.current
            session.reveal()
            session.rate(Rating.GOOD)
        assert shown[keys[0]].changed and shown[keys[0]].answer == "Rewritten"
        assert not core.store.get(keys[0]).changed  # studied again: the new text is now what was learned
        assert core.reset_progress([keys[1]]) == 1 and core.store.get(keys[1]) is None


def test_removed_card_is_an_orphan_and_comes_back(data_dir, deck_dir, clock) -> None:
    deck = make_deck("orph", 4)
    path = write_deck(deck, deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        keys = flip_and_rate(core.start_session(Selection()), 4, Rating.EASY)
        kept = core.store.get(keys[1])
        write_deck(
            replace(deck, cards=tuple(c for c in deck.cards if c.id != keys[1].card_id)), deck_dir, path.name
        )
        core.load_library()
        assert [p.key for p in core.orphans()] == [keys[1]]
        clock.advance(days=60)
        session = core.start_session(Selection())
        assert keys[1] not in flip_and_rate(session, session.remaining.total)
        write_deck(deck, deck_dir, path.name)  # the card comes back
        core.load_library()
        assert core.orphans() == [] and core.store.get(keys[1]) == kept


def test_delete_orphans_spares_decks_that_failed_to_load(data_dir, deck_dir, clock) -> None:
    a = write_deck(make_deck("a", 2), deck_dir)
    b = write_deck(make_deck("b", 2), deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        flip_and_rate(core.start_session(Selection()), 4, Rating.EASY)
        write_deck(replace(make_deck("a", 2), cards=make_deck("a", 2).cards[:1]), deck_dir, a.name)
        b.write_text(b.read_text() + "\n  - this: is: broken\n", encoding="utf-8")
        library = core.load_library()
        assert [d.id for d in library.decks] == ["a"] and library.failures
        assert {p.key.deck_id for p in core.orphans()} == {"a", "b"} and len(core.orphans()) == 3
        assert core.delete_orphans() == 1  # only the removed card of the deck that loaded
        assert {p.key.deck_id for p in core.orphans()} == {"b"}


def test_practice_and_leech_selection_through_core(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("p", 6), deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        session = core.start_session(Selection(), StudyMode.SCHEDULED)
        failed = flip_and_rate(session, 2, Rating.AGAIN)
        practice = core.start_session(Selection(failed_today=True), StudyMode.PRACTICE)
        assert practice.mode == StudyMode.PRACTICE and practice.remaining.total == 2
        assert {practice.current.key} <= set(failed)
        assert core.selection_counts(Selection(failed_today=True)).learning == 2
        progress_before = core.store.all_progress()
        practised = flip_and_rate(practice, 2, Rating.GOOD)
        assert sorted(practised) == sorted(failed) and practice.phase == Phase.FINISHED
        assert core.store.all_progress() == progress_before  # the schedule is untouched
        log = list(core.store.iter_reviews())
        assert [r.mode for r in log] == [StudyMode.SCHEDULED] * 2 + [StudyMode.PRACTICE] * 2
        assert [r.key for r in log[2:]] == practised and all(r.before == r.after for r in log[2:])


def test_seeded_sessions_repeat(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("s", 8, kinds=("choice",)), deck_dir)
    orders = []
    for _ in range(2):
        with _open(data_dir, clock, deck_dir) as core:
            core.load_library()
            orders.append(core.start_session(Selection(), StudyMode.PRACTICE).current.choices)
    assert orders[0] == orders[1]


def test_optimize_needs_enough_reviews(data_dir, clock) -> None:
    with _open(data_dir, clock) as core:
        with pytest.raises(SettingsError, match="Not enough reviews"):
            core.optimize()
        assert core.settings().scheduling.parameters is None


def test_next_day_reviews_come_due(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("n", 3), deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        flip_and_rate(core.start_session(Selection()), 3, Rating.EASY)
        assert core.counts("n") == Counts(0, 0, 0)
        clock.advance(days=40)
        assert core.counts("n").review == 3
        key = CardKey("n", make_deck("n", 3).cards[0].id)
        assert core.store.get(key).memory.due < clock.now() + timedelta(days=1)


def test_delete_orphans_spares_decks_in_missing_folders(data_dir, deck_dir, clock) -> None:
    import shutil

    write_deck(make_deck("usb", 2), deck_dir)
    write_deck(make_deck("home", 2), data_dir / "decks")
    with _open(data_dir, clock) as core:
        with pytest.raises(Exception, match="Load the deck library"):
            core.delete_orphans()  # nothing loaded yet: every row would look orphaned
        core.add_deck_folder(deck_dir)
        flip_and_rate(core.start_session(Selection()), 4, Rating.EASY)
    shutil.rmtree(deck_dir)  # the drive is unplugged
    with _open(data_dir, clock) as core:
        library = core.load_library()
        assert library.missing_folders == (deck_dir.resolve(),)
        assert {p.key.deck_id for p in core.orphans()} == {"usb"}
        assert core.delete_orphans() == 0
        assert len(core.store.all_progress()) == 4


def test_mark_cards_unsuspends_a_leech(data_dir, deck_dir, clock) -> None:
    write_deck(make_deck("m", 3), deck_dir)
    with _open(data_dir, clock, deck_dir) as core:
        core.load_library()
        session = core.start_session(Selection())
        first = session.current.key
        session.suspend()
        second = session.current.key
        session.bury()
        assert core.counts("m").new == 1
        assert core.mark_cards([first], suspended=False, leech=False) == 1
        assert core.mark_cards([second], unbury=True) == 1
        assert core.mark_cards([second], unbury=True) == 0  # nothing left to change
        assert core.counts("m").new == 3
        assert core.mark_cards([first], flagged=True) == 1 and core.store.get(first).flagged
