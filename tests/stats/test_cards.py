"""Card-state figures against hand-computed values: forecast, mastery, histograms, hardest cards."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kquiz.domain import CardState
from kquiz.stats import StatsInputs, build_report

from .helpers import DAY, NOW, fake_recall, key, progress

TODAY = date(2026, 3, 2)
L, R, N = CardState.LEARNING, CardState.REVIEW, CardState.NEW


def report(prog, cards=None, **kw):
    cards = cards if cards is not None else dict.fromkeys(prog, ("ket", "risks"))
    base = dict(cards=cards, progress=prog, now=NOW, tz=UTC, retrievability=fake_recall)
    base.update(kw)
    return build_report([], StatsInputs(**base))


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def test_forecast_buckets_split_learning_review():
    ps = [
        progress(key("a"), R, due=utc(3, 2, 20)),  # today
        progress(key("b"), R, due=utc(3, 3, 3)),  # 03:00 tomorrow is still today's study day
        progress(key("c"), R, due=utc(3, 3, 5)),  # tomorrow
        progress(key("d"), R, due=utc(2, 20, 9)),  # overdue -> today
        progress(key("e"), L, due=NOW + timedelta(minutes=10)),  # learning, today
        progress(key("f"), R, due=utc(3, 2, 20), suspended=True),  # not due
        progress(key("g"), N),  # new: not due
        progress(key("h"), R, due=utc(3, 2, 20), buried_until=utc(3, 4, 5)),  # buried: day 2
        progress(key("i"), R, due=utc(3, 31, 12)),  # day 29: the last of 30
        progress(key("j"), R, due=utc(4, 1, 12)),  # day 30: later
        progress(key("k"), CardState.RELEARNING, due=utc(3, 3, 12)),  # relearning counts as learning
    ]
    f = report({p.key: p for p in ps}).forecast
    assert len(f.days) == 30 and f.days[0].day == TODAY and f.days[-1].day == date(2026, 3, 31)
    assert [(d.learning, d.review) for d in f.days[:3]] == [(1, 3), (1, 1), (0, 1)]
    assert (f.days[29].review, f.overdue, f.later, f.total) == (1, 1, 1, 8)
    year = report({p.key: p for p in ps}, period_days=365).forecast
    assert (len(year.days), year.later, year.total) == (365, 0, 9)


def test_topic_mastery_counts_and_mean_recall():
    cards = {
        key(c): ("ket", t)
        for c, t in [
            ("n1", "mechanisms"),
            ("l1", "mechanisms"),
            ("y1", "mechanisms"),
            ("m1", "mechanisms"),
            ("s1", "mechanisms"),
            ("r1", "risks"),
            ("r2", "risks"),
            ("o1", "other"),
        ]
    }
    prog = {
        key("l1"): progress(key("l1"), L, interval=1, due=NOW),  # learning
        key("y1"): progress(key("y1"), R, interval=20, due=NOW),  # young: 20 < 21 days
        key("m1"): progress(key("m1"), R, interval=21, due=NOW),  # mature: 21 days
        key("s1"): progress(key("s1"), R, interval=50, due=NOW, suspended=True),
        key("r1"): progress(key("r1"), R, interval=5, due=NOW),
    }
    titles = {"foundations": "Foundations", "mechanisms": "Mechanisms", "risks": "Risks"}
    m = report(prog, cards, topic_titles=titles).mastery
    assert [t.topic for t in m] == ["mechanisms", "risks", "other"]  # in deck order; empty topics left out
    mech, risks, other = m
    assert (mech.title, mech.new, mech.learning, mech.young, mech.mature, mech.suspended, mech.total) == (
        "Mechanisms",
        1,
        1,
        1,
        1,
        1,
        5,
    )
    # fake recall = 1 - elapsed / (10 * stability): l1 1 - 1/10, y1 1 - 20/200, m1 1 - 21/210
    assert mech.mean_recall == pytest.approx(0.9)
    assert (risks.new, risks.young, risks.mean_recall) == (1, 1, pytest.approx(0.9))
    assert (other.title, other.new, other.mean_recall) == ("other", 1, None)


def test_interval_and_stability_histograms():
    intervals = [0.5, 1, 1, 3, 4, 21, 400, 1000]
    prog = {
        key(f"c{i}"): progress(key(f"c{i}"), R, interval=v, stability=v * 2) for i, v in enumerate(intervals)
    }
    prog[key("l")] = progress(key("l"), L, interval=1, stability=0.2)  # learning: stability only
    prog[key("s")] = progress(key("s"), R, interval=3, suspended=True)  # suspended: neither
    rep = report(prog)
    counts = {b.label: b.count for b in rep.intervals.bins if b.count}
    assert counts == {"<1d": 1, "1d": 2, "3–4d": 2, "21–29d": 1, "1–2y": 1, "2y+": 1}
    assert rep.intervals.count == 8 and rep.intervals.median == pytest.approx(3.5)
    assert rep.intervals.mean == pytest.approx(sum(intervals) / 8)
    assert rep.intervals.bins[-1].high is None and rep.intervals.bins[0].low == 0
    st = {b.label: b.count for b in rep.stability.bins if b.count}
    assert st == {"<1d": 1, "1d": 1, "2d": 2, "5–6d": 1, "7–9d": 1, "30–44d": 1, "2y+": 2}
    assert rep.stability.count == 9


def test_hardest_cards_by_lapses_and_recall():
    prog = {
        key("a"): progress(key("a"), R, interval=10, due=NOW, lapses=5),
        key("b"): progress(key("b"), R, interval=10, due=NOW, lapses=2),
        key("c"): progress(
            key("c"), R, interval=10, due=NOW, lapses=5, stability=1
        ),  # same lapses, lower recall
        key("d"): progress(key("d"), R, interval=30, due=NOW, stability=3),  # recall 0 (clamped)
        key("e"): progress(key("e"), R, interval=10, due=NOW, lapses=9, suspended=True),
    }
    rep = report(prog)
    assert [(h.key.card_id, h.lapses) for h in rep.hardest_by_lapses] == [
        ("e", 9),
        ("c", 5),
        ("a", 5),
        ("b", 2),
    ]
    assert [h.key.card_id for h in rep.hardest_by_recall] == ["c", "d", "a", "b"]
    assert rep.hardest_by_recall[0].retrievability == 0.0 and rep.hardest_by_lapses[0].suspended


def test_card_counts_and_json_ready():
    import json

    prog = {key("a"): progress(key("a"), R), key("b"): progress(key("b"), N)}
    cards = {key("a"): ("ket", "risks"), key("b"): ("ket", "risks"), key("c"): ("ket", "risks")}
    rep = report(prog, cards)
    assert (rep.cards, rep.studied, rep.today) == (3, 1, TODAY)
    data = json.loads(json.dumps(rep.to_dict()))
    assert data["today"] == "2026-03-02" and data["generated_at"] == NOW.isoformat()
    assert data["forecast"]["days"][1] == {"day": "2026-03-03", "learning": 0, "review": 1}
    assert data["forecast"]["total"] == 1
    assert data["retention"]["windows"][0]["rate"] is None
    assert data["buttons"][0] == {
        "kind": "learning",
        "again": 0,
        "hard": 0,
        "good": 0,
        "easy": 0,
        "total": 0,
        "correct_rate": None,
    }
    assert data["hardest_by_recall"][0]["key"] == {"deck_id": "ket", "card_id": "a"}
    assert rep.forecast.days[1].day == TODAY + DAY
