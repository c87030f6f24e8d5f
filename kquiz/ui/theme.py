"""Light and dark themes: Fusion style, a palette per scheme and a small style sheet.

``mode`` is "system", "light" or "dark"; "system" follows Qt's
``styleHints().colorScheme()`` and re-applies itself when the desktop switches.
``font_size`` (points) scales every piece of card text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True, slots=True)
class Colors:
    window: str
    surface: str
    border: str
    text: str
    muted: str
    accent: str
    accent_text: str
    good: str
    bad: str
    good_bg: str
    bad_bg: str
    notice_bg: str


LIGHT = Colors(
    window="#f3f4f6",
    surface="#ffffff",
    border="#d6d9de",
    text="#1c1f24",
    muted="#5d6470",
    accent="#2f6fde",
    accent_text="#ffffff",
    good="#17753a",
    bad="#b3261e",
    good_bg="#dff3e4",
    bad_bg="#fbe3e1",
    notice_bg="#fff6d9",
)
DARK = Colors(
    window="#1e2024",
    surface="#2a2d33",
    border="#3c4048",
    text="#e8eaed",
    muted="#a3a9b3",
    accent="#6e9ef5",
    accent_text="#10131a",
    good="#7ed69a",
    bad="#f28b82",
    good_bg="#1f3b29",
    bad_bg="#4a2523",
    notice_bg="#3d3520",
)


def resolve(mode: str, scheme: Qt.ColorScheme | None = None) -> str:
    """ "light" or "dark" for a mode, asking the desktop when the mode is "system"."""
    if mode in ("light", "dark"):
        return mode
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def colors(mode: str) -> Colors:
    return DARK if resolve(mode) == "dark" else LIGHT


def current_colors() -> Colors:
    """The colors of the theme applied last (light before any theme is applied)."""
    app = QApplication.instance()
    scheme = app.property("kquizScheme") if app is not None else None
    return DARK if scheme == "dark" else LIGHT


def _palette(c: Colors) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: c.window,
        role.WindowText: c.text,
        role.Base: c.surface,
        role.AlternateBase: c.window,
        role.Text: c.text,
        role.Button: c.surface,
        role.ButtonText: c.text,
        role.Highlight: c.accent,
        role.HighlightedText: c.accent_text,
        role.ToolTipBase: c.surface,
        role.ToolTipText: c.text,
        role.PlaceholderText: c.muted,
        role.Link: c.accent,
        role.BrightText: c.bad,
        role.Mid: c.border,
        role.Midlight: c.border,
        role.Light: c.surface,
        role.Dark: c.border,
        role.Shadow: c.border,
    }
    for r, value in pairs.items():
        pal.setColor(r, QColor(value))
    for r in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return pal


def style_sheet(c: Colors, font_size: int) -> str:
    big = round(font_size * 1.5)
    return f"""
QFrame#cardSurface {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px; }}
QLabel#cardPrompt {{ font-size: {big}pt; }}
QLabel#cardAnswer {{ font-size: {big}pt; font-weight: 600; }}
QTextEdit#clozeAnswer {{ font-size: {big}pt; }}
QLabel#cardText, QLabel#cardDetail, QLineEdit#typedAnswer, QTextEdit#typedDiff,
QPushButton#choiceButton QLabel {{ font-size: {font_size}pt; }}
QLabel#cardDetail {{ color: {c.muted}; }}
QLabel#cardNote {{ font-size: {font_size}pt; background: {c.notice_bg}; border: 1px solid {c.border};
    border-radius: 8px; padding: 8px 12px; }}
QFrame#divider {{ background: {c.border}; border: none; }}
QLineEdit {{ padding: 6px 8px; border: 1px solid {c.border}; border-radius: 6px; background: {c.surface}; }}
QLineEdit:focus {{ border: 2px solid {c.accent}; }}
QLineEdit:read-only {{ color: {c.muted}; background: {c.window}; }}
QLabel#muted, QLabel#interval {{ color: {c.muted}; }}
QLabel#screenTitle {{ font-size: 17pt; font-weight: 600; }}
QLabel#verdictGood {{ color: {c.good}; font-weight: 600; font-size: {font_size}pt; }}
QLabel#verdictBad {{ color: {c.bad}; font-weight: 600; font-size: {font_size}pt; }}
QLabel#statValue {{ font-size: 22pt; font-weight: 600; }}
QFrame#banner {{ background: {c.notice_bg}; border-bottom: 1px solid {c.border}; }}
QLabel#notice {{ background: {c.notice_bg}; border: 1px solid {c.border}; border-radius: 6px; padding: 6px 10px; }}
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid {c.border}; background: {c.surface}; }}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; }}
QPushButton:default, QPushButton#primary {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; }}
QPushButton#primary:focus, QPushButton:default:focus {{ border: 2px solid {c.text}; }}
QPushButton#choiceButton {{ text-align: left; padding: 10px 14px; }}
QPushButton#choiceButton[verdict="right"] {{ background: {c.good_bg}; border: 2px solid {c.good}; }}
QPushButton#choiceButton[verdict="wrong"] {{ background: {c.bad_bg}; border: 2px solid {c.bad}; }}
QPushButton#choiceButton[checked="true"] {{ border: 2px solid {c.accent}; }}
QTreeWidget {{ border: 1px solid {c.border}; border-radius: 8px; background: {c.surface}; }}
QTreeWidget::item {{ padding: 4px 0; }}
QProgressBar {{ border: 1px solid {c.border}; border-radius: 4px; max-height: 6px; }}
QProgressBar::chunk {{ background: {c.accent}; }}
QWidget#helpOverlay {{ background: rgba(0, 0, 0, 140); }}
QFrame#helpPanel {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px; }}
QScrollArea#helpScroll, QWidget#helpKeys {{ background: transparent; }}
"""


FUSION_SET = "kquizFusion"  # an application property: the Fusion style is set (qt_app makes it so)


def apply(
    app: QApplication, mode: str = "system", font_size: int = 12, scheme: Qt.ColorScheme | None = None
) -> str:
    """Apply a theme to the whole app; returns the scheme used ("light" or "dark")."""
    used = resolve(mode, scheme)
    c = DARK if used == "dark" else LIGHT
    if os.environ.get("QT_STYLE_OVERRIDE") or not app.property(FUSION_SET):  # (it wins over -style)
        if app.style().name().lower() != "fusion":  # an app kquiz did not make: tests, screenshots
            app.setStyle("Fusion")
        app.setProperty(FUSION_SET, True)
    app.setPalette(_palette(c))
    app.setStyleSheet(style_sheet(c, font_size))
    app.setProperty("kquizScheme", used)
    return used


def follow_system(
    app: QApplication, get_mode: Callable[[], str], get_font_size: Callable[[], int]
) -> Callable[[], object]:
    """Re-apply when the desktop scheme changes and the user's choice is "system".

    Returns a function that stops following (call it when the window closes).
    """

    def changed(scheme: Qt.ColorScheme) -> None:
        if get_mode() == "system":
            apply(app, "system", get_font_size(), scheme)

    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(changed)
    return lambda: hints.colorSchemeChanged.disconnect(changed)
