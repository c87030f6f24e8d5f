"""Loads the deck library and its counts off the UI thread; the results are drawn on the UI thread.

The core's threading rule (kquiz/app/core.py): the UI thread owns the core. Reading deck files
(``read_library``) and counting what is due (SQLite reads: ~0.3 s with 10,000 due cards) only read,
so they run on the thread pool; installing the library read (the core marks cards whose text changed:
a store write) runs here, on the UI thread, when the read is done. ``busy`` is true from the start of
a read until its counts are drawn: live reload waits for it (a deck it installed meanwhile could be
replaced by the older copy the load read).

The first load reads deck files up to ``QUICK_BYTES`` first (drawn at once), then each big one in
turn, drawn as soon as it is read (``loaded`` is emitted after each step, ``busy`` until the last;
files from the compiled cache, read in milliseconds, come several to a step), so
one slow or hostile file never keeps the other decks from showing, and a first start with many big
decks fills the library deck by deck. Each step installs and counts only the decks it added.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kquiz.errors import KQuizError
from kquiz.ui.errors import notify, show_error
from kquiz.ui.library.model import LibraryData, library_data
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app import Core, Library


STEP_SECONDS = 0.25  # a step of the first load draws the big files read in this time (at least one)


class LibraryLoader(QObject):
    started = Signal()
    loaded = Signal(object)  # LibraryData, after the deck files were (re)read
    counted = Signal(object)  # LibraryData, after a recount of the same library (refresh)

    def __init__(self, core: Core, parent: QObject | None = None):
        super().__init__(parent)
        self.core = core
        self.busy = False  # reading deck files (the library shows its progress bar)
        self.again = False
        self._in_flight = 0  # counts being computed in the background
        self.recount = False
        self.data = LibraryData((), ())  # the newest counts computed
        self._issued = self._applied = 0  # sequence numbers of counts started / drawn
        self.stopped = False  # the window closed: late results are dropped, nothing new starts
        self.stale = False  # counts drawn during a load may be out of date (a session ended meanwhile)
        self.step_seconds = STEP_SECONDS

    def stop(self) -> None:
        """The window is closing (the core closes next): start nothing more, show no late error."""
        self.stopped = True

    def load(self) -> None:
        """Start a reload (a second request while one runs is queued, not run twice at once)."""
        if self.stopped:
            return
        if self.busy:
            self.again = True
            return
        self.busy, self.again = True, False
        self.started.emit()
        self._read()

    def _read(self) -> None:
        """Read the deck files on a worker, install them on the UI thread (the core's owner)."""
        quick = not self.core.library.decks and not self.core.library.failures  # the first load
        run_in_background(
            lambda: self.core.read_library(quick=quick),
            self._install,
            lambda exc: self._failed(exc, for_load=True),
        )

    def _install(self, library: Library, step: bool = False) -> None:
        if self.stopped:
            return
        try:  # ~0.1 s with 10,000 studied cards (one transaction); a step checks only its new deck
            self.core.install_library(library, added_only=step)
        except KQuizError as exc:  # e.g. a full disk: shown, and the load ends
            self._failed(exc, for_load=True)
            return
        if library.pending:  # draw what is read so far, then read the next big file
            known = self.data if step and not self.stale else None
            self.stale = False
            run_in_background(
                lambda: library_data(self.core, known),
                lambda data: self._step_counted(data, library),
                lambda exc: self._failed(exc),
            )
            return
        self._count(for_load=True, known=self.data if step and not self.stale else None)

    def _step_counted(self, data: LibraryData, library: Library) -> None:
        if self.stopped:
            return
        self.data = data
        self.loaded.emit(data)  # still busy: the next big file follows
        run_in_background(
            lambda: self.core.read_next(library, seconds=self.step_seconds),
            lambda read: self._install(read, step=True),
            lambda exc: self._failed(exc, for_load=True),
        )

    def add_folder(self, folder: Path) -> None:
        """Remember a folder of decks and load it (in the worker: the core reads the files)."""
        if self.busy:
            window = self.parent()  # a notice, not an error: the status bar, no dialog to dismiss
            notify(
                "Decks are still loading; try again in a moment.",
                window if isinstance(window, QWidget) else None,
            )
            return
        try:
            self.core.remember_deck_folder(folder)  # a store write: here, on the owner thread
        except KQuizError as exc:  # not a folder, or the setting could not be saved
            show_error(exc)
            return
        self.busy, self.again = True, False
        self.started.emit()
        self._read()

    def refresh(self) -> None:
        """Recount the installed library in the background (after a session, a settings change)."""
        if self.busy:
            self.stale = True  # the next step counts every deck again; the load ends with fresh counts
            return
        if self.counting:
            self.recount = True
            return
        self._count(for_load=False)

    def _count(self, *, for_load: bool, known: LibraryData | None = None) -> None:
        if self.stopped:
            return
        self._issued += 1
        seq = self._issued
        self._in_flight += 1
        self.recount = False
        run_in_background(
            lambda: library_data(self.core, known),
            lambda data: self._counted(data, seq, for_load),
            lambda exc: self._failed(exc, for_load=for_load, seq=seq),
        )

    def _counted(self, data: LibraryData, seq: int, for_load: bool) -> None:
        if seq > self._applied:  # a slower, older count never overwrites a newer one
            self._applied, self.data = seq, data
        self._settle(seq, for_load)

    def _failed(self, exc: BaseException, *, for_load: bool = True, seq: int | None = None) -> None:
        if self.stopped:
            return
        if seq is None or seq == self._issued:  # a superseded count (the library changed under it) is moot
            show_error(exc)
        self._settle(seq, for_load)

    def _settle(self, seq: int | None, for_load: bool) -> None:
        if seq is not None:
            self._in_flight -= 1
        if for_load:
            self.busy = False
            self.loaded.emit(self.data)
        else:
            self.counted.emit(self.data)
        if self.again and not self.busy:
            self.load()
        elif self.recount and not self.counting and not self.busy:
            self._count(for_load=False)

    @property
    def counting(self) -> bool:
        return self._in_flight > 0
