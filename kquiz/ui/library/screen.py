"""Library screen: a tree of decks (per-topic child rows) with new / learning / due counts.

Decks that failed to load are listed too, each with its ``path:line:col`` problems.
The screen only emits requests; the main window turns them into sessions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kquiz.domain import StudyMode
from kquiz.ui import theme
from kquiz.ui.library.model import DeckRow, LibraryData
from kquiz.ui.plain import plain_tip
from kquiz.ui.shortcuts import bind
from kquiz.ui.widgets import button

ROLE_DECK, ROLE_TOPIC = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1
# "Review": review cards due today; the Stats window's "due today" is Learning + Review
COLUMNS = ("Deck", "New", "Learning", "Review")


class LibraryScreen(QWidget):
    study_requested = Signal(str, object, object)  # deck id, topic id or None, StudyMode
    custom_requested = Signal(str)  # deck id
    stats_requested = Signal(object)  # deck id or None
    test_requested = Signal(object, object)  # deck id (None: no deck selected), topic id or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryScreen")
        self.data = LibraryData((), ())
        self.title = QLabel("Decks")
        self.title.setObjectName("screenTitle")
        self.summary = QLabel("")
        self.summary.setObjectName("muted")
        self.summary.setAccessibleName("Library summary")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Loading decks")
        self.progress.setTextVisible(False)
        self.progress_label = QLabel("Loading decks…")
        self.progress_label.setObjectName("muted")

        self.tree = QTreeWidget(self)  # made before the buttons: Tab reaches the list first, as on screen
        self.tree.setObjectName("deckTree")
        self.tree.setAccessibleName("Decks")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(col, 96)
            self.tree.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
        self.tree.itemActivated.connect(lambda *_: self.study_selection(StudyMode.SCHEDULED))
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.empty = QLabel("")
        self.empty.setObjectName("muted")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)

        self.study_button = button("Study", self, primary=True)
        self.practice_button = button("Practice", self)
        self.topic_button = button("Study topic", self)
        self.custom_button = button("Custom study…", self)
        self.stats_button = button("Stats", self)
        self.study_button.setAccessibleDescription("Study due and new cards of the selected deck (Enter)")
        self.practice_button.setAccessibleDescription("Review without changing the schedule (P)")
        self.study_button.clicked.connect(lambda: self.study_selection(StudyMode.SCHEDULED, whole_deck=True))
        self.practice_button.clicked.connect(lambda: self.study_selection(StudyMode.PRACTICE))
        self.topic_button.clicked.connect(lambda: self.study_selection(StudyMode.SCHEDULED))
        self.custom_button.clicked.connect(self.custom_study)
        self.stats_button.clicked.connect(lambda: self.stats_requested.emit(self.selected()[0]))

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for b in (self.study_button, self.practice_button, self.topic_button, self.custom_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.stats_button)
        loading = QHBoxLayout()
        loading.addWidget(self.progress_label)
        loading.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(loading)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.sync_status = QLabel("")  # "Synced 2 min ago · 2 other devices" (kquiz/ui/sync_runner.py)
        self.sync_status.setObjectName("muted")
        self.sync_status.setAccessibleName("Sync status")
        self.sync_status.setVisible(False)
        layout.addWidget(self.sync_status)

        bind(self, "Library", "study", lambda: self.study_selection(StudyMode.SCHEDULED))
        bind(self, "Library", "practice", lambda: self.study_selection(StudyMode.PRACTICE))
        bind(self, "Library", "custom", self.custom_study)
        bind(self, "Library", "test", self.take_test)
        self.set_loading(False)
        self._update_buttons()

    # drawing ------------------------------------------------------------------------------
    def set_sync_status(self, text: str) -> None:
        self.sync_status.setText(text)
        self.sync_status.setVisible(bool(text))

    def set_loading(self, loading: bool) -> None:
        self.progress.setVisible(loading)
        self.progress_label.setVisible(loading)

    def set_data(self, data: LibraryData, empty_hint: str = "") -> None:
        keep = self.selected()
        self.data = data
        colors = theme.current_colors()
        self.tree.clear()
        for deck in data.decks:
            item = self._count_item(None, deck.title, deck, deck.id, None)
            for topic in deck.topics:
                self._count_item(item, topic.title, topic, deck.id, topic.id)
            item.setExpanded(True)
        for failed in data.failed:
            item = QTreeWidgetItem(self.tree, [f"Could not load {failed.path}"])
            item.setFirstColumnSpanned(True)
            item.setForeground(0, QBrush(QColor(colors.bad)))
            item.setToolTip(0, plain_tip("\n".join(failed.details or failed.problems)))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for line, detail in zip(failed.problems, failed.details or failed.problems, strict=False):
                child = QTreeWidgetItem(item, [line])
                child.setToolTip(0, plain_tip(detail))  # with the offending line, a caret and the hint
                child.setFirstColumnSpanned(True)
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setExpanded(True)
        due = sum(d.due for d in data.decks)
        learning = sum(d.learning for d in data.decks)
        new = sum(d.new for d in data.decks)
        # the same three words as the columns (learning cards may come back later today, not now)
        self.summary.setText(f"{new} new · {learning} learning · {due} review" if data.decks else "")
        self.empty.setText(empty_hint if not data.decks else "")
        self.empty.setVisible(bool(empty_hint) and not data.decks)
        self._select(keep)
        self._update_buttons()

    def _count_item(self, parent, title: str, row, deck_id: str, topic_id: str | None) -> QTreeWidgetItem:
        values = [title, str(row.new), str(row.learning), str(row.due)]
        item = QTreeWidgetItem(parent or self.tree, values)
        for col in range(1, 4):
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setData(0, ROLE_DECK, deck_id)
        item.setData(0, ROLE_TOPIC, topic_id)
        if topic_id is None:
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
        return item

    # selection ----------------------------------------------------------------------------
    def selected(self) -> tuple[str | None, str | None]:
        item = self.tree.currentItem()
        if item is None:
            return None, None
        return item.data(0, ROLE_DECK), item.data(0, ROLE_TOPIC)

    def selected_deck(self) -> DeckRow | None:
        deck_id = self.selected()[0]
        return next((d for d in self.data.decks if d.id == deck_id), None)

    def _select(self, keep: tuple[str | None, str | None]) -> None:
        first = None
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is None:
                continue
            for item in [top] + [top.child(j) for j in range(top.childCount())]:
                if item is None or item.data(0, ROLE_DECK) is None:
                    continue
                first = first or item
                if (item.data(0, ROLE_DECK), item.data(0, ROLE_TOPIC)) == keep:
                    self.tree.setCurrentItem(item)
                    return
        if first is not None:
            self.tree.setCurrentItem(first)

    def _update_buttons(self) -> None:
        deck_id, topic_id = self.selected()
        for b in (self.study_button, self.practice_button, self.custom_button):
            b.setEnabled(deck_id is not None)
        self.topic_button.setEnabled(topic_id is not None)

    def study_selection(self, mode: StudyMode, whole_deck: bool = False) -> None:
        """Ask to study the selected deck or topic (study_requested); the whole deck if ``whole_deck``."""
        deck_id, topic_id = self.selected()
        if deck_id is not None:
            self.study_requested.emit(deck_id, None if whole_deck else topic_id, mode)

    def custom_study(self) -> None:
        """Ask for custom study of the selected deck (custom_requested), if one is selected."""
        deck_id = self.selected()[0]
        if deck_id is not None:
            self.custom_requested.emit(deck_id)

    def take_test(self) -> None:
        """Ask for a test of the selected deck or topic (test_requested; the dialog picks the scope)."""
        self.test_requested.emit(*self.selected())

    def focus_tree(self) -> None:
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
