"""Small widget helpers shared by the screens (accessible names always equal visible labels)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget


def visible_label(widget: QWidget) -> str:
    """What a sighted user reads on a control (mnemonic ampersands removed)."""
    label = getattr(widget, "label_text", None)
    if callable(label):
        return label()
    text = widget.text() if hasattr(widget, "text") else ""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button(text: str, parent: QWidget | None = None, *, primary: bool = False) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(visible_label(b))
    if primary:
        b.setObjectName("primary")
    return b


def text_label(text: str = "", name: str = "", *, object_name: str = "cardText") -> QLabel:
    """A wrapped, selectable plain-text label (card text is never rendered as HTML)."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if name:
        label.setAccessibleName(name)
    set_text(label, text)
    return label


def set_text(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setAccessibleDescription(text)
    if label.parent() is not None or not text:  # never show a parentless label as a window
        label.setVisible(bool(text))
