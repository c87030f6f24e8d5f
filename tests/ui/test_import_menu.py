"""File → Import…: the same conversion and messages as ``kquiz import``, and the deck appears."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from kquiz.app.authoring import import_messages
from kquiz.ui.errors import shown_messages

from .test_library import all_item_texts


def _menu_texts(window) -> list[str]:
    file_menu = window.menuBar().actions()[0].menu()
    return [action.text() for action in file_menu.actions()]


def test_import_from_the_file_menu_reports_like_the_cli_and_lists_the_deck(
    qtbot, data_dir, start_app, tmp_path
):
    running = start_app(data_dir)
    window = running.window
    assert "&Import…" in _menu_texts(window)
    source = tmp_path / "karten.csv"
    source.write_text("Frage;Antwort\nWas blockiert Ketamin?;NMDA-Rezeptoren\nLeer;\n", encoding="utf-8")
    out = running.core.paths.user_decks_dir / "karten.yaml"
    window.importer.start(source, out)
    qtbot.waitUntil(lambda: window.importer.result is not None, timeout=15000)
    box = window.importer.result
    assert box.text().startswith("Imported 1 card(s) from ") and "1 row(s) skipped" in box.text()
    details = box.detailedText().splitlines()
    assert details[0].startswith("warning: ") and "line 1 (Frage;Antwort) is a header row" in details[0]
    assert details[1].startswith("skipped: ") and ":3:1: the back (answer) is empty" in details[1]
    qtbot.waitUntil(lambda: "Karten" in all_item_texts(window.library.tree), timeout=15000)
    box.close()

    # the CLI's words, from the same function
    from kquiz.app.authoring import import_deck

    report = import_deck(source, tmp_path / "again.yaml")
    assert import_messages(report)[1][1] == details[1]


def test_a_file_that_cannot_be_imported_shows_the_error_dialog(qtbot, data_dir, start_app, tmp_path):
    running = start_app(data_dir)
    source = tmp_path / "deck.apkg"
    source.write_bytes(b"not a zip")
    before = len(shown_messages())
    running.window.importer.start(source, tmp_path / "deck.yaml")
    qtbot.waitUntil(lambda: len(shown_messages()) > before, timeout=15000)
    assert "not a zip archive, so not an Anki package" in shown_messages()[-1]
    assert running.window.importer.result is None and not (tmp_path / "deck.yaml").exists()
    assert not running.window.importer.busy
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [d.objectName() for d in dialogs] == ["errorDialog"]
    dialogs[0].done(0)  # deleted on close: no dialog left for the next test
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5000)
