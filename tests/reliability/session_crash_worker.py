"""Child process for the session-level crash test: studies cards forever through the real core.

    python3 tests/reliability/session_crash_worker.py DATA_DIR DECK_DIR SEED

It opens the app core (``kquiz.app.open_core``) on DATA_DIR with the decks of DECK_DIR, starts study
sessions and answers every card (flip and grade, or answer a true/false card and take the
suggested rating), sometimes taking an answer back with undo. A line is printed only once the
step is acknowledged, i.e. ``rate()``/``undo()`` returned and the next card is current:

    A <review id> <deck>/<card> <rating>     an answer the app has saved and moved past
    u <review id>                            about to undo it (a kill now may or may not undo it)
    U <review id>                            that answer was taken back (undo returned)

Time is a FixedClock moved forward by the worker (seconds per answer, hours or days between
sessions); a restart continues after the newest review already in the log.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kquiz.app import Phase, Selection, open_core
from kquiz.clock import FixedClock
from kquiz.domain import CardType, Rating

START = datetime(2026, 3, 2, 12, tzinfo=UTC)
UNDO_CHANCE = 0.08


def _last_review_id(core) -> int:  # type: ignore[no-untyped-def]
    return int(core.store.connection.execute("SELECT COALESCE(MAX(id), 0) FROM review_log").fetchone()[0])


def _answer(session, rng: random.Random) -> Rating:  # type: ignore[no-untyped-def]
    """Answer the current card the way a learner would; returns the rating to give."""
    shown = session.current
    if shown.kind == CardType.TRUEFALSE and rng.random() < 0.7:
        session.submit_truefalse(rng.random() < 0.5)
        if rng.random() < 0.6:
            return session.suggested_rating  # take the suggestion
        return rng.choice(list(Rating))  # override it
    session.reveal()
    return rng.choice(list(Rating))


def main(data_dir: Path, deck_dir: Path, seed: int) -> None:
    rng = random.Random(seed)
    clock = FixedClock(START)
    core = open_core(data_dir, clock=clock, seed=seed, extra_deck_dirs=[deck_dir], include_bundled=False)
    for review in core.store.iter_reviews():  # continue after the last answer of a previous run
        clock.set(max(clock.now(), review.reviewed_at + timedelta(seconds=1)))
    core.load_library()
    out = sys.stdout
    while True:
        session = core.start_session(Selection())
        while session.phase != Phase.FINISHED:
            key = session.current.key
            rating = _answer(session, rng)
            clock.advance(seconds=rng.randint(2, 90))
            session.rate(rating)  # durable when it returns; the next card is now current
            review_id = _last_review_id(core)
            out.write(f"A {review_id} {key.deck_id}/{key.card_id} {int(rating)}\n")
            out.flush()
            if rng.random() < UNDO_CHANCE and session.can_undo:
                out.write(f"u {review_id}\n")  # about to undo: the parent accepts either outcome
                out.flush()
                if session.undo():
                    out.write(f"U {review_id}\n")
                    out.flush()
        clock.advance(hours=rng.choice([1, 5, 20, 24, 72]))
        if session.summary().studied == 0:  # nothing to study: every card became a suspended leech
            stuck = [k for k, p in core.store.all_progress().items() if p.suspended]
            core.mark_cards(stuck, suspended=False, leech=False)  # the learner rewrote and unsuspended them


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))
