"""Building blocks of the Stats window: a titled chart card with PNG export, summary tiles, and the
hardest-cards list (double-click opens the card)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kquiz.domain import CardKey
from kquiz.errors import KQuizError
from kquiz.ui.plain import plain_tip

KEY_ROLE = Qt.ItemDataRole.UserRole


def save_png(widget: QWidget, path: str | Path) -> Path:
    """Render ``widget`` (a chart card, a chart view, the heatmap) to a PNG file at ``path``."""
    target = Path(path)
    if target.suffix.lower() != ".png":
        target = target.with_name(target.name + ".png")
    image = widget.grab().toImage()
    if image.isNull() or not image.save(str(target)):  # the format follows the .png suffix
        raise KQuizError(f"Could not save the chart as {target}.")
    return target


class ChartCard(QFrame):
    """A framed card: title, a one-line caption, a body widget, and "Save as PNG…" (button and
    right-click menu). ``save_to(path)`` is the dialog-free part, used by tests."""

    saved = Signal(str)

    def __init__(self, key: str, title: str, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("statsCard")
        self.body = body
        self.title = QLabel(title)
        self.title.setObjectName("statsCardTitle")
        self.caption = QLabel("")
        self.caption.setObjectName("muted")
        self.caption.setWordWrap(True)
        save = QToolButton()
        save.setText("Save PNG…")
        save.setObjectName("savePng")
        save.setToolTip(f"Save the '{title}' chart as a PNG image")
        save.setAutoRaise(True)
        save.clicked.connect(self.save_with_dialog)
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.caption)
        layout.addWidget(body, 1)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        body.customContextMenuRequested.connect(lambda pos: self._menu(body.mapTo(self, pos)))

    def set_body(self, body: QWidget) -> None:
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.replaceWidget(self.body, body)
        self.body.deleteLater()
        self.body = body
        body.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        body.customContextMenuRequested.connect(lambda pos: self._menu(body.mapTo(self, pos)))

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Save chart as PNG…", self.save_with_dialog)
        menu.popup(self.mapToGlobal(pos))

    def save_to(self, path: str | Path) -> Path:
        saved = save_png(self, path)
        self.saved.emit(str(saved))
        return saved

    def save_with_dialog(self) -> None:
        default = str(Path.home() / f"kquiz-{self.key}.png")
        path, _ = QFileDialog.getSaveFileName(self, "Save chart as PNG", default, "PNG images (*.png)")
        if path:
            try:
                self.save_to(path)
            except KQuizError as exc:
                from kquiz.ui.errors import show_error

                show_error(exc, self)


class Tile(QFrame):
    """A big number with a label under it."""

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("statsTile")
        self.value = QLabel("—")
        self.value.setObjectName("statValue")
        self.label = QLabel(label)
        self.label.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.label)

    def set(self, value: str, tip: str = "") -> None:
        self.value.setText(value)
        self.setToolTip(tip)
        self.setAccessibleName(f"{self.label.text()}: {value}")


class HardestCards(QTreeWidget):
    """Hardest cards (most lapses, then lowest predicted recall). Activating a card (double-click or
    Enter, as the platform defines activation) emits card_requested(CardKey)."""

    card_requested = Signal(object)  # CardKey

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("hardestCards")
        self.setHeaderLabels(["Card", "Topic", "Lapses", "Reviews", "Recall now"])
        self.setRootIsDecorated(True)
        self.setAlternatingRowColors(True)
        self.setMinimumHeight(230)
        self.itemActivated.connect(self._activated)

    def set_cards(
        self, by_lapses, by_recall, titles: dict[str, str], describe: Callable[[CardKey], str] = str
    ) -> None:
        """Fill both groups; ``describe(key)`` gives the text shown for a card (its prompt)."""
        self.clear()
        for name, cards in (("Most lapses", by_lapses), ("Lowest predicted recall", by_recall)):
            group = QTreeWidgetItem([f"{name} ({len(cards)})"])
            group.setFirstColumnSpanned(True)
            self.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for h in cards:
                item = QTreeWidgetItem(
                    [
                        describe(h.key),
                        titles.get(h.topic, h.topic).split(":", 1)[0],
                        str(h.lapses),
                        str(h.reps),
                        f"{100 * h.retrievability:.0f}%" + (" (suspended)" if h.suspended else ""),
                    ]
                )
                item.setData(0, KEY_ROLE, h.key)
                item.setToolTip(0, plain_tip(f"{describe(h.key)}\n{h.key} — double-click to open"))
                for col in (2, 3, 4):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                group.addChild(item)
            group.setExpanded(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(1, 120)
        for col in range(2, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def keys(self) -> list[CardKey]:
        groups = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        items = [g.child(j) for g in groups if g is not None for j in range(g.childCount())]
        return [item.data(0, KEY_ROLE) for item in items if item is not None]

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, KEY_ROLE)
        if isinstance(key, CardKey):
            self.card_requested.emit(key)
