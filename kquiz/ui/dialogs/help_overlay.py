"""The keyboard help overlay (?): a panel over the window listing every key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from kquiz.ui.shortcuts import KEYS
from kquiz.ui.widgets import button


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName("Keyboard shortcuts")
        panel = QFrame(self)
        panel.setObjectName("helpPanel")
        grid = QGridLayout(panel)
        grid.setContentsMargins(28, 22, 28, 22)
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
        self.close_button = button("Close", panel)
        self.close_button.clicked.connect(self.hide)
        grid.addWidget(self.close_button, len(KEYS) + 1, 2, alignment=Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.previous_focus = QApplication.focusWidget()
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
            self.show()
            self.close_button.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        previous = getattr(self, "previous_focus", None)
        try:
            if previous is not None and previous.isVisible():
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # the widget was deleted meanwhile (a card was replaced)
            pass
        self.previous_focus = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.hide()
            return
        super().keyPressEvent(event)
