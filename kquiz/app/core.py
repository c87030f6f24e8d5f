"""The front door: the one place that picks concrete parts (SQLite store, FSRS, YAML decks).

Threading — one owner thread writes, any thread may read:

* The thread that opens the core owns it and its progress store (the UI thread in the app, the main
  thread in the CLI). Only the owner changes state: every store write (the ``@_owner_only`` methods
  below: ``install_library``, ``load_library``, ``replace_deck``, ``add_deck_folder``,
  ``remember_deck_folder``, ``remove_deck_folder``, ``save_settings``, ``reset_parameters``,
  ``optimize``, ``mark_cards``, ``reset_progress``, ``delete_orphans``, ``close``) and every write of
  a ``StudySession`` (answering, undo, marks), which goes through the same store.
* Any thread may call the read-only methods: ``read_library`` (deck files only: the slow part of a
  load), ``library``, ``deck``, ``deck_dirs``, ``deck_folders``, ``settings``, ``scheduler``,
  ``counts``, ``topic_counts``, ``selection_counts``, ``orphans`` and ``start_session`` (it reads the
  store and returns a new session, used from then on by the owner). They write nothing: the library is
  an immutable value swapped whole, the store serialises reads with its lock (a write transaction holds
  it until it commits), the day-context cache is one immutable tuple replaced whole.
* So a UI reads deck files on a worker and installs the result on the UI thread
  (``read_library()`` then ``install_library()``; ``load_library()`` does both in one go, on the owner).
* The one exception: a sync round's install (``kquiz.app.sync.install_round_result``, marked
  ``@side_writer`` in kquiz/app/owner.py) writes from a worker, through a connection of its own, in one
  transaction that first checks that nothing the round read has changed (else it writes nothing and
  the round runs again): a first merge of 100,000 answers never freezes the window. The owner learns
  of it by the round's result (the app's sync runner) and, for caches of store reads, by
  ``store.data_version()`` (SQLite's count of commits by other connections).
* Checked: in debug mode (``__debug__`` and ``KQUIZ_CHECK_THREADS=1``, as in the test suite, or
  ``check_threads=True``) an owner-only method or a store write on another thread raises AssertionError;
  the ``@side_writer`` install raises it when started on the owner thread inside the store's own write
  transaction (it would wait for a lock its own thread holds).

Why not one serial executor thread for everything (Anki's model): answering a card would then wait
behind whatever job runs (a recount, a session being built: ~0.3 s with 10,000 due cards), and the
study screen would become asynchronous. The owner writes synchronously (answering costs one fsync);
the slow work that only reads runs on workers.
"""

from __future__ import annotations

import os
import random
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kquiz.app.core_settings import SETTINGS_KEY, CoreSettings
from kquiz.app.library import Library, cache_secret, read_library, read_next
from kquiz.app.owner import owner_only as _owner_only
from kquiz.app.replay import finish_pending as finish_pending_replay
from kquiz.clock import Clock, SystemClock
from kquiz.domain import CardKey, Deck, Progress, StudyMode
from kquiz.errors import CorruptStore, DeckNotFound, SessionError, SettingsError, StorageError
from kquiz.paths import AppPaths, bundled_decks_dir, resolve_paths
from kquiz.storage import ProgressStore, thread_checks_enabled
from kquiz.study import planning
from kquiz.study.model import Counts, Selection
from kquiz.study.settings import Settings
from kquiz.study.sync import orphans as find_orphans
from kquiz.study.sync import sync_changed

if TYPE_CHECKING:  # a session (grading, undo, word diff) is imported when one starts, not at start
    from kquiz.study.session import StudySession

FOLDERS_KEY = "deck_folders"

__all__ = ["SETTINGS_KEY", "Core", "DeckNotFound", "open_core"]


def _stored_folders(store: ProgressStore) -> list[Path]:
    """The deck folders the learner added; a damaged setting reads as none (the decks stay on disk)."""
    try:
        folders = store.get_setting(FOLDERS_KEY, [])
    except CorruptStore:
        return []
    return [Path(p) for p in folders if isinstance(p, str)] if isinstance(folders, list) else []


class Core(CoreSettings):
    """See the module docstring for which methods may run on which thread. The settings and optimizer
    methods (``settings``, ``save_settings``, ``scheduler``, ``optimize``, ``reset_parameters``) are in
    kquiz/app/core_settings.py."""

    def __init__(
        self,
        paths: AppPaths,
        store: ProgressStore,
        *,
        clock: Clock,
        rng: random.Random,
        extra_deck_dirs: Sequence[Path] = (),
        include_bundled: bool = True,
        check_threads: bool | None = None,
    ):
        self.paths, self.store, self.clock = paths, store, clock
        self._owner = threading.get_ident()
        self._check_threads = __debug__ and (
            thread_checks_enabled() if check_threads is None else check_threads
        )
        self._rng = rng
        self._extra = tuple(Path(p) for p in extra_deck_dirs)
        self._include_bundled = include_bundled
        self._library = Library()
        self._loaded = False
        self._ctx_cache: tuple[Any, planning.DayContext] | None = None
        self._folders = _stored_folders(store)
        self.rename_report: list[str] = []  # what the last load did for renamed cards (``was:``)

    def _check_thread(self, what: str) -> None:
        if threading.get_ident() != self._owner:
            raise AssertionError(
                f"Core.{what} ran on thread {threading.get_ident()}; only the owner thread "
                f"{self._owner} may change the core (see kquiz/app/core.py)"
            )

    def _check_side_write(self, what: str) -> None:
        if threading.get_ident() == self._owner and self.store.connection.in_transaction:
            raise AssertionError(f"{what} ran inside the store's write transaction on the owner thread")

    # ---- decks ---------------------------------------------------------------------------
    def deck_folders(self) -> list[Path]:
        """Folders the learner added (remembered in settings)."""
        return list(self._folders)

    def deck_dirs(self) -> list[Path]:
        """Every folder decks are read from, in order of precedence."""
        dirs = [self.paths.user_decks_dir, *self.deck_folders(), *self._extra]
        if self._include_bundled and bundled_decks_dir().is_dir():
            dirs.append(bundled_decks_dir())
        return dirs

    def read_library(self, *, quick: bool = False) -> Library:
        """Read all deck folders (slow for big decks; touches no store: fine on a worker thread).
        ``quick`` leaves big deck files for a second, full read (``Library.pending``)."""
        bundled = bundled_decks_dir() if self._include_bundled else None
        return read_library(
            self.deck_dirs(),
            cache_dir=self.paths.deck_cache_dir,
            bundled=bundled,
            quick=quick,
            cache_secret=cache_secret(self.paths.data_dir),
        )

    def read_next(self, library: Library, *, seconds: float = 0.0) -> Library:
        """``library`` (a quick read) with its next pending deck file read (more while they took less
        than ``seconds``); like ``read_library``, fine on a worker thread."""
        return read_next(
            library,
            cache_dir=self.paths.deck_cache_dir,
            cache_secret=cache_secret(self.paths.data_dir),
            seconds=seconds,
        )

    @_owner_only
    def install_library(self, library: Library, *, added_only: bool = False) -> Library:
        """Make ``library`` current: moves the progress of renamed cards (``was:``) to their new ids and
        marks cards whose text changed since they were studied. ``added_only`` (a first load that
        installs deck by deck): the decks already installed, the same objects, are not checked again."""
        decks = library.decks
        if added_only:
            installed = {id(deck) for deck in self._library.decks}
            decks = tuple(deck for deck in decks if id(deck) not in installed)
        ids = [deck.id for deck in decks]
        progress = self.store.all_progress(ids)
        self.rename_report = []
        if any(card.was for deck in decks for card in deck.cards):
            from kquiz.app.cards import apply_renames

            self.rename_report = apply_renames(self.store, decks, progress)
            if self.rename_report:
                progress = self.store.all_progress(ids)
        sync_changed(self.store, decks, progress)
        self._library = library
        self._loaded = True
        return library

    @_owner_only
    def load_library(self) -> Library:
        return self.install_library(self.read_library())

    @property
    def library(self) -> Library:
        return self._library

    def deck(self, deck_id: str) -> Deck:
        deck = self._library.deck(deck_id)
        if deck is None:
            raise DeckNotFound(f"No deck with id '{deck_id}' is loaded.")
        return deck

    @_owner_only
    def replace_deck(self, deck: Deck) -> None:
        """Swap in a reloaded deck (live reload), marking changed cards."""
        decks = tuple(deck if d.id == deck.id else d for d in self._library.decks)
        if deck.id not in self._library.deck_ids:
            decks += (deck,)
        self.install_library(Library(decks, self._library.failures, self._library.missing_folders))

    @_owner_only
    def add_deck_folder(self, path: Path) -> Library:
        """Remember a folder of decks and reload the library."""
        self.remember_deck_folder(path)
        return self.load_library()

    @_owner_only
    def remember_deck_folder(self, path: Path) -> Path:
        """Remember a folder of decks (read with the library from the next load on)."""
        folder = Path(path).expanduser().resolve()
        if not folder.is_dir():
            raise SettingsError(f"{folder} is not a folder.")
        if folder not in self._folders:
            self._save_folders([*self._folders, folder])
        return folder

    @_owner_only
    def remove_deck_folder(self, path: Path) -> Library:
        folder = Path(path).expanduser().resolve()
        self._save_folders([p for p in self._folders if p != folder])
        return self.load_library()

    def _save_folders(self, folders: list[Path]) -> None:
        self.store.set_setting(FOLDERS_KEY, [str(p) for p in folders])
        self._folders = folders

    # ---- counts --------------------------------------------------------------------------
    def counts(self, deck_id: str) -> Counts:
        """New / learning / review cards the deck would show today (daily limits applied)."""
        deck = self.deck(deck_id)
        return self._counts([deck], [Selection(deck_ids=(deck_id,))])[0]

    def topic_counts(self, deck_id: str) -> dict[str, Counts]:
        """Per topic id, what studying just that topic would show today."""
        deck = self.deck(deck_id)
        topics = [t.id for t in deck.topics] or sorted({c.topic for c in deck.cards})
        found = self._counts([deck], [Selection(deck_ids=(deck_id,), topic=t) for t in topics])
        return dict(zip(topics, found))

    def selection_counts(self, selection: Selection) -> Counts:
        decks = self._decks_for(selection)
        return self._counts(decks, [selection])[0]

    def _day_context(self, deck_ids: Sequence[str], settings: Settings) -> planning.DayContext:
        """Today's context for these decks, reused while nothing was written and the day is the same
        (the library screen asks for a deck's counts and then its topics' counts)."""
        start, _end = planning.study_day_bounds(self.clock.now(), self.clock, settings.rollover_hour)
        stamp = (
            tuple(deck_ids),
            self.store.connection.total_changes,
            self.store.data_version(),
            start,
            settings,
        )
        cached = self._ctx_cache
        if cached is not None and cached[0] == stamp:
            return replace(cached[1], now=self.clock.now())
        ctx = planning.day_context(self.store, deck_ids, settings, self.clock)
        self._ctx_cache = (stamp, ctx)
        return ctx

    def _counts(self, decks: Sequence[Deck], selections: Sequence[Selection]) -> list[Counts]:
        settings = self.settings()
        ctx = self._day_context([d.id for d in decks], settings)
        return [planning.plan_counts(decks, s, ctx, settings=settings) for s in selections]

    # ---- studying ------------------------------------------------------------------------
    def _decks_for(self, selection: Selection) -> list[Deck]:
        if not selection.deck_ids:
            return list(self._library.decks)
        return [self.deck(d) for d in selection.deck_ids]

    def start_session(self, selection: Selection, mode: StudyMode = StudyMode.SCHEDULED) -> StudySession:
        from kquiz.study.session import StudySession

        return StudySession(
            decks=self._decks_for(selection),
            selection=selection,
            mode=mode,
            store=self.store,
            scheduler=self.scheduler(),
            settings=self.settings(),
            clock=self.clock,
            rng=random.Random(self._rng.getrandbits(64)),
        )

    @_owner_only
    def mark_cards(
        self,
        keys: Iterable[CardKey],
        *,
        suspended: bool | None = None,
        flagged: bool | None = None,
        leech: bool | None = None,
        unbury: bool = False,
    ) -> int:
        """Change the marks of cards outside a session (e.g. unsuspend a leech after rewriting it).
        ``None`` leaves a mark as it is. Returns how many stored rows changed."""
        keys = list(keys)
        stored = self.store.all_progress(sorted({k.deck_id for k in keys}))
        changed = 0
        for key in keys:
            before = stored.get(key) or Progress(key)
            after = replace(
                before,
                suspended=before.suspended if suspended is None else suspended,
                flagged=before.flagged if flagged is None else flagged,
                leech=before.leech if leech is None else leech,
                buried_until=None if unbury else before.buried_until,
            )
            if after != before:
                self.store.save_progress(after)
                changed += 1
        return changed

    @_owner_only
    def reset_progress(self, keys: Iterable[CardKey]) -> int:
        """Forget the schedule of these cards (they become new again); the review log is kept."""
        return int(self.store.delete_progress(list(keys)))

    # ---- orphans -------------------------------------------------------------------------
    def orphans(self) -> list[Progress]:
        """Progress of cards no loaded deck has (removed cards, or decks no longer found)."""
        return find_orphans(self._library.decks, self.store.all_progress())

    @_owner_only
    def delete_orphans(self) -> int:
        """Delete orphaned progress. If some deck files failed to load or a deck folder is missing,
        only orphans of decks that did load are deleted: a deck with a typo in it, or on a drive that
        is not plugged in, must not lose its learner's progress."""
        if not self._loaded:
            raise SessionError("Load the deck library before deleting orphaned progress.")
        library = self._library
        unsure = bool(library.failures or library.missing_folders)
        loaded = set(library.deck_ids)
        doomed = [p.key for p in self.orphans() if not unsure or p.key.deck_id in loaded]
        return int(self.store.delete_progress(doomed)) if doomed else 0

    @_owner_only
    def close(self) -> None:
        self.store.close()  # checkpoints: the main progress file alone holds every answer

    @_owner_only
    def checkpoint(self) -> bool:
        """At the end of a session: copy the answers in the -wal file into the main progress file."""
        return self.store.checkpoint()

    def __enter__(self) -> Core:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_core(
    data_dir: str | Path | None = None,
    *,
    clock: Clock | None = None,
    seed: int | None = None,
    extra_deck_dirs: Sequence[Path] = (),
    include_bundled: bool = True,
    check_threads: bool | None = None,
) -> Core:
    """Open the learner's data (creating the data folder and progress file if needed).

    The library is not loaded yet: call ``load_library()`` (or ``read_library()`` on a worker, then
    ``install_library()`` here). The calling thread owns the core (see the module docstring).
    """
    paths = resolve_paths(data_dir)
    try:
        ours = not paths.data_dir.exists() or paths.progress_db.exists()
        paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if ours and os.name == "posix" and paths.data_dir.stat().st_mode & 0o077:
            os.chmod(paths.data_dir, 0o700)  # private: a learner's study history (older ones were 0755)
        paths.user_decks_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"Cannot create the kquiz data folder {paths.data_dir}: {exc}") from exc
    clock = clock or SystemClock()
    rng = random.Random(seed)
    # the random part of each new review's uid: drawn from the core's generator (seeded runs repeat)
    store = ProgressStore.open(paths.progress_db, clock=clock, rng=random.Random(rng.getrandbits(64)))
    core = Core(
        paths,
        store,
        clock=clock,
        rng=rng,
        extra_deck_dirs=extra_deck_dirs,
        include_bundled=include_bundled,
        check_threads=check_threads,
    )
    try:
        finish_pending_replay(core)  # once, after the upgrade to study days (kquiz/app/replay.py)
    except BaseException:
        core.close()
        raise
    return core
