"""The browser's table view: rows selected whole, sortable, columns hideable from a header menu, and
its columns (visible, widths, order, sort) remembered in the UI settings."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from kquiz.domain import CardKey
from kquiz.ui.browser.model import CardTableModel

HIDDEN_BY_DEFAULT = ("topic", "stability", "difficulty", "answered")
WIDTHS = {"question": 32, "deck": 14, "topic": 15, "type": 9, "state": 10, "marks": 13}  # in characters
SETTING = "browser/header"


class CardTable(QTableView):
    def __init__(self, model: CardTableModel, ui_settings: QSettings | None = None):
        super().__init__()
        self.cards, self.ui_settings = model, ui_settings
        self.setObjectName("cardTable")
        self.setAccessibleName("Cards")
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between cells), no focus trap
        self.setModel(model)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        char = self.fontMetrics().averageCharWidth()  # widths follow the font (an 18 pt font: wider)
        for i, col in enumerate(model.columns):
            width = char * WIDTHS.get(col.name, 8 if col.numeric else 9) + 8
            self.setColumnWidth(i, max(width, header.sectionSizeHint(i)))
        self.restore()

    # ---- columns ---------------------------------------------------------------------------------
    def fill_columns(self, menu: QMenu) -> None:
        """One checkable entry per column (the header's right-click menu and the Columns menu)."""
        menu.clear()
        header = self.horizontalHeader()
        for i, col in enumerate(self.cards.columns):
            action = menu.addAction(col.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.toggled.connect(lambda on, i=i: self.set_column_visible(i, on))

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        self.fill_columns(menu)
        menu.popup(self.horizontalHeader().mapToGlobal(pos))
        self.column_menu = menu

    def set_column_visible(self, section: int, visible: bool) -> None:
        self.horizontalHeader().setSectionHidden(section, not visible)
        self.save()

    def restore(self) -> None:
        header = self.horizontalHeader()
        state = self.ui_settings.value(SETTING) if self.ui_settings is not None else None
        if state is not None and header.restoreState(state):
            section = header.sortIndicatorSection()
            if 0 <= section < len(self.cards.columns):
                self.cards.sort(section, header.sortIndicatorOrder())
            return
        for i, col in enumerate(self.cards.columns):
            header.setSectionHidden(i, col.name in HIDDEN_BY_DEFAULT)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def save(self) -> None:
        if self.ui_settings is not None:
            self.ui_settings.setValue(SETTING, self.horizontalHeader().saveState())

    # ---- selection -------------------------------------------------------------------------------
    def selected_keys(self) -> list[CardKey]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [k for k in (self.cards.key_at(r) for r in rows) if k is not None]

    def current_key(self) -> CardKey | None:
        return self.cards.key_at(self.currentIndex().row())

    def reselect(self, keys: list[CardKey], current: CardKey | None) -> int:
        """Select ``keys`` again after the rows changed; returns the current card's row (-1: gone)."""
        sel = self.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        where = (
            self.cards.rows_of([*keys, current] if current is not None else keys) if keys or current else {}
        )
        for key in keys:
            row = where.get(key, -1)
            if row >= 0:
                sel.select(self.cards.index(row, 0), flags)
        row = where.get(current, -1) if current is not None else -1
        if row >= 0:
            sel.setCurrentIndex(self.cards.index(row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        return row

    def focus_rows(self) -> None:
        """Keyboard focus into the table, with a row selected (the current one, else the first)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.selectionModel().hasSelection() and self.cards.rowCount():
            current = self.currentIndex()
            self.selectRow(current.row() if current.isValid() else 0)
