"""Review-log figures against hand-computed values: retention, practice, buttons, calendar, time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kquiz.domain import CardState, Rating, StudyMode
from kquiz.stats import Scope, StatsInputs, report_from_records

from .helpers import DAY, NOW, fake_recall, key, review

G, A, H, E = Rating.GOOD, Rating.AGAIN, Rating.HARD, Rating.EASY
TODAY = date(2026, 3, 2)


def inputs(**kw):
    base = dict(
        cards={},
        progress={},
        now=NOW,
        tz=UTC,
        retrievability=fake_recall,
        desired_retention=0.9,
        period_days=30,
    )
    base.update(kw)
    return StatsInputs(**base)


def at(days_back: int, hour: int = 10) -> datetime:
    """``hour`` o'clock UTC on the calendar day ``days_back`` before 2026-03-02."""
    return datetime(2026, 3, 2, hour, tzinfo=UTC) - timedelta(days=days_back)


def history():
    c = key("c1")
    rows = []
    # review answers in the last 7 days: 7 Good/Hard/Easy + 3 Again -> 70 %
    rows += [review(c, at(0, 9), G), review(c, at(0, 10), E), review(c, at(0, 11), A)]  # today 2/3
    rows += [review(c, at(1), G), review(c, at(1), H), review(c, at(1), A)]  # yesterday 2/3
    rows += [
        review(c, at(5), G, interval=30),
        review(c, at(5), G, interval=30),
        review(c, at(5), G, interval=30),
        review(c, at(5), A, interval=30),
    ]  # 5 days back: mature 3/4
    # 03:30 UTC today is still yesterday's study day (rollover 04:00): yesterday becomes 3/4
    rows.append(review(c, at(0, 3).replace(minute=30), G))
    # learning and relearning steps never count toward retention
    rows += [
        review(c, at(0), A, state=CardState.LEARNING),
        review(c, at(0), A, state=CardState.RELEARNING),
        review(c, at(0), G, state=CardState.NEW),
    ]
    # practice answers: counted on their own only
    rows += [
        review(c, at(0), A, mode=StudyMode.PRACTICE, ms=2000),
        review(c, at(0), G, mode=StudyMode.PRACTICE),
        review(c, at(3), A, mode=StudyMode.PRACTICE),
    ]
    # 20 days back: 4 mature answers, 1 Again; 100 days back: 1 young Good; 400 days back: 1 Good
    rows += [review(c, at(20), G, interval=40)] * 3 + [review(c, at(20), A, interval=40)]
    rows += [review(c, at(100), G), review(c, at(400), G)]
    return rows


def test_true_retention_windows_by_hand():
    r = report_from_records(history(), inputs()).retention
    assert r.desired == 0.9
    assert [(w.label, w.passed, w.total) for w in r.windows] == [
        ("today", 2, 3),
        ("yesterday", 3, 4),
        ("7 days", 8, 11),  # 2/3 + 3/4 + 3/4
        ("30 days", 11, 15),
        ("365 days", 12, 16),
    ]
    seven = r.window("7 days")
    assert (seven.young_passed, seven.young_total, seven.mature_passed, seven.mature_total) == (5, 7, 3, 4)
    assert seven.first_day == date(2026, 2, 24) and seven.last_day == TODAY
    assert r.window("today").rate == pytest.approx(2 / 3)


def test_seven_good_three_again_is_seventy_percent():
    c = key("c1")
    rows = [review(c, at(i % 7), G) for i in range(7)] + [review(c, at(i), A) for i in range(3)]
    rows += [review(c, at(1), A, mode=StudyMode.PRACTICE)] * 5  # practice never dilutes it
    w = report_from_records(rows, inputs()).retention.window("7 days")
    assert (w.passed, w.total, w.rate) == (7, 10, 0.7)


def test_practice_counted_separately():
    rep = report_from_records(history(), inputs())
    assert [(p.label, p.answers, p.correct) for p in rep.practice] == [
        ("today", 2, 1),
        ("yesterday", 0, 0),
        ("7 days", 3, 1),
        ("30 days", 3, 1),
        ("365 days", 3, 1),
    ]
    assert rep.total_practice == 3
    assert rep.total_reviews == len(history()) - 3
    assert sum(b.total for b in rep.buttons) == rep.total_reviews - 2  # 100 and 400 days back: outside 30


def test_answer_buttons_by_state_in_period():
    learning, young, mature = report_from_records(history(), inputs()).buttons
    assert (learning.kind, learning.again, learning.hard, learning.good, learning.easy) == (
        "learning",
        2,
        0,
        1,
        0,
    )
    assert (young.again, young.hard, young.good, young.easy) == (2, 1, 3, 1)
    assert (mature.again, mature.hard, mature.good, mature.easy) == (2, 0, 6, 0)
    assert young.correct_rate == pytest.approx(5 / 7)
    year = report_from_records(history(), inputs(period_days=365)).buttons
    assert year[1].good == 4  # + the young Good 100 days back


def test_calendar_and_streaks_across_rollover():
    c = key("c1")
    rows = [review(c, at(0), G)]
    rows.append(review(c, at(0, 2), G))  # 02:00 today -> study day of yesterday
    rows.append(review(c, at(1, 3), G, mode=StudyMode.PRACTICE))  # 03:00 yesterday -> 2 days back; practice
    rows += [review(c, at(d), G) for d in (10, 11, 12, 13, 14)]  # run of 5
    rows.append(review(c, at(500), G))  # outside the calendar, still in the streak history
    cal = report_from_records(rows, inputs()).calendar
    assert (cal.start, cal.end, len(cal.reviews)) == (TODAY - 364 * DAY, TODAY, 365)
    assert cal.reviews[-1] == 1 and cal.reviews[-2] == 1 and cal.practice[-3] == 1 and cal.reviews[-3] == 0
    assert cal.total(TODAY - 2 * DAY) == 1
    assert (cal.current_streak, cal.longest_streak, cal.days_studied) == (3, 5, 8)


def test_current_streak_survives_until_today_ends():
    c = key("c1")
    rows = [review(c, at(d), G) for d in (1, 2, 3, 4)]  # nothing yet today
    assert report_from_records(rows, inputs()).calendar.current_streak == 4
    rows = [review(c, at(d), G) for d in (2, 3)]  # yesterday missed: broken
    cal = report_from_records(rows, inputs()).calendar
    assert (cal.current_streak, cal.longest_streak) == (0, 2)


def test_study_time_per_day():
    c = key("c1")
    rows = [
        review(c, at(0), G, ms=4000),
        review(c, at(0), A, ms=6500),
        review(c, at(0), G, ms=1500, mode=StudyMode.PRACTICE),
        review(c, at(29), G, ms=10000),
        review(c, at(30), G, ms=99000),
    ]  # 30 days back: outside a 30-day period
    st = report_from_records(rows, inputs()).study_time
    assert st.start == TODAY - 29 * DAY and len(st.seconds) == 30
    assert (st.seconds[-1], st.practice_seconds[-1], st.answers[-1]) == (10.5, 1.5, 3)
    assert (st.seconds[0], st.answers[0]) == (10.0, 1)
    assert (st.total_seconds, st.days_studied) == (22.0, 2)


def test_scope_filters_the_history():
    a, b = key("a", deck="d1"), key("b", deck="d2")
    rows = [review(a, at(0), G), review(b, at(0), A), review(key("gone", deck="d1"), at(0), A)]
    cards = {a: ("d1", "risks"), b: ("d2", "risks")}
    every = report_from_records(rows, inputs(cards=cards))
    assert every.retention.window("today").total == 3  # all decks: removed cards' history included
    d1 = report_from_records(rows, inputs(cards=cards, scope=Scope(deck_id="d1")))
    assert (d1.retention.window("today").passed, d1.retention.window("today").total) == (1, 2)
    topic = report_from_records(rows, inputs(cards=cards, scope=Scope(topic="risks")))
    assert topic.retention.window("today").total == 2  # only cards in the topic now


def test_period_must_be_sane():
    with pytest.raises(ValueError):
        report_from_records([], inputs(period_days=0))
