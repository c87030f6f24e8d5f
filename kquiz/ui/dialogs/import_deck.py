"""File → Import…: a CSV/TSV file, a Quizlet or Anki text export, or an Anki package into a new deck.

The same conversion and the same messages as ``kquiz import`` (``kquiz.app.authoring``): the summary
sentence, then a ``warning:`` line for each row imported with a change and a ``skipped:`` line for each
row (or package note) left out, shown under "Show Details…". The conversion runs off the UI thread
(an Anki package is read by the anki library); a failure is shown by the one error dialog. The new deck
is saved in the decks folder by default, and the library is read again to list it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from kquiz.ui.errors import show_error
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app.authoring import ImportReport
    from kquiz.ui.main_window import MainWindow

FILTER = (
    "Cards to import (*.csv *.tsv *.tab *.txt *.apkg *.colpkg);;Anki packages (*.apkg *.colpkg);;"
    "CSV, TSV and text exports (*.csv *.tsv *.tab *.txt);;All files (*)"
)


class DeckImport:
    """The import flow of one main window; ``result`` is the last report dialog (for tests)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.result: QMessageBox | None = None
        self.busy = False

    def choose(self) -> None:
        """Ask for the file to import and where to save the deck, then import."""
        source, _ = QFileDialog.getOpenFileName(self.window, "Import cards", str(Path.home()), FILTER)
        if not source:
            return
        folder = self.window.core.paths.user_decks_dir
        suggested = folder / f"{Path(source).stem}.yaml"
        out, _ = QFileDialog.getSaveFileName(
            self.window, "Save the new deck as", str(suggested), "kquiz decks (*.yaml *.yml)"
        )
        if out:
            target = Path(out) if Path(out).suffix.lower() in {".yaml", ".yml"} else Path(f"{out}.yaml")
            self.start(Path(source), target, overwrite=target.exists())  # the dialog asked to replace it

    def start(self, source: Path, out: Path, *, overwrite: bool = False) -> None:
        if self.busy:
            self.window.statusBar().showMessage("An import is under way; try again in a moment.", 4000)
            return
        from kquiz.app.authoring import import_deck  # on first use: off the start-up path

        self.busy = True
        self.window.statusBar().showMessage(f"Importing {source.name}…")
        run_in_background(lambda: import_deck(source, out, overwrite=overwrite), self._done, self._failed)

    def _done(self, report: ImportReport) -> None:
        from kquiz.app.authoring import import_messages

        self.busy = False
        self.window.statusBar().clearMessage()
        summary, lines = import_messages(report)
        icon = QMessageBox.Icon.Warning if report.problems else QMessageBox.Icon.Information
        box = QMessageBox(icon, "Import", summary, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("importResult")
        if lines:
            skipped = sum(line.startswith("skipped:") for line in lines)
            box.setInformativeText(
                f"{len(lines) - skipped} warning(s), {skipped} not imported: see Show Details…"
            )
            box.setDetailedText("\n".join(lines))
        self.result = box
        box.open()
        self._show_deck(report.out)

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.window.statusBar().clearMessage()
        show_error(exc, self.window)

    def _show_deck(self, out: Path) -> None:
        folder = out.parent.resolve()
        read = [Path(d).resolve() for d in self.window.core.deck_dirs()]
        if any(folder == d or d in folder.parents for d in read):
            self.window.loader.load()
        else:
            self.window.loader.add_folder(folder)
