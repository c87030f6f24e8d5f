"""Recording, undoing, querying reviews and progress; settings."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import timedelta

import pytest

from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, StudyMode
from kquiz.errors import CorruptStore, StorageError
from kquiz.storage import ProgressStore, codec

from .conftest import T0, learning, progress_after, review_of

A = CardKey("deck-a", "card-1")
B = CardKey("deck-a", "card-2")
C = CardKey("deck-b", "card-1")


def test_record_review_stores_log_and_progress_atomically(store):
    record = review_of(A, T0)
    progress = progress_after(record, flagged=True)
    saved = store.record_review(record, progress)
    assert isinstance(saved.id, int) and record.id is None
    assert saved == dataclasses.replace(record, id=saved.id)
    assert store.get(A) == progress
    assert list(store.iter_reviews()) == [saved]


def test_everything_round_trips_exactly(store):
    memory = MemoryState(
        state=CardState.RELEARNING,
        step=0,
        stability=0.123456789012345,
        difficulty=9.87654321,
        due=T0 + timedelta(minutes=10, microseconds=7),
        last_review=T0,
        reps=17,
        lapses=3,
    )
    progress = Progress(
        key=A,
        memory=memory,
        content_hash="sha256:abc",
        suspended=True,
        buried_until=T0 + timedelta(days=1),
        flagged=True,
        leech=True,
        changed=True,
    )
    store.save_progress(progress)
    assert store.get(A) == progress
    record = review_of(A, T0 + timedelta(microseconds=1), rating=Rating.AGAIN, before=memory)
    saved = store.record_review(record, None)
    (back,) = store.iter_reviews()
    assert back == saved and back.before == memory and back.reviewed_at == T0 + timedelta(microseconds=1)


def test_practice_review_leaves_progress_alone(store):
    first = progress_after(review_of(A, T0))
    store.save_progress(first)
    store.record_review(review_of(A, T0 + timedelta(hours=1), mode=StudyMode.PRACTICE), None)
    assert store.get(A) == first
    assert store.count_reviews(mode=StudyMode.PRACTICE) == 1
    assert store.count_reviews() == 0  # default counts scheduled only


def test_undo_restores_previous_progress_exactly(store):
    r1 = store.record_review(review_of(A, T0), p1 := progress_after(review_of(A, T0)))
    later = T0 + timedelta(minutes=10)
    r2_record = review_of(A, later, before=p1.memory)
    r2 = store.record_review(r2_record, Progress(A, r2_record.after, "h-card-1", flagged=True))
    store.undo_review(r2.id, p1)
    assert store.get(A) == p1
    assert [r.id for r in store.iter_reviews()] == [r1.id]
    store.undo_review(r1.id, None)  # undoing the first review of a new card: no progress at all
    assert store.get(A) is None
    assert list(store.iter_reviews()) == []
    r3 = store.record_review(review_of(A, later), None)
    assert r3.id > r2.id  # ids are never reused after an undo


def test_undo_of_unknown_or_mismatched_review_changes_nothing(store):
    saved = store.record_review(review_of(A, T0), progress_after(review_of(A, T0)))
    with pytest.raises(StorageError):
        store.undo_review(saved.id + 100, None)
    with pytest.raises(StorageError):
        store.undo_review(saved.id, Progress(B))  # restore for another card: rolled back
    assert [r.id for r in store.iter_reviews()] == [saved.id]
    assert store.get(A) is not None


def test_record_review_rejects_progress_of_another_card(store):
    with pytest.raises(StorageError):
        store.record_review(review_of(A, T0), Progress(B))
    assert list(store.iter_reviews()) == [] and store.get(B) is None


def test_record_review_is_durable_on_return(db_path, clock):
    store = ProgressStore.open(db_path, clock=clock)
    saved = store.record_review(review_of(A, T0), progress_after(review_of(A, T0)))
    # Another connection (as another process would) sees the committed row before we close.
    other = sqlite3.connect(db_path)
    try:
        assert other.execute("SELECT id FROM review_log").fetchall() == [(saved.id,)]
        assert other.execute("SELECT COUNT(*) FROM progress").fetchone() == (1,)
    finally:
        other.close()
        store.close()


def _populate(store):
    for i in range(30):
        key = [A, B, C][i % 3]
        mode = StudyMode.PRACTICE if i % 5 == 0 else StudyMode.SCHEDULED
        before = MemoryState() if i < 3 else learning(T0)
        store.record_review(review_of(key, T0 + timedelta(hours=i), mode=mode, before=before), None)


def test_iter_reviews_filters_and_orders(store):
    _populate(store)
    everything = list(store.iter_reviews())
    assert len(everything) == 30
    assert [r.reviewed_at for r in everything] == sorted(r.reviewed_at for r in everything)
    since, until = T0 + timedelta(hours=5), T0 + timedelta(hours=10)
    window = list(store.iter_reviews(since=since, until=until))
    assert [r.reviewed_at for r in window] == [
        T0 + timedelta(hours=h) for h in range(5, 10)
    ]  # [since, until)
    deck_b = list(store.iter_reviews(deck_ids=["deck-b"]))
    assert len(deck_b) == 10 and all(r.key == C for r in deck_b)
    practice = list(store.iter_reviews(mode=StudyMode.PRACTICE))
    assert len(practice) == 6 and all(r.mode == StudyMode.PRACTICE for r in practice)
    combined = list(store.iter_reviews(since=since, deck_ids=["deck-a"], mode=StudyMode.SCHEDULED))
    assert combined and all(r.key.deck_id == "deck-a" and r.reviewed_at >= since for r in combined)
    assert list(store.iter_reviews(deck_ids=[])) == []


def test_iter_reviews_streams_many_rows(store):
    conn = store.connection
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO review_log (reviewed_at_us, deck_id, card_id, rating, mode, duration_ms, b_state,"
        " b_reps, b_lapses, a_state, a_reps, a_lapses, uid) VALUES (?, 'd', 'c', 3, 'scheduled', 0, 0, 0, 0, 1, 1, 0, ?)",
        [(i, codec.uuid7(i, i)) for i in range(2345)],
    )
    conn.execute("COMMIT")
    stream = store.iter_reviews()
    first = next(stream)
    assert first.reviewed_at.year == 1970
    assert sum(1 for _ in stream) == 2344


def test_count_reviews(store):
    _populate(store)
    assert store.count_reviews() == 24
    assert store.count_reviews(mode=None) == 30
    assert store.count_reviews(deck_id="deck-b") == 8
    assert (
        store.count_reviews(since=T0, until=T0 + timedelta(hours=3), mode=None, first_review_only=True) == 3
    )
    assert store.count_reviews(first_review_only=True) == 2  # review 0 was practice


def test_all_progress_and_delete(store):
    for key in (A, B, C):
        store.save_progress(Progress(key, content_hash=key.card_id))
    assert set(store.all_progress()) == {A, B, C}
    assert set(store.all_progress(["deck-a"])) == {A, B}
    assert store.all_progress([]) == {}
    assert store.delete_progress([A, C, CardKey("nope", "x")]) == 2
    assert set(store.all_progress()) == {B}


def test_settings_are_json(store):
    assert store.get_setting("missing", {"d": 1}) == {"d": 1}
    value = {"scheduling": {"desired_retention": 0.9, "learning_steps": [60.0, 600.0]}, "theme": "dark"}
    store.set_setting("settings", value)
    assert store.get_setting("settings") == value
    store.set_setting("settings", None)
    assert store.get_setting("settings", "default") is None
    with pytest.raises(StorageError):
        store.set_setting("bad", float("nan"))
    with pytest.raises(StorageError):
        store.set_setting("bad", object())
    store.connection.execute("INSERT INTO settings (name, value) VALUES ('hand-edited', '{oops')")
    with pytest.raises(CorruptStore, match="hand-edited"):
        store.get_setting("hand-edited")


def test_closed_store_raises_storage_error(db_path, clock):
    store = ProgressStore.open(db_path, clock=clock)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StorageError):
        store.get(A)
    with pytest.raises(StorageError):
        store.save_progress(Progress(A))


def test_disk_full_fails_cleanly_and_a_retry_succeeds(store):
    conn = store.connection
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: like a full disk
    for i in range(10_000):  # answer cards until the store is full
        filler = review_of(CardKey("deck-a", f"filler-{i:05d}"), T0)
        try:
            store.record_review(filler, progress_after(filler))
        except StorageError as exc:
            assert "full" in str(exc)
            break
    else:
        pytest.fail("the store never filled up")
    count = store.count_reviews()
    record = review_of(A, T0)
    with pytest.raises(StorageError, match="full"):
        store.record_review(record, progress_after(record))
    assert store.get(A) is None and store.count_reviews() == count  # nothing half-written
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same answer saves
    saved = store.record_review(record, progress_after(record))
    assert list(store.iter_reviews(deck_ids=["deck-a"]))[-1] == saved and store.get(A) is not None
    assert store.count_reviews() == count + 1


def test_writing_while_streaming_reviews(store):
    _populate(store)
    stream = store.iter_reviews()
    seen = [next(stream) for _ in range(3)]
    store.record_review(review_of(A, T0 + timedelta(days=30)), None)  # e.g. a session commits
    seen.extend(stream)
    assert len(seen) in (30, 31)
    assert store.count_reviews(mode=None) == 31


def test_verify_reports_a_sound_store(store):
    _populate(store)
    assert store.verify() == []
