"""E on a card (study screen, browser): open its deck file at its line; a deck bundled with kquiz is
offered as a copy in the learner's decks folder first (the copy then replaces it, progress intact)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from kquiz.app.bundled import copy_bundled_deck, is_bundled
from kquiz.errors import KQuizError
from kquiz.ui.editor import open_at_line
from kquiz.ui.errors import show_error

if TYPE_CHECKING:
    from kquiz.app import Core


def edit_card(
    parent: QWidget,
    core: Core,
    deck_id: str,
    deck_path: str | None,
    line: int,
    *,
    report: Callable[[str], object],
    copied: Callable[[], object],
) -> QMessageBox | None:
    """Open the card's deck file; for a bundled deck ask first and edit a copy. Returns the question
    asked (None when the file was opened at once)."""
    if not deck_path:
        report("This card has no deck file to open.")
        return None
    if not is_bundled(deck_path):
        report(open_at_line(deck_path, line))
        return None
    title = core.deck(deck_id).title
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Edit a deck that comes with kquiz",
        f"“{title}” comes with kquiz and is replaced when kquiz is updated. Copy it to your decks "
        f"folder ({core.paths.user_decks_dir}) and edit the copy? It keeps the deck's id, so it "
        "replaces the bundled deck and your progress carries over.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Yes)

    def copy() -> None:
        try:
            target = copy_bundled_deck(core, deck_id)
        except KQuizError as exc:
            show_error(exc, parent)
            return
        copied()
        report(open_at_line(str(target), line))

    box.accepted.connect(copy)
    box.open()
    return box
