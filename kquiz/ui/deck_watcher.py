"""Live reload: watch the deck files the app loaded and reload one when it is saved.

* ``QFileSystemWatcher`` on each file *and* its folder: editors that save by writing a temporary file
  and renaming it over the deck (vim, VS Code with some settings, JetBrains "safe write") replace the
  inode, and the file watch is lost; the folder watch notices, and the path is watched again.
* Debounced (300 ms by default): an editor's burst of events (truncate, write, chmod, rename) becomes
  one reload, of the final content.
* The file is parsed on a worker thread (``run_in_background``), never on the UI thread. A reload that
  finishes after a newer save started is dropped, and the newer one runs.
* Emits ``deck_reloaded(Deck)`` or ``deck_failed(path, DeckError)``; a save that does not change the
  content (same sha256) is not re-announced unless the previous load had failed.
* A new ``*.yaml``/``*.yml`` file in a watched folder (the deck folders, e.g. after ``kquiz new``)
  emits ``new_files``; the app then reads its library again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kquiz.errors import DeckError, Problem
from kquiz.ui.errors import guarded
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app import Library
    from kquiz.domain import Deck
    from kquiz.ui.library.model import LibraryData
    from kquiz.ui.main_window import MainWindow

Signature = tuple[int, int, int] | None


def _signature(path: str) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class DeckWatcher(QObject):
    deck_reloaded = Signal(object)  # Deck
    deck_failed = Signal(str, object)  # path, DeckError
    new_files = Signal(list)  # deck files (*.yaml, *.yml) that appeared in a watched folder

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        debounce_ms: int = 300,
        load: Callable[[str], Deck] | None = None,
    ):
        super().__init__(parent)
        self._load = load
        # made when there is a first path to watch, deleted by stop(): each one holds an inotify
        # instance, and a user has 128 in all (past that Qt polls, and misses quick saves)
        self._watcher: QFileSystemWatcher | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._flush)
        self._files: dict[str, Signature] = {}
        self._pending: set[str] = set()
        self._running: set[str] = set()
        self._again: set[str] = set()
        self._hashes: dict[str, str] = {}  # content hash of the last good load
        self._failing: set[str] = set()
        self._folders: set[str] = set()
        self._known: set[str] = set()  # deck-like files already present in the watched folders
        self._scan = False

    # ---- what is watched -----------------------------------------------------------------
    def watch(self, paths: Iterable[str | Path], folders: Iterable[str | Path] = ()) -> None:
        """Watch exactly these deck files (earlier ones not listed are dropped), and these folders
        (plus the files' folders) for new deck files."""
        self._folders = {os.path.abspath(os.fspath(f)) for f in folders}
        wanted = {os.path.abspath(os.fspath(p)) for p in paths}
        for gone in set(self._files) - wanted:
            del self._files[gone]
            self._pending.discard(gone)
        for path in wanted - set(self._files):
            self._files[path] = _signature(path)
        self._rewatch()
        self._known = set(self._deck_files())

    def watched(self) -> list[str]:
        return sorted(self._files)

    def remember(self, path: str | Path, content_hash: str) -> str | None:
        """Record the content already loaded for ``path`` (a save with the same content is quiet);
        returns the content recorded before (None if none)."""
        path = os.path.abspath(os.fspath(path))
        before, self._hashes[path] = self._hashes.get(path), content_hash
        return before

    def stop(self) -> None:
        """The window closes: stop watching, and give the system its watch back at once."""
        self._stopped = True
        self._timer.stop()
        if self._watcher is not None:
            shiboken6.delete(self._watcher)  # not deleteLater: no event loop may run again
            self._watcher = None

    def _rewatch(self) -> None:
        if self._stopped:
            return
        watcher = self._watcher
        files = set(watcher.files()) if watcher is not None else set()
        dirs = set(watcher.directories()) if watcher is not None else set()
        want_dirs = self._dirs()
        stale_files = [f for f in files if f not in self._files]
        stale_dirs = [d for d in dirs if d not in want_dirs]
        if watcher is not None and (stale_files or stale_dirs):
            watcher.removePaths(stale_files + stale_dirs)
        add = [p for p in self._files if p not in files and os.path.exists(p)]
        add += [d for d in want_dirs if d not in dirs and os.path.isdir(d)]
        if add:
            if watcher is None:
                watcher = self._watcher = QFileSystemWatcher(self)
                watcher.fileChanged.connect(self._file_changed)
                watcher.directoryChanged.connect(self._dir_changed)
            watcher.addPaths(add)

    def _dirs(self) -> set[str]:
        return {os.path.dirname(p) for p in self._files} | self._folders

    def _deck_files(self) -> list[str]:
        found = []
        for folder in self._dirs():
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            found += [
                os.path.join(folder, n)
                for n in names
                if n.lower().endswith((".yaml", ".yml")) and not n.startswith(".")
            ]
        return found

    # ---- events --------------------------------------------------------------------------
    def _file_changed(self, path: str) -> None:
        if path in self._files:
            self._pending.add(path)
            self._timer.start()

    def _dir_changed(self, folder: str) -> None:
        for path, old in self._files.items():
            if os.path.dirname(path) == folder and _signature(path) != old:
                self._pending.add(path)
        self._scan = True
        self._timer.start()

    def _flush(self) -> None:
        self._rewatch()  # a file replaced by rename is watched again here
        if self._scan:
            self._scan = False
            new = sorted(p for p in self._deck_files() if p not in self._files and p not in self._known)
            self._known.update(new)
            if new:
                self.new_files.emit(new)
        pending, self._pending = sorted(self._pending), set()
        for path in pending:
            self._files[path] = _signature(path)
            self._reload(path)

    def _reload(self, path: str) -> None:
        if path in self._running:
            self._again.add(path)
            return
        self._running.add(path)
        run_in_background(
            lambda: self._read(path), lambda deck: self._done(path, deck), lambda exc: self._failed(path, exc)
        )

    def _read(self, path: str) -> Deck:
        if not os.path.exists(path):
            raise DeckError(
                [
                    Problem(
                        path,
                        "the file was deleted or renamed; the last good version "
                        "stays in use until it is back",
                    )
                ]
            )
        if self._load is None:
            from kquiz.app.authoring import reload_deck  # imported on first use, off the start-up path

            return reload_deck(path)
        return self._load(path)

    def _settle(self, path: str) -> bool:
        """True when this result is the newest; otherwise the newer save is loaded instead."""
        self._running.discard(path)
        if path in self._again:
            self._again.discard(path)
            self._reload(path)
            return False
        return path in self._files

    def _done(self, path: str, deck: Deck) -> None:
        if not self._settle(path):
            return
        content_hash = deck.content_hash
        unchanged = content_hash and self._hashes.get(path) == content_hash and path not in self._failing
        self._hashes[path] = content_hash
        self._failing.discard(path)
        if not unchanged:
            self.deck_reloaded.emit(deck)

    def _failed(self, path: str, exc: BaseException) -> None:
        if not self._settle(path):
            return
        if not isinstance(exc, DeckError):
            exc = DeckError([Problem(path, f"could not reload the deck: {exc}")])
        self._failing.add(path)
        self.deck_failed.emit(path, exc)


def _file_hash(path: str) -> str | None:
    """The sha256 of the file's bytes, as in ``Deck.content_hash`` (None if it cannot be read)."""
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def _draft(widget: QWidget | None) -> str:
    """Text typed but not yet submitted in a typed/cloze answer box ("" if none)."""
    from kquiz.ui.study.typed_input import TypedInput  # the study screen's: imported with it, on first use

    if not isinstance(widget, TypedInput) or widget.answered:
        return ""
    return widget.edit.text()


def _restore_draft(widget: QWidget | None, text: str) -> None:
    from kquiz.ui.study.typed_input import TypedInput

    if isinstance(widget, TypedInput) and not widget.answered:
        widget.edit.setText(text)


class LiveReload(QObject):
    """Wires a DeckWatcher into the main window: watch what the library loaded; on a good save put the
    new deck in the core's library and the running session (the current card shows its new text);
    on a bad save keep the last good version and list the problems in a banner until fixed.

    Installing runs on the UI thread, the core's owner. A deck reloaded while the library loader is
    busy waits (the newest per file) until the load is done: the load may have read the file before
    this save, and installing its older copy after this one would leave the library behind the disk."""

    def __init__(self, window: MainWindow, *, debounce_ms: int = 300):
        super().__init__(window)
        from kquiz.ui.reload_banner import ReloadBanner

        self.window = window
        self.banner = ReloadBanner(window)
        window.add_banner(self.banner)
        self.watcher = DeckWatcher(self, debounce_ms=debounce_ms)
        self.watcher.deck_reloaded.connect(self._reloaded)
        self.watcher.deck_failed.connect(self._failed)
        self.watcher.new_files.connect(lambda _paths: window.loader.load())  # a new deck: read the library
        self._waiting: dict[str, Deck] = {}  # path -> the newest deck reloaded while the loader was busy
        window.loader.loaded.connect(self._library_loaded)

    def _library_loaded(self, _data: LibraryData | None = None) -> None:
        library = self.window.core.library
        paths = [d.path for d in library.decks if d.path]
        changed = []  # decks the load read with new content: the watcher will not announce them
        for deck in library.decks:
            if deck.path:
                before = self.watcher.remember(deck.path, deck.content_hash)
                if before is not None and before != deck.content_hash:
                    changed.append(deck)
                self.banner.clear(os.path.abspath(deck.path))
        # Files that failed to load are watched too: fixing one brings its deck in.
        paths += [
            p.path
            for error in library.failures
            for p in error.problems[:1]
            if p.path and os.path.isfile(p.path)
        ]
        self.watcher.watch(paths, folders=self.window.core.deck_dirs())
        for deck in changed:
            self._to_session(deck)
        self._install_waiting(library)

    def _install_waiting(self, library: Library) -> None:
        """Decks reloaded during the load: install the copy that matches the file now (the load may
        have read a newer save than the reload did). If neither does, a newer save is on its way."""
        waiting, self._waiting = self._waiting, {}
        for path, deck in waiting.items():
            now = _file_hash(path)
            loaded = next((d for d in library.decks if d.path and os.path.abspath(d.path) == path), None)
            if deck.content_hash == now:
                self._reloaded(deck)
            elif loaded is not None and loaded.content_hash == now:
                self._reloaded(loaded)  # already installed; brings the running session up to date

    def _reloaded(self, deck: Deck) -> None:
        from kquiz.app.authoring import install_reloaded_deck

        path = os.path.abspath(deck.path or "")
        if self.window.loader.busy:
            self._waiting[path] = deck  # installed when the load is done (`_library_loaded`)
            return
        try:
            install_reloaded_deck(self.window.core, deck)
        except DeckError as exc:
            self._failed(path, exc)
            return
        self.banner.clear(path)
        self._to_session(deck)
        self.window.loader.refresh()  # recount off the UI thread; `counted` redraws the library
        self.window.statusBar().showMessage(f"Reloaded “{deck.title}” from {os.path.basename(path)}", 5000)

    def _to_session(self, deck: Deck) -> None:
        """Give the running session (if any) the new version of ``deck``; redraw its card."""
        study, current = self.window.study_if_built(), self.window.stack.currentWidget()
        if study is not None and study.session is not None:
            before = study.session.current
            draft = _draft(study.input)
            with guarded(self.window):
                study.session.replace_deck(deck)
            if current is study:
                study.redraw()
                after = study.session.current
                if draft and before is not None and after is not None and after.key == before.key:
                    _restore_draft(study.input, draft)  # keep what the learner was typing

    def _failed(self, path: str, error: DeckError) -> None:
        self.banner.set_problems(path, error.problems)
        self.window.statusBar().showMessage(
            f"{os.path.basename(path)} has problems; still using its last good version", 5000
        )
