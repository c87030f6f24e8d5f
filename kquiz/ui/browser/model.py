"""The browser's table: a QAbstractTableModel over plain card rows from the core (no widget per card).
Sorting is the core's (``sort_order``, and a search's rows come sorted from the worker): the model only
swaps its row list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kquiz.domain import CardKey

if TYPE_CHECKING:
    from kquiz.app.cards import CardRow, Column

_Index = QModelIndex | QPersistentModelIndex
ROLE_KEY = Qt.ItemDataRole.UserRole + 1
_DISPLAY, _ACCESSIBLE = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)
_TOOLTIP, _ALIGN = int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset((_DISPLAY, _ACCESSIBLE, _TOOLTIP, _ALIGN, int(ROLE_KEY)))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CardTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None):
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: list[CardRow] = []
        self.sort_column: str | None = None
        self.descending = False

    # ---- data ------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # the view asks ~7 roles a cell on every paint: answer the rest at once
        r = index.row()
        if r >= len(self.rows):
            return None
        row, col = self.rows[r], self.columns[index.column()]
        if role in (_DISPLAY, _ACCESSIBLE):
            return col.text(row)
        if role == _TOOLTIP:
            return (
                (f"{row.key} — line {row.line}" if row.line else str(row.key))
                if col.name == "question"
                else None
            )
        if role == _ALIGN:
            return _RIGHT if col.numeric else None
        return row.key  # ROLE_KEY

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    # ---- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CardRow], sorted_by: tuple[str | None, bool] | None = None) -> None:
        """Show ``rows``; ``sorted_by`` (column, descending): the order they come in (sorted on a worker),
        sorted again here only if the model's sort changed meanwhile."""
        from kquiz.app.cards import sort_rows

        self.beginResetModel()
        if self.sort_column and sorted_by != (self.sort_column, self.descending):
            self.rows = sort_rows(rows, self.sort_column, descending=self.descending)
        else:
            self.rows = list(rows)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from kquiz.app.cards import sort_order

        self.sort_column = self.columns[column].name
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()  # the selection and the current cell follow their card
        positions = sort_order(self.rows, self.sort_column, descending=self.descending)
        self.rows = [self.rows[i] for i in positions]
        if persistent:
            if len(persistent) > 32:
                where = {old: new for new, old in enumerate(positions)}
                moved = [where[i.row()] for i in persistent]
            else:
                moved = [positions.index(i.row()) for i in persistent]
            self.changePersistentIndexList(
                persistent, [self.index(r, i.column()) for r, i in zip(moved, persistent, strict=True)]
            )
        self.layoutChanged.emit()

    def key_at(self, row: int) -> CardKey | None:
        return self.rows[row].key if 0 <= row < len(self.rows) else None

    def row_of(self, key: CardKey) -> int:
        return self.rows_of([key]).get(key, -1)

    def rows_of(self, keys: Iterable[CardKey]) -> dict[CardKey, int]:
        """Where ``keys`` are (those shown): one pass, testing the card id's cached string hash first."""
        wanted = set(keys)
        ids = {k.card_id for k in wanted}
        where: dict[CardKey, int] = {}
        for i, r in enumerate(self.rows):
            key = r.key
            if key.card_id in ids and key in wanted:
                where[key] = i
        return where
