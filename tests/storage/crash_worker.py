"""Child process for crash tests: answers cards forever, printing each answer once it is saved.

    python3 tests/storage/crash_worker.py DB_PATH SEED

Each line printed is ``<review id> <deck>/<card>``, written only after ``record_review`` returned
(i.e. after the durable commit): a printed line is an answer the app would have acknowledged.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, Progress, Rating, ReviewRecord, StudyMode
from kquiz.scheduling import Scheduler
from kquiz.storage import ProgressStore

CARDS = 50


def main(db: Path, seed: int) -> None:
    rng = random.Random(seed)
    clock = FixedClock(datetime(2026, 3, 2, 12, tzinfo=UTC))
    scheduler = Scheduler()
    with ProgressStore.open(db, clock=clock) as store:
        for review in store.iter_reviews():  # continue after the last answer of a previous run
            clock.set(max(clock.now(), review.reviewed_at))
        while True:
            key = CardKey("crash", f"card-{rng.randrange(CARDS):02d}")
            now = clock.advance(minutes=1)
            current = store.get(key) or Progress(key, content_hash="h")
            rating = rng.choice(list(Rating))
            after = scheduler.next_state(key, current.memory, rating, now)
            record = ReviewRecord(key, now, rating, StudyMode.SCHEDULED, 1500, current.memory, after)
            saved = store.record_review(record, Progress(key, after, content_hash="h"))
            sys.stdout.write(f"{saved.id} {key}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
