"""What one answer records (practice leaves the schedule alone) and what undo puts back (the flag stays)."""

from __future__ import annotations

from datetime import timedelta

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, MemoryState, Progress, Rating, StudyMode
from kquiz.study.answering import keeping_flag, practice_answer

KEY = CardKey("deck", "basic-00000")


def reviewed(clock: FixedClock) -> MemoryState:
    return MemoryState(
        CardState.REVIEW,
        None,
        12.0,
        5.0,
        clock.now() + timedelta(days=3),
        clock.now() - timedelta(days=9),
        reps=4,
        lapses=1,
    )


def test_practice_logs_the_cards_own_memory_and_leaves_progress_alone(clock: FixedClock) -> None:
    memory = reviewed(clock)
    done = practice_answer(KEY, Progress(KEY, memory), Rating.AGAIN, clock.now(), 1500)
    assert done.progress is None and not done.became_leech
    record = done.record
    assert record.mode == StudyMode.PRACTICE and record.rating == Rating.AGAIN and record.duration_ms == 1500
    assert record.before == memory and record.after == memory
    new = practice_answer(KEY, None, Rating.GOOD, clock.now(), 0)
    assert new.record.before == new.record.after == MemoryState()


def test_undo_of_a_new_cards_answer_keeps_a_flag_set_since_with_the_cards_text_hash(
    clock: FixedClock,
) -> None:
    answered = Progress(KEY, reviewed(clock), content_hash="hash-now", flagged=True)
    back = keeping_flag(KEY, None, answered)
    assert back == Progress(KEY, content_hash="hash-now", flagged=True)


def test_undo_puts_back_the_previous_progress_with_the_flag_as_it_is_now(clock: FixedClock) -> None:
    before = Progress(KEY, reviewed(clock), content_hash="old", flagged=True)
    after = Progress(KEY, MemoryState(), content_hash="new", flagged=False)
    assert keeping_flag(KEY, before, after) == Progress(
        KEY, reviewed(clock), content_hash="old", flagged=False
    )
    same = Progress(KEY, MemoryState(), content_hash="new", flagged=True)
    assert keeping_flag(KEY, before, same) is before
    assert keeping_flag(KEY, before, None) is before
    assert keeping_flag(KEY, None, Progress(KEY, content_hash="new")) is None
