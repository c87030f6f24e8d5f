"""Replaying review histories through kquiz's scheduler and through Anki's FSRS (the ``anki`` wheel).

Anki runs in a child process (``python anki_peer.py --anki``, JSON in and out) with ``ANKI_TEST_MODE``
set, which turns Anki's fuzz off (Anki reads it once per process), and ``TZ=UTC``. Each prefix of a
history becomes one Anki card whose review log holds that prefix; Anki's own code computes the memory
state from the log (``compute_memory_state``) and, for cards in Review, the interval (deck options saved
with "reschedule cards": ``due = last review's study day + next_interval(stability)``). Anki's live
answer buttons also keep Good at least Hard + 1 day and Easy at least Good + 1 day; a rescheduled card
has no other buttons, so that rule is not compared (kquiz applies it as Hard ≤ Good < Easy, so its Hard
may be shorter and its Easy longer than Anki's stored interval: see docs/scheduling.md).

Figures: ``python tests/scheduling/anki_peer.py --report 200`` prints how many histories match.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from kquiz.domain import CardKey, CardState, MemoryState, Rating
from kquiz.scheduling import Scheduler, SchedulingSettings, study_day

ROLLOVER = 4
START = datetime(1985, 1, 2, ROLLOVER, tzinfo=UTC)  # histories are in the past: Anki reads the
END = datetime(2025, 1, 1, tzinfo=UTC)  # log up to today and counts a future review as today
S_TOLERANCE = 2e-5  # relative: Anki computes in 32-bit floats, kquiz in 64-bit
D_TOLERANCE = 5e-4  # absolute: Anki stores difficulty with 3 decimals
_WEIGHTS = (15, 12, 58, 15)  # Again, Hard, Good, Easy


@dataclass(frozen=True)
class Step:
    """One answer of a history and what came of it."""

    at: datetime
    rating: int
    kind: int  # Anki's revlog type for it: 0 learn, 1 review, 2 relearn
    stability: float
    difficulty: float
    interval: int | None  # study days to the due date, for answers that leave the card in Review


def study_day_of(at: datetime) -> date:
    return study_day(at, UTC, ROLLOVER)


def scheduler(settings: SchedulingSettings | None = None) -> Scheduler:
    settings = settings or SchedulingSettings(fuzz=False)
    try:
        return Scheduler(settings, tz=UTC, rollover_hour=ROLLOVER)
    except TypeError:  # a kquiz from before study days (for the "before" figure)
        return Scheduler(settings)


def replay(answers: list[tuple[datetime, int]], sched: Scheduler | None = None) -> list[Step]:
    """kquiz's states after each answer of one card, from New."""
    sched = sched or scheduler()
    memory, steps, key = MemoryState(), [], CardKey("peer", "card")
    for at, rating in answers:
        kind = {CardState.REVIEW: 1, CardState.RELEARNING: 2}.get(memory.state, 0)
        memory = sched.next_state(key, memory, Rating(rating), at)
        assert memory.stability is not None and memory.difficulty is not None and memory.due is not None
        interval = None
        if memory.state == CardState.REVIEW:
            interval = (study_day(memory.due, UTC, ROLLOVER) - study_day(at, UTC, ROLLOVER)).days
        steps.append(Step(at, rating, kind, memory.stability, memory.difficulty, interval))
    return steps


def random_history(rng: random.Random) -> list[tuple[datetime, int]]:
    """Up to 14 answers: some later the same study day, most on a later day near (or well off) the
    due date, each at a random time of day — so evening-then-morning pairs are common."""
    at = START + timedelta(days=rng.randrange(30), seconds=rng.randrange(86400))
    answers: list[tuple[datetime, int]] = []
    sched = scheduler()
    memory, key = MemoryState(), CardKey("peer", "gen")
    for _ in range(rng.randint(2, 14)):
        rating = rng.choices((1, 2, 3, 4), _WEIGHTS)[0]
        answers.append((at, rating))
        memory = sched.next_state(key, memory, Rating(rating), at)
        day_start = datetime.combine(study_day(at, UTC, ROLLOVER), START.timetz())
        left = day_start + timedelta(days=1) - at
        if rng.random() < 0.3 and left > timedelta(minutes=2):
            at += timedelta(seconds=rng.randrange(60, int(left.total_seconds())))
            continue
        due_days = max(1, round(((memory.due or at) - at).total_seconds() / 86400))
        days = max(1, round(due_days * rng.uniform(0.2, 1.8)))
        at = day_start + timedelta(days=days, seconds=rng.randrange(86400))
        if at >= END:
            break
    return answers


def random_histories(seed: int, count: int) -> list[list[tuple[datetime, int]]]:
    rng = random.Random(seed)
    return [random_history(rng) for _ in range(count)]


def anki_replay(histories: list[list[Step]]) -> list[list[tuple[float, float, int | None]]]:
    """Anki's (stability, difficulty, interval or None) after each answer of each history."""
    request = [
        [(round(s.at.timestamp() * 1000), s.rating, s.kind, s.interval is not None) for s in h]
        for h in histories
    ]
    env = {**os.environ, "ANKI_TEST_MODE": "1", "TZ": "UTC"}
    done = subprocess.run(
        [sys.executable, __file__, "--anki"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    return [[(s, d, i) for s, d, i in h] for h in json.loads(done.stdout)]


def _same_interval(ours: Step, theirs: int | None) -> bool:
    """Equal, except where kquiz kept the buttons in order (Hard ≤ Good < Easy), which Anki's
    stored memory states do not show: Hard may be shorter, Easy longer."""
    if ours.interval == theirs or ours.interval is None or theirs is None:
        return ours.interval == theirs
    return (ours.rating == 2 and ours.interval < theirs) or (ours.rating == 4 and ours.interval > theirs)


def matches(ours: list[Step], theirs: list[tuple[float, float, int | None]]) -> bool:
    return all(
        abs(o.stability - s) <= S_TOLERANCE * o.stability
        and abs(o.difficulty - d) <= D_TOLERANCE
        and _same_interval(o, i)
        for o, (s, d, i) in zip(ours, theirs, strict=True)
    )


def _anki_side() -> None:  # runs in the child process
    import tempfile

    from anki.collection import Collection
    from anki.deck_config_pb2 import UpdateDeckConfigsMode, UpdateDeckConfigsRequest

    from kquiz.scheduling import DEFAULT_PARAMETERS

    request = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as folder:
        col = Collection(os.path.join(folder, "peer.anki2"))
        col.set_config("rollover", ROLLOVER)
        col.set_config("loadBalancerEnabled", False)
        notetype = col.models.by_name("Basic")
        cards: list[list[int]] = []
        stamp = 0
        for history in request:
            ids = []
            for end in range(1, len(history) + 1):
                note = col.new_note(notetype)
                note["Front"] = f"{len(cards)}-{end}"
                col.add_note(note, 1)
                cid = note.cards()[0].id
                for ms, rating, kind, _ in history[:end]:
                    stamp += 1  # revlog ids must be unique
                    col.db.execute(
                        "insert into revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                        " values (?, ?, -1, ?, 0, 0, 0, 1000, ?)",
                        ms + stamp % 1000,
                        cid,
                        rating,
                        kind,
                    )
                ctype = 2 if history[end - 1][3] else 1
                col.db.execute(
                    "update cards set type = ?, queue = ?, ivl = 1, due = 0 where id = ?", ctype, ctype, cid
                )
                ids.append(cid)
            cards.append(ids)
        configs = col.decks.get_deck_configs_for_update(1)
        config = configs.all_config[0].config
        config.config.fsrs_params_6[:] = list(DEFAULT_PARAMETERS)
        config.config.desired_retention = 0.9
        config.config.learn_steps[:] = [1.0, 10.0]
        config.config.relearn_steps[:] = [10.0]
        col.decks.update_deck_configs(
            UpdateDeckConfigsRequest(
                target_deck_id=1,
                configs=[config],
                mode=UpdateDeckConfigsMode.UPDATE_DECK_CONFIGS_MODE_NORMAL,
                limits=configs.current_deck.limits,
                fsrs=True,
                fsrs_reschedule=True,
            )
        )
        out = []
        for history, ids in zip(request, cards, strict=True):
            rows = []
            for (_ms, _rating, _kind, review), cid in zip(history, ids, strict=True):
                state = col.compute_memory_state(cid)
                rows.append((state.stability, state.difficulty, col.get_card(cid).ivl if review else None))
            out.append(rows)
        col.close()
    json.dump(out, sys.stdout)


def _report(count: int, seed: int = 23) -> None:
    histories = [replay(h) for h in random_histories(seed, count)]
    theirs = anki_replay(histories)
    same = sum(matches(o, t) for o, t in zip(histories, theirs, strict=True))
    answers = sum(len(h) for h in histories)
    print(f"{same} of {count} random histories ({answers} answers) match Anki's FSRS")


ISSUE_EXAMPLE = [  # issue 23: Easy at 20:00 (due in 8 days), Good on the due day at 09:00
    (datetime(2024, 3, 4, 20, tzinfo=UTC), 4),
    (datetime(2024, 3, 12, 9, tzinfo=UTC), 3),
]


def write_reference(path: str, count: int = 12, seed: int = 2323) -> None:
    """The reference table in tests/data (Anki's values for a few histories), so the agreement is
    checked where the ``anki`` wheel is not installed."""
    import anki.buildinfo

    answers = [ISSUE_EXAMPLE, *random_histories(seed, count)]
    theirs = anki_replay([replay(a) for a in answers])
    about = (
        f"Anki {anki.buildinfo.version} FSRS, fuzz off, FSRS-6 default parameters, desired retention 0.9, "
        f"learning steps 1m 10m, relearning 10m, rollover {ROLLOVER}:00 UTC. After each answer: "
        "[stability, difficulty, interval in days or null]. Written by anki_peer.py --reference."
    )
    rows = [
        json.dumps({"answers": [[at.isoformat(), r] for at, r in a], "anki": t})
        for a, t in zip(answers, theirs, strict=True)
    ]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f'{{"about": {json.dumps(about)},\n "histories": [\n  ' + ",\n  ".join(rows) + "\n]}\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--anki"]:
        _anki_side()
    elif sys.argv[1:2] == ["--report"]:
        _report(int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    elif sys.argv[1:2] == ["--reference"]:
        write_reference(sys.argv[2])
