"""The browser's table: a QAbstractTableModel over plain card rows from the core (no widget per card).
Sorting is the core's (``sort_rows``): the model only swaps its row list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kquiz.domain import CardKey

if TYPE_CHECKING:
    from kquiz.app.cards import CardRow, Column

_Index = QModelIndex | QPersistentModelIndex
ROLE_KEY = Qt.ItemDataRole.UserRole + 1


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
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.name == "question":
            return f"{row.key} — line {row.line}" if row.line else str(row.key)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROLE_KEY:
            return row.key
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    # ---- rows ------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[CardRow]) -> None:
        from kquiz.app.cards import sort_rows

        self.beginResetModel()
        self.rows = (
            sort_rows(rows, self.sort_column, descending=self.descending) if self.sort_column else list(rows)
        )
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        from kquiz.app.cards import sort_rows

        self.sort_column = self.columns[column].name
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()  # the selection and the current cell follow their card
        held = [(self.rows[i.row()].key, i.column()) for i in persistent]
        self.rows = sort_rows(self.rows, self.sort_column, descending=self.descending)
        where = {r.key: i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(persistent, [self.index(where[k], c) for k, c in held])
        self.layoutChanged.emit()

    def key_at(self, row: int) -> CardKey | None:
        return self.rows[row].key if 0 <= row < len(self.rows) else None

    def row_of(self, key: CardKey) -> int:
        for i, r in enumerate(self.rows):
            if r.key == key:
                return i
        return -1
