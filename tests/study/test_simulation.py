"""A simulated learner: 60 days on a 200-card deck, on the real store, with a fixed clock and seeded RNG.

85% Good, 10% Again, 5% Hard; study at 08:00 local, and every third day again at 23:30 and 03:30
(which still belongs to the same study day: the day rolls over at 04:00 local, in Europe/Berlin,
across the March DST change). Checked every day and at the end: daily limits, rollover, no card lost
or duplicated, every answer in the log and the log chained card by card, undo along the way.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from study_builders import make_deck, start_session  # type: ignore[import-not-found]

from kquiz.clock import FixedClock
from kquiz.domain import CardKey, CardState, CardType, Rating, StudyMode
from kquiz.scheduling import SchedulingSettings, day_bounds, study_day
from kquiz.storage import ProgressStore
from kquiz.study.model import Phase
from kquiz.study.settings import Settings

TZ = ZoneInfo("Europe/Berlin")
DAYS = 60
NEW_PER_DAY, REVIEWS_PER_DAY = 20, 200


def _answer(session, rng: random.Random) -> Rating:  # type: ignore[no-untyped-def]
    """Answer the current card the way the simulated learner does; returns the rating given."""
    roll = rng.random()
    intended = Rating.GOOD if roll < 0.85 else Rating.AGAIN if roll < 0.95 else Rating.HARD
    shown = session.current
    right = intended != Rating.AGAIN
    if shown.kind == CardType.CHOICE:
        pick = shown.choices.index("NMDA") if right else shown.choices.index("GABA-A")
        assert session.submit_choice([pick]).correct is right
    elif shown.kind == CardType.TRUEFALSE:
        assert session.submit_truefalse(right).correct is right
    elif shown.kind == CardType.TYPED:
        assert session.submit_text("ketamine" if right else "propofol").correct is right
    else:
        session.reveal()
    session.rate(intended)  # Hard overrides the suggested Good, as a learner may
    return intended


@pytest.mark.slow
def test_sixty_days_of_study(tmp_path) -> None:
    rng = random.Random(20260302)
    deck = make_deck("sim", 200, kinds=("basic", "choice", "truefalse", "typed", "cloze", "basic"))
    all_keys = {CardKey("sim", c.id) for c in deck.cards}
    clock = FixedClock(datetime(2026, 3, 2, 8, 0, tzinfo=TZ), local_tz=TZ)
    settings = Settings(
        scheduling=SchedulingSettings(fuzz=True), new_per_day=NEW_PER_DAY, reviews_per_day=REVIEWS_PER_DAY
    )
    answers: list[tuple[CardKey, Rating, datetime]] = []
    new_per_day: Counter = Counter()
    reviews_per_day: Counter = Counter()
    undos = 0
    with ProgressStore.open(tmp_path / "progress.sqlite3", clock=clock) as store:
        for d in range(DAYS):
            date = datetime(2026, 3, 2, tzinfo=TZ).date() + timedelta(days=d)
            starts = [datetime.combine(date, time(8, 0), tzinfo=TZ)]
            if d % 3 == 0:
                starts += [
                    datetime.combine(date, time(23, 30), tzinfo=TZ),
                    datetime.combine(date + timedelta(days=1), time(3, 30), tzinfo=TZ),
                ]
            for start in starts:
                clock.set(start)
                day = study_day(clock.now(), TZ, 4)
                assert day == date  # 23:30 and 03:30 the next morning are still study day `date`
                _day_start, day_end = day_bounds(day, TZ, 4)
                session = start_session(store, clock, [deck], settings=settings, seed=rng.randrange(2**32))
                if start.hour != 8:  # later the same study day: today's new cards were already introduced
                    assert (
                        session.remaining.new == 0 or new_per_day[day] + session.remaining.new <= NEW_PER_DAY
                    )
                shown_now: list[CardKey] = []
                while session.phase != Phase.FINISHED:
                    shown = session.current
                    memory = store.get(shown.key).memory if store.get(shown.key) else None
                    if memory is not None and memory.state == CardState.REVIEW:
                        assert memory.due < day_end  # only reviews due this study day
                    clock.advance(seconds=rng.uniform(4, 25))
                    rating = _answer(session, rng)
                    if rng.random() < 0.02:  # now and then the learner takes an answer back
                        assert session.undo() and session.current.key == shown.key
                        undos += 1
                        clock.advance(seconds=3)
                        rating = _answer(session, rng)
                    answers.append((shown.key, rating, clock.now()))
                    shown_now.append(shown.key)
                    if memory is None or memory.state == CardState.NEW:
                        new_per_day[day] += 1
                    elif memory.state == CardState.REVIEW:
                        reviews_per_day[day] += 1
                assert new_per_day[day] <= NEW_PER_DAY and reviews_per_day[day] <= REVIEWS_PER_DAY
                # nothing studyable left behind: reviews due today were all done (the limit was never hit)
                left = [
                    p
                    for p in store.all_progress(["sim"]).values()
                    if p.memory.state == CardState.REVIEW and p.memory.due < day_end and not p.suspended
                ]
                assert left == [] or reviews_per_day[day] == REVIEWS_PER_DAY
                # learning cards left are due beyond the learn-ahead window
                waiting = [
                    p
                    for p in store.all_progress(["sim"]).values()
                    if p.memory.state in (CardState.LEARNING, CardState.RELEARNING) and not p.suspended
                ]
                assert all(p.memory.due > clock.now() + timedelta(minutes=20) for p in waiting)
                assert session.summary().studied == len(shown_now)

        log = list(store.iter_reviews())
        progress = store.all_progress()

    # new cards: 20 a study day until the deck is exhausted (10 days), never more
    per_day_new = [new_per_day[datetime(2026, 3, 2).date() + timedelta(days=d)] for d in range(DAYS)]
    assert per_day_new[:10] == [20] * 10 and sum(per_day_new) == 200
    # ~900 reviews: elapsed time counts study days, so the 23:30 answers and the next 08:00 ones are a
    # day apart (FSRS's long-term formula), which spaces cards further than 24-hour steps did (~1,000)
    assert max(reviews_per_day.values()) <= REVIEWS_PER_DAY and sum(reviews_per_day.values()) > 800
    # every answer in the log, once, in order (undone answers are gone)
    assert [(r.key, r.rating, r.reviewed_at) for r in log] == answers
    assert all(r.mode == StudyMode.SCHEDULED for r in log) and undos > 0
    # no card lost or duplicated: every card has progress, the log chains each card's states
    assert set(progress) == all_keys
    by_card = defaultdict(list)
    for record in log:
        by_card[record.key].append(record)
    for key, records in by_card.items():
        assert records[0].before.state == CardState.NEW
        assert sum(r.before.state == CardState.NEW for r in records) == 1
        for a, b in itertools.pairwise(records):
            assert a.after == b.before
        assert records[-1].after == progress[key].memory
        assert progress[key].memory.reps == len(records)
    ratings = Counter(r.rating for r in log)
    assert 0.80 < ratings[Rating.GOOD] / len(log) < 0.90
    # learning worked: most cards have graduated to Review with intervals beyond a week
    graduated = [p for p in progress.values() if p.memory.state == CardState.REVIEW]
    assert len(graduated) > 150
    long = [p for p in graduated if p.memory.due - p.memory.last_review > timedelta(days=7)]
    assert len(long) > 100


def test_rollover_at_four_local(tmp_path) -> None:
    tz = ZoneInfo("America/New_York")
    clock = FixedClock(datetime(2026, 6, 1, 22, 0, tzinfo=tz), local_tz=tz)
    deck = make_deck("roll", 60)
    with ProgressStore.open(tmp_path / "p.sqlite3", clock=clock) as store:
        first = start_session(store, clock, [deck])
        assert first.remaining.new == 20
        while first.phase != Phase.FINISHED:
            first.reveal()
            first.rate(Rating.EASY)
        clock.set(datetime(2026, 6, 2, 3, 59, tzinfo=tz))
        assert start_session(store, clock, [deck]).remaining.new == 0  # still yesterday's study day
        clock.set(datetime(2026, 6, 2, 4, 0, tzinfo=tz))
        assert start_session(store, clock, [deck]).remaining.new == 20  # a new study day
