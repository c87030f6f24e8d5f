"""The keyboard help overlay (?): a panel over the window listing every key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kquiz.ui.shortcuts import KEYS
from kquiz.ui.widgets import button


class HelpOverlay(QWidget):
    """Built on first use: its ~90 labels cost ~30 ms of every start otherwise (benchmarks/bench_startup.py)."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Keyboard shortcuts")
        self.built = False
        parent.installEventFilter(self)
        self.hide()

    def _build(self) -> None:
        self.built = True
        panel = QFrame(self)
        panel.setObjectName("helpPanel")
        self.panel = panel
        keys = QWidget()
        keys.setObjectName("helpKeys")
        grid = QGridLayout(keys)
        grid.setContentsMargins(28, 22, 28, 8)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        title = QLabel("Keyboard shortcuts")
        title.setObjectName("screenTitle")
        grid.addWidget(title, 0, 0, 1, 3)
        for row, key in enumerate(KEYS, start=1):
            k = QLabel(key.keys)
            k.setStyleSheet("font-weight: 600;")
            a = QLabel(key.action)
            w = QLabel(key.where)
            w.setObjectName("muted")
            for label in (k, a, w):
                label.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(k, row, 0)
            grid.addWidget(a, row, 1)
            grid.addWidget(w, row, 2)
        # a small window scrolls the list (PgUp/PgDn, arrows) and keeps Close in view
        self.scroll_area = QScrollArea(panel)
        self.scroll_area.setObjectName("helpScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(keys)
        keys.setAutoFillBackground(False)
        self.scroll_area.viewport().setAutoFillBackground(False)
        self.close_button = button("Close", panel)
        self.close_button.clicked.connect(self.hide)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 28, 18)
        column.addWidget(self.scroll_area, 1)
        column.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            if not self.built:
                self._build()
            self.previous_focus = QApplication.focusWidget()
            self._cover_parent()
            self.raise_()
            self.show()
            self.close_button.setFocus()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        previous = getattr(self, "previous_focus", None)
        try:
            if previous is not None and previous.isVisible():
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # the widget was deleted meanwhile (a card was replaced)
            pass
        self.previous_focus = None

    def setGeometry(self, *args) -> None:
        super().setGeometry(*args)
        if not self.built:
            return
        keys = self.scroll_area.widget()
        if keys is None:
            return
        natural = keys.sizeHint().height() + self.close_button.sizeHint().height() + 40
        self.scroll_area.setMinimumWidth(
            keys.sizeHint().width() + self.scroll_area.verticalScrollBar().sizeHint().width()
        )
        self.panel.setFixedHeight(max(120, min(natural, self.height() - 24)))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._cover_parent()
        return False

    def _cover_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.hide()
            return
        if not self.built:
            super().keyPressEvent(event)
            return
        bar = self.scroll_area.verticalScrollBar()
        steps = {
            Qt.Key.Key_PageDown: bar.pageStep(),
            Qt.Key.Key_PageUp: -bar.pageStep(),
            Qt.Key.Key_Down: bar.singleStep() * 3,
            Qt.Key.Key_Up: -bar.singleStep() * 3,
        }
        if event.key() in steps:
            bar.setValue(bar.value() + steps[event.key()])
            return
        super().keyPressEvent(event)
