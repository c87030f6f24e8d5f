"""Random walks through a session (hypothesis): whatever the learner does, the store and the session agree,
and undoing everything puts every stored row back exactly."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from study_builders import START, dump, make_deck, start_session  # type: ignore[import-not-found]

from kquiz.clock import FixedClock
from kquiz.domain import CardType, Rating, StudyMode
from kquiz.errors import SessionError
from kquiz.storage import ProgressStore
from kquiz.study.model import Phase

ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["answer", "answer", "answer", "wrong", "undo", "suspend", "bury", "flag", "hint", "rate-early"]
        ),
        st.sampled_from(list(Rating)),
        st.integers(1, 900),
    ),
    min_size=1,
    max_size=40,
)


def _answer(session, right: bool) -> None:  # type: ignore[no-untyped-def]
    shown = session.current
    if shown.kind == CardType.CHOICE:
        session.submit_choice([shown.choices.index("NMDA" if right else "GABA-A")])
    elif shown.kind == CardType.TRUEFALSE:
        session.submit_truefalse(right)
    elif shown.kind == CardType.TYPED:
        session.submit_text("ketamine" if right else "nope")
    elif shown.kind == CardType.CLOZE:
        session.submit_text("NMDA" if right else "GABA")
    else:
        session.reveal()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(actions=ACTIONS, practice=st.booleans(), seed=st.integers(0, 2**16))
def test_random_sessions_keep_store_and_session_in_step(actions, practice, seed) -> None:
    deck = make_deck("walk", 8, kinds=("basic", "choice", "truefalse", "typed", "cloze"))
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(START)
        with ProgressStore.open(Path(folder) / "p.sqlite3", clock=clock) as store:
            warmup = start_session(store, clock, [deck], seed=seed)  # some history first
            for _ in range(3):
                warmup.reveal()
                warmup.rate(Rating.GOOD)
            clock.advance(days=2)
            initial = dump(store)
            session = start_session(
                store, clock, [deck], mode="practice" if practice else "scheduled", seed=seed
            )
            steps = 0  # undoable steps taken
            for action, rating, seconds in actions:
                clock.advance(seconds=seconds)
                if session.phase == Phase.FINISHED and action != "undo":
                    with pytest.raises(SessionError):
                        session.suspend()
                    continue
                if action in ("answer", "wrong"):
                    if session.phase == Phase.QUESTION:
                        _answer(session, action == "answer")
                    session.rate(rating)
                    steps += 1
                elif action == "undo":
                    undone = session.undo()
                    assert undone == (steps > 0)
                    if undone:
                        steps -= 1
                        assert session.phase == Phase.QUESTION
                elif action == "suspend":
                    session.suspend()
                    steps += 1
                elif action == "bury":
                    session.bury()
                    steps += 1
                elif action == "flag":
                    session.toggle_flag()
                elif action == "hint":
                    if session.phase == Phase.QUESTION and session.current.kind in (
                        CardType.TYPED,
                        CardType.CLOZE,
                    ):
                        assert "_" in session.hint()
                elif action == "rate-early" and session.phase == Phase.QUESTION:
                    with pytest.raises(SessionError):
                        session.rate(rating)
                # invariants after every step
                logged = list(store.iter_reviews(since=START + timedelta(days=2)))
                assert len(logged) == session.summary().studied
                assert all(
                    r.mode == (StudyMode.PRACTICE if practice else StudyMode.SCHEDULED) for r in logged
                )
                if session.current is not None:
                    assert session.current.key not in session._queue.keys()  # never queued twice
                stored = store.all_progress()
                for key, prog in session._progress.items():
                    assert stored.get(key) == prog
            if practice:
                assert dump(store)[0] == initial[0] or any(
                    a[0] in ("suspend", "bury", "flag") for a in actions
                )
            while session.undo():
                pass
            progress_rows, log_rows = dump(store)
            assert log_rows == initial[1]
            flagged = any(a[0] == "flag" for a in actions)
            if not flagged:
                assert progress_rows == initial[0]
