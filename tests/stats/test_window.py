"""The Stats window on a real core, offscreen: every chart shows the report's numbers, in both themes."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from kquiz.app import DeckNotFound
from kquiz.app.stats import compute_report
from kquiz.domain import CardKey
from kquiz.ui import theme
from kquiz.ui.stats.window import CARDS, StatsWindow

CHARTS = [key for key, *_ in CARDS if key not in ("calendar", "hardest")]


def values(view: QChartView) -> dict[str, list[float]]:
    out = {}
    for series in view.chart().series():
        for bar in getattr(series, "barSets", lambda: [])():
            out[bar.label()] = [bar.at(i) for i in range(bar.count())]
    return out


def distinct_colors(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.fixture
def open_window(qtbot, qapp, studied):
    core, _ = studied
    windows = []

    def make(mode: str = "light", **kw) -> StatsWindow:
        theme.apply(qapp, mode)
        window = StatsWindow(core, **kw)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.report_ready, timeout=30000):
            window.show()
        windows.append(window)
        return window

    yield make
    theme.apply(qapp, "light")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_chart_renders_the_report(open_window, mode):
    window = open_window(mode)
    r = window.report
    assert not window.computing and r.to_dict() == compute_report(window.core).to_dict()
    for key in CHARTS:
        card = window.cards[key]
        assert isinstance(card.body, QChartView), key
        image = card.grab().toImage()
        assert image.width() > 300 and distinct_colors(image) > 5, key
        background = card.body.chart().backgroundBrush().color()
        assert (background.lightness() < 128) == (mode == "dark"), key
    v = values(window.cards["forecast"].body)
    assert v["Learning"] == [d.learning for d in r.forecast.days] and v["Review"] == [
        d.review for d in r.forecast.days
    ]
    assert values(window.cards["retention"].body)["True retention %"] == pytest.approx(
        [100 * (w.rate or 0) for w in r.retention.windows]
    )
    mastery = values(window.cards["mastery"].body)
    assert mastery["Mature"] == [m.mature for m in r.mastery] and mastery["New"] == [m.new for m in r.mastery]
    buttons = values(window.cards["buttons"].body)
    assert buttons["Again"] == [b.again for b in r.buttons] and buttons["Good"] == [b.good for b in r.buttons]
    assert values(window.cards["intervals"].body)["interval"] == [b.count for b in r.intervals.bins]
    assert values(window.cards["stability"].body)["stability"] == [b.count for b in r.stability.bins]
    study = values(window.cards["study_time"].body)
    assert study["Scheduled (min)"] == pytest.approx([s / 60 for s in r.study_time.seconds])
    heat = window.cards["calendar"].grab().toImage()
    assert distinct_colors(heat, 3) > 4
    assert window.tiles["streak"].value.text() == str(r.calendar.current_streak) == "40"
    assert window.hardest.keys() == [h.key for h in r.hardest_by_lapses + r.hardest_by_recall]
    day = r.calendar.end.toordinal() - 1
    from datetime import date

    text = window.heatmap.tooltip_text(date.fromordinal(day))
    assert f"{r.calendar.reviews[-2]} review" in text and f"{r.calendar.practice[-2]} practice" in text


def test_scope_and_period_recompute_and_match_the_cli(
    open_window, qtbot, capsys, monkeypatch, data_dir, deck_folder, studied
):
    window = open_window()
    labels = [window.scope.itemText(i).strip() for i in range(window.scope.count())]
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        window.scope.setCurrentIndex(labels.index("Risks"))
    assert (window.report.scope.deck_id, window.report.scope.topic) == ("pharm", "risks")
    with qtbot.waitSignal(window.report_ready, timeout=30000):
        window.period.setCurrentIndex(window.period.findData(90))
    r = window.report
    assert r.period_days == 90 and len(values(window.cards["forecast"].body)["Review"]) == 90
    # `kquiz stats --json` prints what the window shows
    from kquiz.app import open_core
    from kquiz.cli import cmd_stats
    from kquiz.cli.main import main

    _core, clock = studied
    monkeypatch.setattr(
        cmd_stats,
        "open_core",
        lambda folder=None: open_core(
            folder or data_dir, clock=clock, extra_deck_dirs=[deck_folder], include_bundled=False
        ),
    )
    assert main(["stats", "--json", "--deck", "pharm", "--topic", "risks", "--period", "90"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(r.to_dict()))


def test_export_png_and_open_card(open_window, qtbot, tmp_path):
    window = open_window()
    saved = window.cards["forecast"].save_to(tmp_path / "forecast")
    assert saved.name == "forecast.png" and saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert not image.isNull() and image.width() == window.cards["forecast"].width()
    heat = window.cards["calendar"].save_to(tmp_path / "calendar.png")
    assert QImage(str(heat)).height() > 100
    tree = window.hardest
    group = tree.topLevelItem(0)
    item = group.child(0)
    expected = item.data(0, Qt.ItemDataRole.UserRole)
    assert isinstance(expected, CardKey)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    got: list[CardKey] = []
    window.card_requested.connect(got.append)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # is press+release+dbl
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [expected]  # once, not once per signal
    tree.setCurrentItem(tree.topLevelItem(1).child(0))
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert got[-1] == tree.topLevelItem(1).child(0).data(0, Qt.ItemDataRole.UserRole) and len(got) == 2


def test_unknown_deck_is_refused(studied, qtbot):
    core, _ = studied
    with pytest.raises(DeckNotFound):
        StatsWindow(core, deck_id="missing")
