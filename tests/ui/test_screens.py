"""Every screen renders in light and dark, every control's accessible name is its label,
card text is plain text for screen readers (never HTML)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from kquiz.ui import theme
from kquiz.ui.errors import shown_messages
from kquiz.ui.widgets import visible_label

from .keys import press, settle


def check_accessible(root: QWidget) -> int:
    """Every visible control has an accessible name; a button's is exactly its visible label."""
    checked = 0
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.window() is not root.window():
            continue
        if isinstance(w, QAbstractButton) and w.parent().metaObject().className() != "QLineEdit":
            if type(w).__name__ in ("QToolButton",) and not visible_label(w):
                continue  # Qt's own arrow/scroll buttons
            assert w.accessibleName() == visible_label(w), (w, w.accessibleName(), visible_label(w))
            assert w.accessibleName(), w
            checked += 1
        elif isinstance(w, (QLineEdit, QComboBox, QAbstractSpinBox)) and not isinstance(
            w.parent(), QComboBox
        ):
            if isinstance(w, QLineEdit) and isinstance(w.parent(), QAbstractSpinBox):
                continue
            assert w.accessibleName(), w
            checked += 1
    return checked


def grab_ok(widget: QWidget) -> None:
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() > 100 and image.height() > 100
    # something is drawn: more than one colour
    colours = {image.pixel(x, y) for x in range(0, image.width(), 17) for y in range(0, image.height(), 13)}
    assert len(colours) > 3


def bury_until(session, kind: str) -> None:
    while session.current is not None and str(session.current.kind) != kind:
        session.bury()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_screen_renders_with_accessible_controls(qtbot, data_dir, start_app, scheme):
    before = len(shown_messages())
    running = start_app(data_dir, theme=scheme)
    app, window = running.app, running.window
    assert app.property("kquizScheme") == scheme
    expected = theme.DARK if scheme == "dark" else theme.LIGHT
    assert app.palette().color(QPalette.ColorRole.Window).name() == expected.window
    grab_ok(window)
    assert check_accessible(window) >= 5

    window.help.toggle()
    assert window.help.isVisible()
    grab_ok(window)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert not window.help.isVisible()

    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    for kind in ("basic", "reversed", "choice", "truefalse", "typed", "cloze"):
        bury_until(session, kind)
        window.study.start(session)
        settle()
        assert str(session.current.kind) == kind
        assert window.study.card.prompt.text() == session.current.prompt
        grab_ok(window)
        check_accessible(window)
        session.reveal() if kind != "choice" else session.submit_choice([0])
        window.study.redraw()
        settle()
        assert window.study.grades.isVisible()
        grab_ok(window)
        names = [b.accessibleName() for b in window.study.grades.buttons]
        assert names == ["Again", "Hard", "Good", "Easy"]
        assert [visible_label(b) for b in window.study.grades.buttons] == names
        check_accessible(window)
        session.rate(3)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.summary
    grab_ok(window)
    check_accessible(window)

    for open_dialog, name in (
        (window.nav.open_settings, "settings_dialog"),
        (window.nav.open_about, "about_dialog"),
    ):
        open_dialog()
        settle()
        dialog = getattr(window.nav, name)
        assert dialog.isVisible()
        grab_ok(dialog)
        assert check_accessible(dialog) >= 1
        dialog.reject()
    assert len(shown_messages()) == before, shown_messages()[before:]


def test_card_text_is_plain_text_and_readable(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    while session.current.key.card_id != "basic-4":
        session.bury()
    window.study.start(session)
    prompt = window.study.card.prompt
    assert prompt.textFormat() == Qt.TextFormat.PlainText
    assert "<i>BDNF</i>" in prompt.text()  # shown literally, not as italics
    assert prompt.accessibleName() == "Question"
    assert prompt.accessibleDescription() == session.current.prompt
    press(qtbot, window, Qt.Key.Key_Space)
    answer = window.study.card.answer
    assert answer.textFormat() == Qt.TextFormat.PlainText
    assert answer.accessibleDescription() == session.current.answer
    for label in window.study.findChildren(QLabel):
        assert (
            label.textFormat() == Qt.TextFormat.PlainText
            or not label.text()
            or label.text() in (window.study.remaining.text(), window.study.keys_hint.text())
            or label.objectName() == "interval"
        )


def test_font_size_scales_card_text(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    press(qtbot, window, Qt.Key.Key_Return)
    small = window.study.card.prompt.font().pointSizeF()
    running.core.save_settings(running.core.settings().with_changes(font_size=20))
    window.apply_theme()
    settle()
    big = window.study.card.prompt.font().pointSizeF()
    assert big == pytest.approx(30) and small == pytest.approx(18)
    assert QApplication.instance().styleSheet().count("font-size: 20pt") >= 1


def test_card_image_is_scaled_to_fit_keeping_its_aspect_ratio(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    press(qtbot, window, Qt.Key.Key_Return)
    session = window.nav.session
    while session.current.key.card_id != "basic-1":
        session.bury()
    window.study.start(session)
    settle()
    image = window.study.card.image
    assert image.isVisibleTo(window) and image.is_drawn()
    for width in (1000, 520):
        window.resize(width, 700)
        settle()
        shown = image.pixmap()
        w = shown.width() / shown.devicePixelRatio()
        h = shown.height() / shown.devicePixelRatio()
        assert w <= image.width() + 1 and h <= 260 + 1
        assert abs(w / h - 480 / 240) < 0.05  # aspect ratio kept
    assert image.accessibleName().startswith("Image: ")


def test_system_theme_follows_the_desktop_scheme(qtbot, data_dir, start_app):
    from PySide6.QtGui import QGuiApplication

    running = start_app(data_dir, theme="system")
    hints = QGuiApplication.styleHints()
    app = running.app
    # the offscreen platform cannot switch schemes: send the change notification it would send
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert app.property("kquizScheme") == "dark"
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.window
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert app.property("kquizScheme") == "light"
    running.window.set_theme("dark")  # a manual choice wins over the desktop
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert app.property("kquizScheme") == "dark"


def test_open_folder_adds_its_decks_off_the_ui_thread(qtbot, data_dir, start_app, tmp_path):
    import shutil

    from .conftest import SAMPLE_DECK

    running = start_app(data_dir, deck_dirs=())
    window = running.window
    folder = tmp_path / "my-decks"
    shutil.copytree(SAMPLE_DECK, folder)
    window.loader.add_folder(folder)
    assert window.library.progress.isVisibleTo(window)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=20000)
    settle()
    assert window.library.tree.topLevelItem(0).text(0) == "UI sample deck"
    assert folder.resolve() in running.core.deck_folders()
