"""The queue: order, daily limits, learning cards, learn-ahead, selections."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

from study_builders import make_deck  # type: ignore[import-not-found]

from kquiz.domain import CardKey, CardState, MemoryState, Progress
from kquiz.scheduling import Scheduler, SchedulingSettings
from kquiz.study.model import Selection
from kquiz.study.queue import (
    DayTally,
    Kind,
    build_practice_queue,
    build_scheduled_queue,
    interleave,
    select_keys,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY_END = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
SCHED = Scheduler(SchedulingSettings(fuzz=False))


def review(key: CardKey, *, due: datetime, stability: float, last: datetime, **kw: object) -> Progress:
    memory = MemoryState(CardState.REVIEW, None, stability, 5.0, due, last, reps=3)
    return Progress(key, memory, **kw)  # type: ignore[arg-type]


def learning(key: CardKey, due: datetime) -> Progress:
    return Progress(
        key, MemoryState(CardState.LEARNING, 1, 1.0, 5.0, due, due - timedelta(minutes=1), reps=1)
    )


def keys(n: int, deck: str = "d") -> list[CardKey]:
    return [CardKey(deck, f"c{i:03d}") for i in range(n)]


def build(ks, progress, *, new=20, rev=200, done=None, now=NOW):
    return build_scheduled_queue(
        ks,
        progress,
        scheduler=SCHED,
        new_per_day=new,
        reviews_per_day=rev,
        now=now,
        day_end=DAY_END,
        done_today=done or {},
    )


def drain(queue, now=NOW):
    out = []
    while (item := queue.pop_next(now)) is not None:
        out.append(item)
    return out


def test_interleave_spreads_new_cards_evenly() -> None:
    reviews, new = keys(100, "r"), keys(10, "n")
    mixed = interleave(reviews, new)
    assert [k for k, _ in mixed if k.deck_id == "r"] == reviews  # orders kept
    assert [k for k, _ in mixed if k.deck_id == "n"] == new
    positions = [i for i, (k, kind) in enumerate(mixed) if kind == Kind.NEW]
    gaps = [b - a for a, b in itertools.pairwise(positions)]
    assert all(10 <= g <= 12 for g in gaps), gaps
    assert mixed[0][1] == Kind.REVIEW and positions[0] <= 12 and positions[-1] >= 99
    assert interleave([], new) == [(k, Kind.NEW) for k in new]
    assert interleave(reviews[:3], []) == [(k, Kind.REVIEW) for k in reviews[:3]]


def test_reviews_lowest_retrievability_first_and_limits_per_deck() -> None:
    ks = keys(6)
    progress = {
        # same due time, different stability: the weaker memory first
        ks[0]: review(ks[0], due=NOW - timedelta(days=1), stability=30, last=NOW - timedelta(days=31)),
        ks[1]: review(ks[1], due=NOW - timedelta(days=1), stability=2, last=NOW - timedelta(days=3)),
        ks[2]: review(
            ks[2], due=NOW + timedelta(hours=5), stability=10, last=NOW - timedelta(days=10)
        ),  # due later today
        ks[3]: review(ks[3], due=DAY_END + timedelta(hours=1), stability=10, last=NOW),  # tomorrow: not shown
        ks[4]: review(
            ks[4], due=NOW - timedelta(days=5), stability=10, last=NOW - timedelta(days=15), suspended=True
        ),
        ks[5]: review(
            ks[5],
            due=NOW - timedelta(days=5),
            stability=10,
            last=NOW - timedelta(days=15),
            buried_until=NOW + timedelta(hours=2),
        ),
    }
    order = [k for k, _ in drain(build(ks, progress))]
    r = {k: SCHED.retrievability(progress[k].memory, NOW) for k in order}
    assert order == sorted(order, key=lambda k: r[k])
    assert set(order) == {ks[0], ks[1], ks[2]}
    assert order[0] == ks[1]
    # limit: 1 review left today in this deck -> the weakest one only
    assert [k for k, _ in drain(build(ks, progress, rev=3, done={"d": DayTally(review=2)}))] == [ks[1]]
    # a bury that has expired no longer hides the card
    later = NOW + timedelta(hours=3)
    assert ks[5] in {k for k, _ in drain(build(ks, progress, now=later), now=later)}


def test_new_limit_counts_what_was_done_today_and_decks_take_turns() -> None:
    a, b = keys(30, "a"), keys(30, "b")
    queue = build(a + b, {}, new=20, done={"a": DayTally(new=15)})
    items = drain(queue)
    assert [k for k, _ in items if k.deck_id == "a"] == a[:5]  # author order, 5 left today
    assert [k for k, _ in items if k.deck_id == "b"] == b[:20]
    assert [k.deck_id for k, _ in items[:10]] == ["a", "b"] * 5  # round robin
    assert interleave(a[:1], b[:1]) == [(a[0], Kind.REVIEW), (b[0], Kind.NEW)]
    assert all(kind == Kind.NEW for _, kind in items)
    assert drain(build(a, {}, new=0)) == []


def test_learning_cards_come_first_when_due_then_learn_ahead() -> None:
    ks = keys(4)
    progress = {
        ks[0]: learning(ks[0], NOW - timedelta(minutes=2)),  # due now
        ks[1]: learning(ks[1], NOW + timedelta(minutes=10)),  # within learn-ahead
        ks[2]: learning(ks[2], NOW + timedelta(minutes=50)),  # too far ahead
    }
    queue = build(ks, progress)
    assert queue.counts().learning == 3 and queue.counts().new == 1
    assert queue.pop_next(NOW) == (ks[0], Kind.LEARNING)
    assert queue.pop_next(NOW) == (ks[3], Kind.NEW)
    assert queue.pop_next(NOW) == (ks[1], Kind.LEARNING)  # shown early: nothing else left
    assert queue.pop_next(NOW) is None
    assert queue.next_learning_due == NOW + timedelta(minutes=50)
    assert queue.pop_next(NOW + timedelta(minutes=31)) == (ks[2], Kind.LEARNING)


def test_learning_card_due_jumps_ahead_of_main_line() -> None:
    ks = keys(3)
    queue = build(ks, {})
    assert queue.pop_next(NOW) == (ks[0], Kind.NEW)
    queue.add_learning(ks[0], NOW + timedelta(minutes=1))
    assert queue.pop_next(NOW) == (ks[1], Kind.NEW)
    assert queue.pop_next(NOW + timedelta(minutes=1)) == (ks[0], Kind.LEARNING)
    snap = queue.snapshot()
    assert queue.pop_next(NOW) == (ks[2], Kind.NEW)
    queue.restore(snap)
    assert queue.counts().new == 1


def test_select_keys_by_deck_topic_tag_leech_failed() -> None:
    d1 = make_deck("d1", 6, topics=("pharm", "risk"))
    d2 = make_deck("d2", 4, topics=("pharm", "risk"))
    everything = select_keys([d1, d2], Selection(), {})
    assert len(everything) == 10
    assert select_keys([d1, d2], Selection(deck_ids=("d2",)), {}) == [CardKey("d2", c.id) for c in d2.cards]
    topic = select_keys([d1, d2], Selection(topic="risk"), {})
    assert {k.deck_id for k in topic} == {"d1", "d2"} and len(topic) == 5
    tagged = select_keys([d1, d2], Selection(tag="even"), {})
    assert len(tagged) == 5
    leech_key = CardKey("d1", d1.cards[1].id)
    progress = {leech_key: Progress(leech_key, leech=True, suspended=True)}
    assert select_keys([d1, d2], Selection(leeches=True), progress) == [leech_key]
    failed = {CardKey("d2", d2.cards[0].id)}
    assert select_keys([d1, d2], Selection(failed_today=True), {}, failed) == sorted(failed)


def test_practice_queue_is_every_card_shuffled_by_seed() -> None:
    ks = keys(20)
    q1 = [k for k, _ in drain(build_practice_queue(ks, {}, random.Random(5)))]
    q2 = [k for k, _ in drain(build_practice_queue(ks, {}, random.Random(5)))]
    assert q1 == q2 and sorted(q1) == ks and q1 != ks


def test_snapshot_restore_undoes_inserts_and_removals() -> None:
    ks = keys(6)
    queue = build_practice_queue(ks, {}, random.Random(1))
    order = [queue.pop_next(NOW)[0]]
    snap = queue.snapshot()
    before = queue.counts()
    queue.insert_main(order[0], Kind.NEW, 2)  # practice: Again -> back two cards later
    queue.discard([k for k in ks if k not in order][:2])
    assert queue.counts().total == before.total - 1
    later = drain(queue)
    assert order[0] in [k for k, _ in later] and len(later) == 4
    queue.restore(snap)
    assert queue.counts() == before
    rest = [k for k, _ in drain(queue)]
    assert sorted(rest + order) == ks  # exactly the cards that were left, each once


def test_discard_and_counts_stay_consistent() -> None:
    ks = keys(5)
    progress = {ks[0]: learning(ks[0], NOW - timedelta(minutes=1))}
    queue = build(ks, progress)
    assert queue.counts().total == 5 and len(queue) == 5
    queue.discard([ks[0], ks[3]])
    assert queue.counts().total == 3 and ks[3] not in queue.keys() and ks[0] not in queue.keys()
    assert [k for k, _ in drain(queue)] == [ks[1], ks[2], ks[4]]


def test_fast_counts_equal_the_queue_counts() -> None:
    from kquiz.study.queue import scheduled_counts

    rng = random.Random(9)
    for trial in range(40):
        ks = keys(60, "a") + keys(40, "b")
        progress = {}
        for k in ks:
            roll = rng.random()
            due = NOW + timedelta(hours=rng.uniform(-72, 40))
            if roll < 0.3:
                continue
            if roll < 0.45:
                progress[k] = learning(k, due)
            else:
                progress[k] = review(
                    k,
                    due=due,
                    stability=rng.uniform(1, 50),
                    last=NOW - timedelta(days=60),
                    suspended=rng.random() < 0.05,
                    buried_until=NOW + timedelta(hours=1) if rng.random() < 0.05 else None,
                )
        limits = dict(new=rng.randint(0, 25), rev=rng.randint(0, 40))
        done = {"a": DayTally(rng.randint(0, 10), rng.randint(0, 30))}
        queue = build(ks, progress, done=done, **limits)
        fast = scheduled_counts(
            ks,
            progress,
            new_per_day=limits["new"],
            reviews_per_day=limits["rev"],
            now=NOW,
            day_end=DAY_END,
            done_today=done,
        )
        assert fast == queue.counts(), trial
