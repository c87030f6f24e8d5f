"""compute_report on a real core: the SQL path equals the pure path over ReviewRecords, per scope."""

from __future__ import annotations

import pytest

from kquiz.app import DeckNotFound
from kquiz.app.stats import TopicNotFound, compute_report, prepare_stats, scope_choices
from kquiz.domain import CardKey, StudyMode
from kquiz.stats import Scope, StatsInputs, report_from_records

SCOPES = [(None, None), ("pharm", None), ("pharm", "risks"), (None, "indications"), ("clinic", None)]


def pure_report(core, deck_id, topic, period):
    """The same figures from ReviewRecords (store.iter_reviews) and the pure core."""
    cards = {CardKey(d.id, c.id): (d.id, c.topic) for d in core.library.decks for c in d.cards}
    settings = core.settings()
    label = compute_report(core, deck_id=deck_id, topic=topic, period_days=period).scope.label
    inputs = StatsInputs(
        cards=cards,
        progress=core.store.all_progress(),
        now=core.clock.now(),
        tz=core.clock.local_tz,
        retrievability=core.scheduler().retrievability,
        rollover_hour=settings.rollover_hour,
        desired_retention=settings.scheduling.desired_retention,
        period_days=period,
        scope=Scope(deck_id, topic, label),
        topic_titles={t.id: t.title for d in core.library.decks for t in d.topics},
    )
    return report_from_records(core.store.iter_reviews(), inputs)


@pytest.mark.parametrize("deck_id,topic", SCOPES)
def test_compute_report_equals_pure_path(studied, deck_id, topic):
    core, _ = studied
    for period in (30, 90):
        fast = compute_report(core, deck_id=deck_id, topic=topic, period_days=period)
        assert fast.to_dict() == pure_report(core, deck_id, topic, period).to_dict()


def test_report_figures_on_a_studied_history(studied):
    core, _ = studied
    rep = compute_report(core)
    assert rep.scope.label == "All decks" and rep.today.isoformat() == "2026-03-02"
    assert (rep.cards, rep.studied) == (17, 17)  # every card was introduced on the first day
    assert rep.total_reviews == core.store.count_reviews(mode=StudyMode.SCHEDULED)
    assert rep.total_practice == core.store.count_reviews(mode=StudyMode.PRACTICE) == 3 * 40
    assert sorted((m.topic, m.total) for m in rep.mastery) == [
        ("indications", 5),
        ("mechanisms", 6),
        ("risks", 6),
    ]
    assert all(m.mean_recall is not None and 0 < m.mean_recall <= 1 for m in rep.mastery)
    assert rep.calendar.current_streak == 40 and rep.calendar.longest_streak == 40
    assert rep.calendar.reviews[-1] == 0 and rep.calendar.reviews[-2] > 0  # nothing yet today
    assert sum(rep.calendar.practice) == 120
    assert rep.retention.desired == 0.9
    assert rep.practice[-1].answers == 120  # 365 days: all the practice
    assert (
        rep.forecast.overdue + sum(d.learning + d.review for d in rep.forecast.days) + rep.forecast.later
        == 17
    )
    risks = compute_report(core, deck_id="pharm", topic="risks")
    assert risks.scope.label == "Pharmacology › Risks" and risks.cards == 6
    assert risks.total_practice < rep.total_practice


def test_unknown_scope_is_a_clear_error(studied):
    core, _ = studied
    with pytest.raises(DeckNotFound):
        compute_report(core, deck_id="nope")
    with pytest.raises(TopicNotFound, match="nope"):
        compute_report(core, deck_id="clinic", topic="risks" + "nope")
    with pytest.raises(ValueError):
        prepare_stats(core, period_days=400)


def test_scope_choices_list_decks_and_topics(studied):
    core, _ = studied
    labels = [(c.label, c.deck_id, c.topic, c.depth) for c in scope_choices(core.library.decks)]
    assert labels[0] == ("All decks", None, None, 0)
    assert ("Pharmacology", "pharm", None, 1) in labels and ("Risks", "pharm", "risks", 2) in labels
    assert ("Indications", "clinic", "indications", 2) in labels


def test_empty_store_gives_an_empty_report(data_dir, deck_folder):
    from kquiz.app import open_core

    core = open_core(data_dir, extra_deck_dirs=[deck_folder], include_bundled=False)
    try:
        core.load_library()
        rep = compute_report(core, period_days=365)
        assert (rep.cards, rep.studied, rep.total_reviews, rep.calendar.longest_streak) == (17, 0, 0, 0)
        assert rep.retention.window("365 days").rate is None and rep.intervals.count == 0
        assert sum(m.new for m in rep.mastery) == 17
    finally:
        core.close()
