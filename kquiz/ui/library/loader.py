"""Loads the deck library off the UI thread: read files in a worker, install on the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kquiz.errors import SettingsError
from kquiz.ui.errors import show_error
from kquiz.ui.library.model import LibraryData, library_data
from kquiz.ui.workers import run_in_background


class LibraryLoader(QObject):
    started = Signal()
    loaded = Signal(object)  # LibraryData

    def __init__(self, core: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.core = core
        self.busy = False
        self.again = False

    def load(self) -> None:
        """Start a reload (a second request while one runs is queued, not run twice at once)."""
        if self.busy:
            self.again = True
            return
        self.busy, self.again = True, False
        self.started.emit()
        run_in_background(self.core.read_library, self._install, self._failed)

    def add_folder(self, folder: Path) -> None:
        """Remember a folder of decks and load it (in the worker: the core reads the files)."""
        if self.busy:
            show_error(SettingsError("Decks are still loading; try again in a moment."))
            return
        self.busy, self.again = True, False
        self.started.emit()
        run_in_background(lambda: self.core.add_deck_folder(folder), self._added, self._failed)

    def _added(self, _library: Any) -> None:
        self._finish()
        self.loaded.emit(self.current())

    def _install(self, library: Any) -> None:
        try:
            self.core.install_library(library)
            data = library_data(self.core)
        except Exception as exc:  # shown in the one error dialog; the old library stays
            self._failed(exc)
            return
        self._finish()
        self.loaded.emit(data)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        show_error(exc)
        self.loaded.emit(self.current())

    def _finish(self) -> None:
        self.busy = False
        if self.again:
            self.load()

    def current(self) -> LibraryData:
        """Counts for the library already installed (fast, UI thread)."""
        return library_data(self.core)
