"""The Stats window: scope and period pickers, summary tiles, and a grid of chart cards.

The report is computed on the thread pool (``prepare_stats`` on the UI thread is quick; the
request's ``run`` opens its own read-only connection) while a busy bar shows; a newer request
supersedes an older one. Charts follow the app palette (light/dark) and re-theme on change.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kquiz.app.stats import PERIODS, prepare_stats, scope_choices
from kquiz.domain import CardKey, CardType
from kquiz.errors import KQuizError
from kquiz.ui.errors import show_error
from kquiz.ui.shortcuts import bind_all
from kquiz.ui.stats import charts
from kquiz.ui.stats.heatmap import CalendarHeatmap
from kquiz.ui.stats.panels import ChartCard, HardestCards, Tile
from kquiz.ui.workers import run_in_background

CARDS = (  # key, title, grid row, column, column span
    ("forecast", "Due forecast", 0, 0, 1),
    ("retention", "True retention", 0, 1, 1),
    ("calendar", "Calendar", 1, 0, 2),
    ("mastery", "Topic mastery", 2, 0, 1),
    ("buttons", "Answer buttons", 2, 1, 1),
    ("intervals", "Review intervals", 3, 0, 1),
    ("stability", "Memory stability", 3, 1, 1),
    ("study_time", "Study time per day", 4, 0, 1),
    ("hardest", "Hardest cards", 4, 1, 1),
    ("tests", "Test scores", 5, 0, 2),
)


CLOZE = re.compile(r"\{\{c\d+::.*?\}\}")
STYLE = """
QFrame#statsCard, QFrame#statsTile { background: palette(base); border: 1px solid palette(mid); border-radius: 10px; }
QLabel#statsCardTitle { font-weight: 600; font-size: 11pt; }
QFrame#statsCard QLabel, QFrame#statsTile QLabel { border: none; background: transparent; }
QFrame#statsCard QTreeWidget { border: none; }
"""


def _n(count: int, word: str) -> str:
    """``1 day``, ``2 days``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _minutes(seconds: float) -> str:
    if 0 < seconds < 60:
        return f"{seconds:.0f} s"
    minutes = round(seconds / 60)
    return f"{minutes // 60}h {minutes % 60:02d}m" if minutes >= 60 else f"{minutes} min"


class StatsWindow(QWidget):
    report_ready = Signal(object)  # StatsReport, after the charts show it
    card_requested = Signal(object)  # CardKey: double-clicked in the hardest-cards list

    def __init__(
        self,
        core,
        parent: QWidget | None = None,
        *,
        deck_id: str | None = None,
        topic: str | None = None,
        period_days: int = 30,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("statsWindow")
        self.setWindowTitle("kquiz — Statistics")
        self._fit_screen(1180, 860)
        self.core = core
        self.report = None
        self._generation = 0
        self._choices = scope_choices(core.library.decks)
        if deck_id is not None and all(c.deck_id != deck_id for c in self._choices):
            core.deck(deck_id)  # raises DeckNotFound with a clear message
        self.scope = QComboBox()
        self.scope.setAccessibleName("Scope")
        # as wide as a typical label, not the longest (a long deck title would widen the window)
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(22)
        for choice in self._choices:
            self.scope.addItem("    " * choice.depth + choice.label)
        self.scope.setCurrentIndex(
            next((i for i, c in enumerate(self._choices) if (c.deck_id, c.topic) == (deck_id, topic)), 0)
        )
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for days, label in PERIODS.items():
            self.period.addItem(label, days)
        self.period.setCurrentIndex(max(0, self.period.findData(period_days)))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(120)
        self.busy.setTextVisible(False)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setMinimumWidth(0)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        header = QHBoxLayout()
        title = QLabel("Statistics")
        title.setObjectName("screenTitle")
        header.addWidget(title)
        header.addSpacing(16)
        header.addWidget(QLabel("Show"))
        header.addWidget(self.scope)
        header.addWidget(QLabel("over"))
        header.addWidget(self.period)
        header.addStretch(1)
        header.addWidget(self.status)
        header.addWidget(self.busy)
        self.tiles = {
            k: Tile(label)
            for k, label in (
                ("due", "due today"),
                ("today", "answers today"),
                ("retention", "true retention, 30 days"),
                ("streak", "day streak"),
                ("cards", "cards studied"),
                ("time", "studied today"),
            )
        }
        tiles = QHBoxLayout()
        for tile in self.tiles.values():
            tiles.addWidget(tile)
        self.heatmap = CalendarHeatmap()
        self.hardest = HardestCards()
        self.hardest.card_requested.connect(self.card_requested)
        self.cards: dict[str, ChartCard] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for key, label, row, col, span in CARDS:
            body = self.heatmap if key == "calendar" else self.hardest if key == "hardest" else QWidget()
            card = ChartCard(key, label, body)
            if key not in ("calendar", "hardest"):
                card.body.setMinimumHeight(240)
            self.cards[key] = card
            grid.addWidget(card, row, col, 1, span)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addLayout(tiles)
        inner.addLayout(grid)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the arrows scroll the page
        self.scroll_area = scroll
        self.setStyleSheet(STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)
        self.scope.currentIndexChanged.connect(self.refresh)
        self.period.currentIndexChanged.connect(self.refresh)
        bind_all(self, "Stats", self.key)
        scroll.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def _fit_screen(self, width: int, height: int) -> None:
        """Open at ``width`` × ``height``, or smaller to fit the screen's available area."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            width, height = min(width, area.width() - 40), min(height, area.height() - 60)
        self.resize(max(width, 400), max(height, 300))

    def key(self, command: str) -> None:
        """The "Stats" keys of kquiz.ui.shortcuts.KEYS: close, and scroll whatever has the focus."""
        if command == "close":
            self.close()
            return
        bar = self.scroll_area.verticalScrollBar()
        moves = {
            "page-up": bar.value() - bar.pageStep(),
            "page-down": bar.value() + bar.pageStep(),
            "top": bar.minimum(),
            "bottom": bar.maximum(),
        }
        bar.setValue(moves[command])

    # -- computing ------------------------------------------------------------------------
    @property
    def computing(self) -> bool:
        return not self.busy.isHidden()

    def refresh(self) -> None:
        """Recompute for the chosen scope and period, off the UI thread."""
        choice = self._choices[max(0, self.scope.currentIndex())]
        try:
            request = prepare_stats(
                self.core,
                deck_id=choice.deck_id,
                topic=choice.topic,
                period_days=int(self.period.currentData()),
            )
        except KQuizError as exc:
            show_error(exc, self)
            return
        self._generation += 1
        generation = self._generation
        self.busy.show()
        self.status.setText("Computing…")
        run_in_background(
            request.run,
            lambda report: self._done(generation, report),
            lambda exc: self._failed(generation, exc),
        )
        self._test_scores(generation, choice.deck_id, choice.topic)

    def _test_scores(self, generation: int, deck_id: str | None, topic: str | None) -> None:
        """Test scores over time (kquiz/ui/stats/test_scores.py), read off the UI thread too."""
        from PySide6.QtCharts import QChartView

        from kquiz.app.quiz import TestScorePoint, score_history
        from kquiz.ui.stats.test_scores import scores_chart, scores_in_scope

        def show(points: list[TestScorePoint]) -> None:
            if generation != self._generation:
                return
            scores = scores_in_scope(points, topic)
            self.test_scores = scores
            style = charts.ChartStyle.from_palette(self.palette())
            self.cards["tests"].set_body(charts.make_view(scores_chart(scores, style), style))
            self.cards["tests"].setToolTip(
                f"{len(scores)} test{'s' if len(scores) != 1 else ''} (Study → Take a test…); "
                "test answers never count in the other charts"
            )

        if not isinstance(self.cards["tests"].body, QChartView):  # an empty chart until the scores come
            style = charts.ChartStyle.from_palette(self.palette())
            self.cards["tests"].set_body(charts.make_view(scores_chart([], style), style))
        run_in_background(lambda: score_history(self.core, deck_id), show, lambda exc: show_error(exc, self))

    def _done(self, generation: int, report) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        self.busy.hide()
        self.status.setText(f"{report.scope.label} · study day {report.today:%a %d %b %Y}")
        self.show_report(report)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self.busy.hide()
            self.status.setText("Could not compute the statistics.")
            show_error(exc, self)

    # -- showing --------------------------------------------------------------------------
    def show_report(self, report) -> None:
        self.report = report
        style = charts.ChartStyle.from_palette(self.palette())
        c = charts.COLORS
        bodies = {
            "forecast": charts.forecast_chart(report, style),
            "retention": charts.retention_chart(report, style),
            "mastery": charts.mastery_chart(report, style),
            "buttons": charts.buttons_chart(report, style),
            "intervals": charts.histogram_chart(report.intervals, style, c["histogram"]),
            "stability": charts.histogram_chart(report.stability, style, c["stability"]),
            "study_time": charts.study_time_chart(report, style),
        }
        for key, chart in bodies.items():
            view = charts.make_view(chart, style)
            self.cards[key].set_body(view)
        self.heatmap.set_data(report.calendar, style.dark)
        titles = {m.topic: m.title for m in report.mastery}
        self.hardest.set_cards(report.hardest_by_lapses, report.hardest_by_recall, titles, self.card_text)
        self._captions(report)
        self._tiles(report)
        self.report_ready.emit(report)

    def _captions(self, r) -> None:
        f, cal, st = r.forecast, r.calendar, r.study_time
        today = f.days[0]
        week = sum(d.learning + d.review for d in f.days[:7])
        practice = next(p for p in r.practice if p.label == "30 days")
        month = r.retention.window("30 days")
        caption = {
            "forecast": f"{today.learning + today.review} due today ({f.overdue} overdue), {week} in the next 7 days, "
            f"{f.total} in the next {len(f.days)} days; {f.later} later.",
            "retention": f"Review answers not rated Again (30 days: {month.passed} of {month.total}), against your "
            f"desired retention. Practice is kept apart: {practice.answers} answers in 30 days, "
            f"{_pct(practice.correct / practice.answers if practice.answers else None)} correct.",
            "calendar": f"{_n(cal.days_studied, 'day')} studied in the last year · current streak "
            f"{_n(cal.current_streak, 'day')} · longest streak {_n(cal.longest_streak, 'day')}.",
            "mastery": "Young: interval under 21 days; mature: 21 days or more. Recall: mean predicted recall now.",
            "buttons": f"Scheduled answers over {PERIODS.get(r.period_days, f'{r.period_days} days')}, "
            f"by the card's state before the answer.",
            "intervals": self._hist_caption(r.intervals, "cards in review"),
            "stability": self._hist_caption(r.stability, "studied cards") + " Stability: days until recall "
            "falls to 90%.",
            "study_time": f"{_minutes(st.total_seconds)} on {_n(st.days_studied, 'day')}"
            + (f" (≈ {_minutes(st.total_seconds / st.days_studied)} a day)." if st.days_studied else "."),
            "hardest": "Double-click a card (or press Enter) to open it.",
        }
        for key, text in caption.items():
            self.cards[key].caption.setText(text)

    def card_text(self, key: CardKey) -> str:
        """A card's prompt as the learner sees it (cloze blanks hidden); the key if it is gone."""
        deck = self.core.library.deck(key.deck_id)
        card = deck.card(key.card_id) if deck is not None else None
        if card is None:
            return str(key)
        text = (
            getattr(card, "back" if card.type == CardType.REVERSED else "front", None)
            or getattr(card, "prompt", None)
            or getattr(card, "statement", None)
            or getattr(card, "text", "")
        )
        text = CLOZE.sub("[…]", " ".join(str(text).split()))
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    @staticmethod
    def _hist_caption(h, what: str) -> str:
        if not h.count:
            return f"No {what} yet."
        return f"{h.count} {what} · median {h.median:.1f} days · mean {h.mean:.1f} days."

    def _tiles(self, r) -> None:
        today = r.forecast.days[0]
        month = r.retention.window("30 days")
        self.tiles["due"].set(
            str(today.learning + today.review), f"{today.learning} learning, {today.review} review"
        )
        answered = r.calendar.reviews[-1] + r.calendar.practice[-1]
        self.tiles["today"].set(str(answered), f"{r.calendar.practice[-1]} of them practice")
        self.tiles["retention"].set(
            _pct(month.rate), f"{month.passed} of {month.total}; desired {_pct(r.desired_retention)}"
        )
        self.tiles["streak"].set(
            str(r.calendar.current_streak), f"longest {_n(r.calendar.longest_streak, 'day')}"
        )
        self.tiles["cards"].set(f"{r.studied}/{r.cards}")
        self.tiles["time"].set(_minutes(r.study_time.seconds[-1] + r.study_time.practice_seconds[-1]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.report:
            self.show_report(self.report)  # re-theme the charts
        super().changeEvent(event)
