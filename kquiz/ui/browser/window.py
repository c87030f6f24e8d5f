"""The Browse window: a search field, a table of every card (a model over plain rows from the core),
and the current card with its history. Loading and searching run on the thread pool (the core's
``CardsRequest.load`` / ``CardIndex.search`` read through their own connection); actions write on
the UI thread, which owns the core, one transaction each, and Ctrl+Z undoes them one by one."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kquiz.app.cards import (
    COLUMNS,
    QueryError,
    act,
    card_details,
    check_query,
    export_cards,
    open_cards,
    undo_change,
)
from kquiz.domain import CardKey, StudyMode
from kquiz.errors import KQuizError
from kquiz.ui.browser.model import CardTableModel
from kquiz.ui.browser.panel import CardPanel
from kquiz.ui.browser.search import STYLE, SearchField, breakable, scope_query
from kquiz.ui.browser.table import CardTable
from kquiz.ui.edit_card import edit_card
from kquiz.ui.errors import show_error
from kquiz.ui.shortcuts import sequences
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app import Core
    from kquiz.app.cards import CardIndex, CardRow, CardsRequest, Change

__all__ = ["FIRST_PAGE", "BrowserWindow", "scope_query"]  # scope_query: the main window's import
ACTIONS = (  # action (its keys: the "Browser" rows of kquiz.ui.shortcuts), menu text
    ("suspend", "&Suspend"),
    ("unsuspend", "&Unsuspend"),
    ("unbury", "Un&bury"),
    ("flag", "&Flag"),
    ("unflag", "U&nflag"),
    ("reset", "&Reset progress (forget)…"),
    ("due", "Set &due date…"),
)
FIRST_PAGE = 1000  # cards whose rows are drawn before every card's row is built


class BrowserWindow(QMainWindow):
    changed = Signal(object)  # the card keys whose progress changed (counts and a session re-read them)
    study_requested = Signal(object, object)  # (card keys, StudyMode): a session of the selection
    copied = Signal()  # a bundled deck was copied to the learner's decks folder to edit it
    results_shown = Signal(int)  # rows shown after a search (tests and benchmarks wait on it)

    def __init__(
        self, core: Core, ui_settings: QSettings | None = None, query: str = "", parent: QWidget | None = None
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("browserWindow")
        self.setWindowTitle("Browse — kquiz")
        self.setStyleSheet(STYLE)
        self.core, self.ui_settings = core, ui_settings
        self.index: CardIndex | None = None
        self.generation = 0  # of searches: a result older than the newest search is dropped
        self.load_generation = 0  # of reloads
        self.pending: tuple[CardsRequest, int] | None = None  # the full load, once the first page is shown
        self.undo_stack: list[Change] = []
        self.search = SearchField(query)
        self.search.setAccessibleName("Search cards")
        self.search.setClearButtonEnabled(True)
        for clear in self.search.findChildren(QToolButton):  # Qt's clear button has no name of its own
            clear.setAccessibleName("Clear search")
        self.error = QLabel()
        self.error.setObjectName("queryError")
        self.error.setAccessibleName("Query error")
        self.error.setWordWrap(True)  # a long message must not widen the window
        self.error.hide()
        self.count = QLabel("Loading cards…")
        self.count.setObjectName("muted")
        self.model = CardTableModel(COLUMNS, self)
        self.table = CardTable(self.model, ui_settings)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(lambda cur, _prev: self._show_card(cur.row()))
        selection.selectionChanged.connect(lambda *_: self._update_count())
        self.panel = CardPanel()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.splitter = split
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.to_table.connect(self.focus_table)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_menus()
        screen = self.screen().availableGeometry()  # a small screen: the window fits it
        self.resize(min(1320, screen.width()), min(760, screen.height()))
        split.setSizes([900, 420])
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reload()

    # ---- building --------------------------------------------------------------------------
    def _add(self, menu: QMenu, text: str, slot: Callable[[], object], command: str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts(sequences("Browser", command))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setObjectName(f"browser:{command}")
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        cards = bar.addMenu("&Cards")
        for name, text in ACTIONS:
            self.actions_by_name[name] = self._add(cards, text, functools.partial(self.request, name), name)
        cards.addSeparator()
        for name, text, mode in (
            ("study", "S&tudy the selection now", StudyMode.SCHEDULED),
            ("practice", "&Practice the selection (schedule untouched)", StudyMode.PRACTICE),
        ):
            self.actions_by_name[name] = self._add(cards, text, functools.partial(self.study, mode), name)
        self.actions_by_name["export"] = self._add(cards, "E&xport the selection…", self.ask_export, "export")
        cards.addSeparator()
        self.actions_by_name["edit"] = self._add(cards, "&Edit in deck file", self.edit_current, "edit")
        edit = bar.addMenu("&Edit")
        self.actions_by_name["undo"] = self._add(edit, "&Undo", self.undo, "undo")
        self._add(edit, "&Find", self.focus_search, "find")
        self._add(edit, "&Close", self.close, "close")
        self.columns_menu = bar.addMenu("C&olumns")
        self.columns_menu.aboutToShow.connect(lambda: self.table.fill_columns(self.columns_menu))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for name, _text in ACTIONS:
            menu.addAction(self.actions_by_name[name])
        menu.addSeparator()
        menu.addAction(self.actions_by_name["study"])
        menu.addAction(self.actions_by_name["practice"])
        menu.addAction(self.actions_by_name["export"])
        menu.addAction(self.actions_by_name["edit"])
        menu.addAction(self.actions_by_name["undo"])
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    # ---- loading and searching ---------------------------------------------------------------
    def reload(self) -> None:
        """Read every card's row again (on the pool), then search again: the first FIRST_PAGE cards
        first (drawn at once on a big library), then, once they are shown, every card."""
        try:
            request = open_cards(self.core)
        except KQuizError as exc:
            show_error(exc, self)
            return
        self.load_generation += 1
        gen = self.load_generation

        def first(loaded: tuple[CardIndex, bool]) -> None:
            if gen == self.load_generation:
                self.pending = None if loaded[1] else (request, gen)
                self._loaded(loaded[0], gen)

        run_in_background(lambda: request.load_first(FIRST_PAGE), first, self._failed)

    def _load_rest(self) -> None:
        if self.pending is not None and self.pending[1] == self.load_generation:
            request, gen = self.pending
            run_in_background(request.load, lambda index: self._loaded(index, gen), self._failed)
        self.pending = None

    def _failed(self, exc: BaseException) -> None:
        show_error(exc, self)

    def _loaded(self, index: CardIndex, gen: int) -> None:
        if gen == self.load_generation:
            self.index = index
            self.run_search()

    def run_search(self) -> None:
        """Re-filter with the search field's text; a bad query shows its error and keeps the rows."""
        self.timer.stop()
        text = self.search.text()
        try:
            check_query(text)
        except QueryError as exc:
            message = f"{exc.message} — column {exc.position}"
            self.error.setText(breakable(message))  # wraps even inside a long word: never widens the window
            self.error.setAccessibleDescription(message)
            self.error.show()
            self._load_rest()
            return
        self.error.hide()
        index = self.index
        if index is None:
            return
        self.generation += 1
        gen = self.generation
        order = (self.model.sort_column, self.model.descending)  # the rows come sorted from the worker
        run_in_background(
            lambda: index.search(text, *order), lambda rows: self._show_rows(rows, gen, order), self._failed
        )

    def _show_rows(self, rows: list[CardRow], gen: int, order: tuple[str | None, bool] | None = None) -> None:
        if gen != self.generation:
            return  # a newer search or reload supersedes this one
        keep, current = self.selected_keys(), self.table.current_key()
        self.model.set_rows(rows, order)
        self._reselect(keep, current)
        self._update_count()
        self.results_shown.emit(len(rows))
        self._load_rest()

    def _reselect(self, keys: list[CardKey], current: CardKey | None) -> None:
        row = self.table.reselect(keys, current)
        if row >= 0:
            self._show_card(row)
        elif not keys:
            self._show_card(-1)

    def _update_count(self) -> None:
        total = len(self.index.rows) if self.index is not None else 0
        chosen = len(self.table.selectionModel().selectedRows())
        text = f"{self.model.rowCount()} of {total} cards"
        self.count.setText(text + (f" · {chosen} selected" if chosen else ""))

    # ---- the current card ----------------------------------------------------------------------
    def _show_card(self, row: int) -> None:
        key = self.model.key_at(row)
        if key is None:
            self.panel.show_details(None)
            return
        try:
            self.panel.show_details(card_details(self.core, key))
        except KQuizError as exc:
            self.statusBar().showMessage(str(exc), 6000)

    def selected_keys(self) -> list[CardKey]:
        return self.table.selected_keys()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        self.table.focus_rows()

    # ---- actions -----------------------------------------------------------------------------------
    def request(self, action: str) -> None:
        """An action on the selection: reset asks first, a due date asks for the days."""
        keys = self.selected_keys()
        if not keys:
            self.statusBar().showMessage("Select one or more cards first.", 5000)
            return
        if action == "reset":
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Reset progress",
                f"Forget the progress of {len(keys)} card{'s' if len(keys) != 1 else ''}? They become new "
                "again; their answer history is kept. Ctrl+Z undoes it.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setDefaultButton(QMessageBox.StandardButton.Yes)
            box.accepted.connect(lambda: self.apply(action, keys))
            box.finished.connect(lambda _r: self.activateWindow())  # keys work again at once
            box.open()
            self.dialog: QWidget = box
            return
        if action == "due":
            dialog = QInputDialog(self)
            dialog.setWindowTitle("Set due date")
            dialog.setLabelText("Due in how many days? A number (0 = today) or a range such as 3-7:")
            dialog.setTextValue("1")
            dialog.textValueSelected.connect(lambda text: self.apply(action, keys, text))
            dialog.finished.connect(lambda _r: self.activateWindow())
            dialog.open()
            self.dialog = dialog
            return
        self.apply(action, keys)

    def apply(self, action: str, keys: list[CardKey], days: str | None = None) -> Change | None:
        try:
            change = act(self.core, action, keys, days=days)
        except (KQuizError, ValueError) as exc:
            show_error(KQuizError(str(exc)) if isinstance(exc, ValueError) else exc, self)
            return None
        self.statusBar().showMessage(change.message, 8000)
        if change.count:
            self.undo_stack.append(change)
            self.changed.emit(list(change.after))
            self.reload()
        return change

    def study(self, mode: StudyMode) -> None:
        """A custom session of the selected cards (scheduled: the due and new ones; practice: all)."""
        keys = self.selected_keys()
        if not keys:
            self.statusBar().showMessage("Select one or more cards first.", 5000)
            return
        self.study_requested.emit(keys, mode)

    def ask_export(self) -> None:
        """Export the selection: a file dialog for a .yaml deck or an .apkg package."""
        keys = self.selected_keys()
        if not keys:
            self.statusBar().showMessage("Select one or more cards first.", 5000)
            return
        dialog = QFileDialog(self, "Export the selected cards", str(Path.home() / "selected-cards.apkg"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(["Anki package (*.apkg)", "kquiz deck (*.yaml)"])
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), keys))
        dialog.finished.connect(lambda _r: self.activateWindow())
        dialog.open()
        self.dialog = dialog

    def export_to(self, out: Path, keys: list[CardKey] | None = None) -> None:
        try:
            message = export_cards(self.core, keys if keys is not None else self.selected_keys(), out)
        except KQuizError as exc:
            show_error(exc, self)
            return
        self.statusBar().showMessage(message, 8000)

    def undo(self) -> None:
        if not self.undo_stack:
            self.statusBar().showMessage("Nothing to undo.", 4000)
            return
        change = self.undo_stack.pop()
        try:
            back = undo_change(self.core, change)
        except KQuizError as exc:
            show_error(exc, self)
            return
        skipped = change.count - back
        note = f" ({skipped} changed since were left as they are)" if skipped else ""
        self.statusBar().showMessage(change.undo_message + note, 8000)
        self.changed.emit(list(change.after))
        self.reload()

    def edit_current(self) -> None:
        """Open the current card's deck file at its line (a bundled deck: offered as a copy first)."""
        key = self.table.current_key()
        if key is None:
            return
        try:
            details = card_details(self.core, key)
        except KQuizError as exc:
            show_error(exc, self)
            return
        report = functools.partial(self.statusBar().showMessage, timeout=8000)
        self.dialog = edit_card(  # type: ignore[assignment]
            self,
            self.core,
            key.deck_id,
            details.deck_path,
            details.line,
            report=report,
            copied=self.copied.emit,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.generation, self.load_generation = self.generation + 1, self.load_generation + 1  # late: dropped
        self.table.save()
        super().closeEvent(event)
