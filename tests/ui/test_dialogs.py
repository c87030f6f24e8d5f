"""Settings are saved through the core (bad input is shown and kept); About shows the notice."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QApplication, QMessageBox

from kquiz import EDUCATIONAL_NOTICE, __version__
from kquiz.ui.errors import shown_messages

from .keys import settle


def test_settings_dialog_saves_through_the_core(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    window.nav.open_settings()
    dialog = window.nav.settings_dialog
    assert dialog.folder.text() == str(core.paths.data_dir) and dialog.folder.isReadOnly()
    dialog.new_limit.setValue(5)
    dialog.review_limit.setValue(50)
    dialog.retention.setValue(0.85)
    dialog.steps.setText("30s 5m 1h")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.font_size.setValue(16)
    dialog.rollover.setValue(3)
    assert dialog.bury_siblings.isChecked()  # on by default
    dialog.bury_siblings.setChecked(False)
    dialog.accept()
    settle()
    assert not dialog.isVisible()
    s = core.settings()
    assert (s.new_per_day, s.reviews_per_day, s.theme, s.font_size, s.rollover_hour) == (5, 50, "dark", 16, 3)
    assert s.scheduling.desired_retention == 0.85
    assert s.bury_siblings is False
    assert s.scheduling.learning_steps == (timedelta(seconds=30), timedelta(minutes=5), timedelta(hours=1))
    assert QApplication.instance().property("kquizScheme") == "dark"
    # the library counts follow the new daily limit at once
    assert window.library.tree.topLevelItem(0).text(1) == "5"


def test_bad_settings_are_shown_and_the_dialog_stays_open(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window, core = running.window, running.core
    before = core.settings()
    window.nav.open_settings()
    dialog = window.nav.settings_dialog
    dialog.steps.setText("ten minutes")
    count = len(shown_messages())
    dialog.accept()
    settle()
    assert dialog.isVisible()
    assert dialog.steps.text() == "ten minutes"
    assert len(shown_messages()) == count + 1 and "ten" in shown_messages()[-1]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes
    for box in boxes:
        box.accept()
    assert core.settings() == before
    dialog.reject()


def test_about_shows_version_data_folder_and_notice(qtbot, data_dir, start_app):
    running = start_app(data_dir)
    window = running.window
    window.nav.open_about()
    dialog = window.nav.about_dialog
    texts = [label.text() for label in dialog.findChildren(type(window.study.remaining))]
    assert f"Version {__version__}" in texts
    assert EDUCATIONAL_NOTICE in texts
    assert any(str(data_dir) in t for t in texts)
    dialog.reject()


def test_tools_stats_opens_the_stats_window(qtbot, data_dir, start_app):
    from kquiz.ui.stats.window import StatsWindow

    from .keys import press

    running = start_app(data_dir)
    window = running.window
    from PySide6.QtCore import Qt

    press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.nav.stats_windows, window.statusBar().currentMessage()
    stats = window.nav.stats_windows[-1]
    assert isinstance(stats, StatsWindow) and stats.isVisible()
    qtbot.waitUntil(lambda: stats.report is not None, timeout=30000)  # computed off the UI thread
    stats.close()
    settle()
