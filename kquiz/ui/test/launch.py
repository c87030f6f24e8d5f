"""Study → Take a test… (T in the library) and File → Print / Export test as PDF…: the dialog, then the
test window or the PDF. The scope offers the selected deck, its topic, its tags, every deck, and the
card browser's selection when it has one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from kquiz.app import Selection
from kquiz.app.quiz import AnswersMode, start_test, to_html, worksheet_for
from kquiz.ui.errors import guarded
from kquiz.ui.test.dialog import TestDialog, TestSetup
from kquiz.ui.test.window import TestWindow

if TYPE_CHECKING:
    from kquiz.ui.main_window import MainWindow


def scopes(window: MainWindow, deck_id: str | None, topic_id: str | None) -> list[tuple[str, Selection]]:
    found: list[tuple[str, Selection]] = []
    library = window.core.library
    deck = library.deck(deck_id) if deck_id is not None else None
    if deck is not None:
        topic = deck.topic(topic_id) if topic_id is not None else None
        if topic_id is not None:
            found.append(
                (f"Topic: {topic.title if topic else topic_id}", Selection((deck.id,), topic=topic_id))
            )
        found.append((f"Deck: {deck.title}", Selection((deck.id,))))
        for tag in sorted({t for card in deck.cards for t in card.tags}):
            found.append((f"Tag: #{tag} in {deck.title}", Selection((deck.id,), tag=tag)))
    browser = getattr(window, "browser", None)
    if browser is not None and browser.isVisible():
        keys = tuple(browser.selected_keys())
        if keys:
            n = len(keys)
            found.insert(
                0, (f"The {n} card{'s' if n != 1 else ''} selected in the browser", Selection(keys=keys))
            )
    if len(library.decks) > 1:
        found.append((f"Every deck ({len(library.decks)})", Selection()))
    return found


def take_test(
    window: MainWindow, deck_id: str | None = None, topic_id: str | None = None
) -> TestDialog | None:
    """Open the Take a test… dialog; on OK, draw the test and open its window."""
    choices = scopes(window, deck_id, topic_id)
    if not choices:
        window.statusBar().showMessage("Load a deck first: a test is drawn from its cards.", 6000)
        return None
    dialog = TestDialog(choices, parent=window)
    dialog.accepted.connect(lambda: open_test(window, dialog.setup()))
    dialog.open()
    return dialog


def open_test(window: MainWindow, setup: TestSetup) -> TestWindow | None:
    with guarded(window):
        test = start_test(window.core, setup.scope, count=setup.count, kinds=setup.kinds, seed=setup.seed)
        test_window = TestWindow(window.core, test, minutes=setup.minutes, parent=window)
        test_window.study_requested.connect(window._study_cards)
        test_window.submitted.connect(lambda _result: window.loader.refresh())
        window.test_window = test_window  # type: ignore[attr-defined]  # the open test (tests look at it)
        test_window.show()
        test_window.raise_()
        test_window.activateWindow()
        test_window.start()
        return test_window
    return None


def choose_pdf(window: MainWindow, suggested: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(window, "Save the test as PDF", suggested, "PDF (*.pdf)")
    return Path(path) if path else None


def print_test(
    window: MainWindow, deck_id: str | None = None, topic_id: str | None = None
) -> TestDialog | None:
    """Open the Print a test… dialog; on OK, ask where and write the worksheet PDF."""
    choices = scopes(window, deck_id, topic_id)
    if not choices:
        window.statusBar().showMessage("Load a deck first: a test is drawn from its cards.", 6000)
        return None
    dialog = TestDialog(choices, printing=True, parent=window)
    dialog.accepted.connect(lambda: _save_pdf(window, dialog.setup()))
    dialog.open()
    return dialog


def _save_pdf(window: MainWindow, setup: TestSetup) -> Path | None:
    from kquiz.ui.printing import write_pdf

    with guarded(window):
        test = start_test(window.core, setup.scope, count=setup.count, kinds=setup.kinds, seed=setup.seed)
        target = choose_pdf(window, str(Path.home() / f"kquiz-test-{setup.seed}.pdf"))
        if target is None:
            return None
        sheet = worksheet_for(test, AnswersMode(setup.answers))
        write_pdf(to_html(sheet), target, title=sheet.title, paper=setup.paper)
        window.statusBar().showMessage(
            f"Saved the test ({len(test.questions)} questions, seed {test.seed}) to {target}", 10000
        )
        return target
    return None
