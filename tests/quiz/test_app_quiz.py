"""Tests through the front door on a real progress file: test answers are logged as their own mode,
never scheduling, never in retention or the review statistics, and have scores over time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kquiz.app import Selection, open_core
from kquiz.app.quiz import record_test, score_history, start_test
from kquiz.app.stats import compute_report
from kquiz.clock import FixedClock
from kquiz.domain import Rating, StudyMode
from kquiz.errors import KQuizError
from kquiz.quiz import QuestionKind
from kquiz.stats import buckets_from_records

DECK = "ketamine-mechanisms"


@pytest.fixture
def core(data_dir):
    clock = FixedClock(datetime(2026, 3, 2, 12, 0, tzinfo=UTC))
    with open_core(data_dir, clock=clock, seed=1) as opened:
        opened.load_library()
        yield opened


def right_answers(test):
    out = {}
    for q in test.questions:
        if q.kind == QuestionKind.CHOICE:
            out[q.number] = tuple(q.correct)
        elif q.kind == QuestionKind.TRUEFALSE:
            out[q.number] = q.answer == "True"
        else:
            out[q.number] = " | ".join(q.accepted) if q.blanks else q.accepted[0]
    return out


def test_a_test_is_logged_apart_from_scheduling_and_retention(core):
    counts_before = core.counts(DECK)
    test = start_test(core, Selection(deck_ids=(DECK,)), seed=42)
    assert len(test.questions) == 20 and test.seed == 42
    answers = right_answers(test)
    for q in test.questions[:5]:
        answers.pop(q.number)  # five left unanswered
    result = record_test(core, test, answers, durations_ms={1: 1500})
    assert (result.right, result.total) == (15, 20)
    rows = list(core.store.iter_reviews())
    assert len(rows) == 20 and {r.mode for r in rows} == {StudyMode.TEST}
    assert sum(r.rating == Rating.AGAIN for r in rows) == 5
    assert all(r.before == r.after for r in rows) and len({r.reviewed_at for r in rows}) == 1
    assert core.store.all_progress() == {}  # no schedule written
    assert core.counts(DECK) == counts_before  # nothing due, nothing introduced
    assert core.store.count_reviews(mode=StudyMode.SCHEDULED) == 0
    report = compute_report(core, deck_id=DECK, period_days=30)  # the SQL path
    assert report.total_reviews == 0 and report.total_practice == 0
    assert report.retention.window("today").total == 0
    assert buckets_from_records(rows, UTC, 4) == []  # the pure path leaves them out too


def test_scores_over_time_per_test_and_topic(core):
    first = start_test(core, Selection(deck_ids=(DECK,)), count=10, seed=1)
    record_test(core, first, right_answers(first))
    core.clock.advance(timedelta(days=1))
    second = start_test(core, Selection(deck_ids=(DECK,)), count=10, seed=2)
    record_test(core, second, {})
    history = score_history(core, DECK)
    assert [(p.right, p.total) for p in history] == [(10, 10), (0, 10)]
    assert history[0].at < history[1].at and history[0].deck_ids == (DECK,)
    assert sum(t.total for t in history[0].topics) == 10
    assert score_history(core, "ketamine-risks") == []


def test_scope_topic_kinds_and_keys(core):
    deck = core.deck("ketamine-clinical")
    topic = deck.topics[0].id
    test = start_test(core, Selection(deck_ids=(deck.id,), topic=topic), count=100, seed=3)
    assert {q.topic for q in test.questions} == {topic}
    # every card of the topic that can be asked (a long answer needs two other answers to choose from)
    assert len(test.questions) == test.available and 0 < test.available <= sum(
        c.topic == topic for c in deck.cards
    )
    only = start_test(core, Selection(), kinds=[QuestionKind.TRUEFALSE], seed=3)
    assert {q.kind for q in only.questions} == {QuestionKind.TRUEFALSE}
    keys = tuple(q.key for q in only.questions[:3])
    picked = start_test(core, Selection(keys=keys), seed=9)
    assert sorted(q.key for q in picked.questions) == sorted(keys)
    with pytest.raises(KQuizError):
        start_test(core, Selection(), kinds=[])
