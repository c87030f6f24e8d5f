"""One session-level crash trial: a worker studies through the real core and is SIGKILLed.

The parent reads the worker's acknowledgements (see session_crash_worker.py), kills it with SIGKILL
after a random number of them plus a random few milliseconds (so the kill lands anywhere: inside
``rate``'s transaction, while the next card is chosen, in an undo, ...), then checks the file:

* the store-level checks of tests/storage/crash_check.py (every acknowledged review id in the log,
  each review starts where the card's previous one ended, stored state = last review's result,
  ``PRAGMA integrity_check`` ok);
* every acknowledged answer is logged for the card and with the rating the worker gave, and no
  taken-back answer is still there;
* replaying the whole log through a Scheduler with the stored settings gives, for every card,
  exactly the logged states and the stored progress.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, MemoryState, Rating, StudyMode
from kquiz.scheduling import Scheduler
from kquiz.storage import ProgressStore
from kquiz.study.settings import Settings
from tests.storage.crash_check import check as check_store

WORKER = Path(__file__).resolve().parent / "session_crash_worker.py"
WORKER_TIMEOUT_S = 120  # a trial takes seconds; no progress for this long is a hang
SETTINGS_KEY = "study_settings"  # kquiz.app.core.SETTINGS_KEY


def write_deck(folder: Path, cards: int = 24) -> Path:
    """A small deck of flip and true/false cards for the worker to study."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "kquiz: 1",
        "id: crash-deck",
        "title: Crash test deck",
        "topics:",
        "  - {id: t1, title: Topic one}",
        "sources:",
        "  - {id: s1, title: Test notes, publisher: kquiz tests, sections: [One]}",
        "cards:",
    ]
    for n in range(cards):
        lines.append(f"  - id: c{n:02d}")
        if n % 3 == 2:
            lines += [
                "    type: truefalse",
                f"    statement: Statement number {n} is true.",
                f"    answer: {'true' if n % 2 else 'false'}",
            ]
        else:
            lines += ["    type: basic", f"    front: Question number {n}?", f"    back: Answer {n}."]
        lines += ["    topic: t1", "    source: {id: s1, section: One}"]
    path = folder / "crash-deck.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass
class Ledger:
    """What the worker acknowledged, over every trial on the same data dir."""

    acked: dict[int, tuple[str, int]] = field(default_factory=dict)  # review id -> (deck/card, rating)
    undone: set[int] = field(default_factory=set)  # answers taken back (undo returned)
    undoing: set[int] = field(default_factory=set)  # undo asked, not acknowledged: either outcome is fine
    answers: int = 0  # acknowledged answers ("A" lines) over all trials
    undos: int = 0  # acknowledged undos ("U" lines)

    def apply(self, line: str) -> None:
        parts = line.split()
        review_id = int(parts[1])
        if parts[0] == "A":
            self.answers += 1
            self.acked[review_id] = (parts[2], int(parts[3]))
            self.undone.discard(review_id)  # an id freed by an undo may be given out again
            self.undoing.discard(review_id)
        elif parts[0] == "u":
            self.undoing.add(review_id)
        elif parts[0] == "U":
            self.undos += 1
            self.acked.pop(review_id, None)
            self.undoing.discard(review_id)
            self.undone.add(review_id)
        else:
            raise ValueError(f"unexpected worker line {line!r}")


@dataclass
class SessionTrial:
    acknowledged: int = 0  # steps acknowledged by the worker in this trial
    logged: int = 0  # reviews in the whole log after the trial
    lost: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)


def run_worker(
    data_dir: Path, deck_dir: Path, seed: int, rng: random.Random, ledger: Ledger, max_acks: int = 60
) -> int:
    """Run the worker until it acknowledged a random number of steps, then SIGKILL it."""
    target = rng.randrange(1, max_acks)
    extra_delay = rng.choice([0.0, 0.0, rng.uniform(0, 0.004), rng.uniform(0, 0.02)])
    child = subprocess.Popen(
        [sys.executable, str(WORKER), str(data_dir), str(deck_dir), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    steps = 0
    hung = threading.Event()

    def watchdog() -> None:
        hung.set()
        child.kill()

    timer = threading.Timer(WORKER_TIMEOUT_S, watchdog)
    timer.start()
    try:
        assert child.stdout is not None
        for line in child.stdout:
            ledger.apply(line)
            steps += line[0] != "u"
            if steps >= target:
                if extra_delay:
                    time.sleep(extra_delay)  # let it get somewhere into the next step
                child.send_signal(signal.SIGKILL)
                break
    finally:
        timer.cancel()
        child.kill()
        child.wait()
    assert child.stdout is not None and child.stderr is not None
    rest, err = child.stdout.read(), child.stderr.read()  # read() includes what the loop had buffered
    child.stdout.close()
    child.stderr.close()
    for line in rest.splitlines(keepends=True):  # acknowledged before the kill landed: they count too
        if line.endswith("\n"):
            ledger.apply(line)
            steps += line[0] != "u"
    if hung.is_set():
        raise RuntimeError(f"the worker gave no acknowledgement for {WORKER_TIMEOUT_S} s: {err[-2000:]}")
    if child.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the worker ended by itself (code {child.returncode}): {err[-2000:]}")
    return steps


def replay(store: ProgressStore) -> list[str]:
    """Replay the log through the Scheduler; every logged state and stored progress must match."""
    stored = store.get_setting(SETTINGS_KEY)
    settings = Settings.from_dict(stored) if stored else Settings()
    scheduler = Scheduler(settings.scheduling)
    memory: dict[CardKey, MemoryState] = {}
    problems = []
    for review in sorted(store.iter_reviews(), key=lambda r: r.id):
        if review.mode != StudyMode.SCHEDULED:
            continue
        before = memory.get(review.key, MemoryState())
        expected = scheduler.next_state(review.key, before, Rating(review.rating), review.reviewed_at)
        if review.before != before or review.after != expected:
            problems.append(f"review {review.id} of {review.key} differs from the replay")
        memory[review.key] = expected
    for key, state in memory.items():
        progress = store.get(key)
        if progress is None or progress.memory != state:
            problems.append(f"{key}: stored state differs from the replay of its log")
    for key, progress in store.all_progress().items():
        if key not in memory and progress.memory != MemoryState():
            problems.append(f"{key}: has a schedule but no review in the log")
    return problems


def check_session(data_dir: Path, ledger: Ledger) -> SessionTrial:
    db = data_dir / "progress.sqlite3"
    result = SessionTrial()
    sure = sorted(i for i in ledger.acked if i not in ledger.undoing)
    base = check_store(db, sure)
    result.lost += [f"review {i} not in the log" for i in base.lost]
    result.mismatched += base.mismatched
    clock = FixedClock(datetime(2030, 1, 1, tzinfo=UTC))
    with ProgressStore.open(db, clock=clock) as store:
        logged = {r.id: r for r in store.iter_reviews()}
        result.logged = len(logged)
        for review_id, (key, rating) in ledger.acked.items():
            review = logged.get(review_id)
            if review is not None and (
                f"{review.key.deck_id}/{review.key.card_id}" != key or int(review.rating) != rating
            ):
                result.lost.append(
                    f"review {review_id}: logged as {review.key} {review.rating}, "
                    f"acknowledged as {key} {rating}"
                )
        result.mismatched += [
            f"review {i} was taken back but is in the log" for i in ledger.undone if i in logged
        ]
        result.mismatched += replay(store)
    return result


def run_trial(
    data_dir: Path, deck_dir: Path, seed: int, rng: random.Random, ledger: Ledger, max_acks: int = 60
) -> SessionTrial:
    """One kill-and-check round; ``ledger`` carries what earlier rounds on this data dir acknowledged."""
    steps = run_worker(data_dir, deck_dir, seed, rng, ledger, max_acks)
    result = check_session(data_dir, ledger)
    result.acknowledged = steps
    return result
