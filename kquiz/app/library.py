"""The deck library: every deck the learner can study, read from a list of folders.

Folders are read in order of precedence: the learner's own decks folder, then folders they added,
then extra folders given on start-up, then the decks bundled with kquiz. When two files declare the
same deck id, the first one read wins (folders in order; in a folder the files up to QUICK_BYTES,
then each bigger file, in name order) and the other is reported as a failure (never merged silently),
because progress is stored per deck id — except a bundled deck: the learner's own copy of it (same id,
e.g. made to edit it) replaces it, which ``replaced`` says.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from kquiz.decks import FolderLoad, load_folder
from kquiz.domain import Deck
from kquiz.errors import DeckError, Problem


@dataclass(frozen=True, slots=True)
class Part:
    """Deck files read together: a folder's files up to QUICK_BYTES (all of them when ``file`` is
    None and nothing was deferred), or one bigger file of that folder (``file``)."""

    folder: Path  # resolved
    bundled: bool  # the folder of bundled decks: a deck another folder has is replaced, not failed
    file: Path | None = None
    load: FolderLoad | None = None  # None: not read yet (the file is listed in Library.pending)


@dataclass(frozen=True, slots=True)
class Library:
    decks: tuple[Deck, ...] = ()
    failures: tuple[DeckError, ...] = ()
    missing_folders: tuple[Path, ...] = ()  # deck folders that were not there (e.g. an unplugged drive)
    replaced: tuple[str, ...] = ()  # bundled decks replaced by the learner's copy, in words
    pending: tuple[Path, ...] = ()  # big deck files a quick read left for later (``read_next``)
    parts: tuple[Part, ...] = field(default=(), repr=False, compare=False)  # how it was read

    def deck(self, deck_id: str) -> Deck | None:
        return next((d for d in self.decks if d.id == deck_id), None)

    @property
    def deck_ids(self) -> tuple[str, ...]:
        return tuple(d.id for d in self.decks)


QUICK_BYTES = 512 * 1024  # a quick read leaves bigger deck files for the full read
CACHE_SECRET = "deck-cache.key"  # in the data folder, 0600: authenticates the compiled deck cache


def cache_secret(data_dir: Path) -> bytes | None:
    """The data folder's random secret for the deck cache's HMAC (made on first use, 0600), or None
    when it cannot be read or made (the cache then only detects damage)."""
    file = Path(data_dir) / CACHE_SECRET
    try:
        secret = file.read_bytes()
        if len(secret) >= 32:
            return secret
    except OSError:
        pass
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            secret = os.urandom(32)
            handle.write(secret)
        return secret
    except OSError:
        return None


def read_library(
    folders: Iterable[Path],
    *,
    cache_dir: Path | None = None,
    bundled: Path | None = None,
    quick: bool = False,
    cache_secret: bytes | None = None,
) -> Library:
    """Load every deck in ``folders`` (missing folders are skipped and listed). Pure: no store, safe off
    the UI thread. With ``cache_dir`` unchanged deck files load from the compiled deck cache. A deck of
    the ``bundled`` folder whose id an earlier folder already has is replaced by that deck.

    ``quick`` reads only files up to QUICK_BYTES (the others are listed in ``pending``), so the app
    shows the library at once and reads the big (or hostile) files afterwards, one ``read_next`` each."""
    missing: list[Path] = []
    done: set[Path] = set()
    deferred: set[str] = set()  # big files already listed (real paths): a nested folder lists them again
    parts: list[Part] = []
    bundled_dir = Path(bundled).resolve() if bundled is not None else None
    for folder in folders:
        folder = Path(folder).expanduser()
        try:
            resolved = folder.resolve()
        except OSError:
            resolved = folder
        if resolved in done:
            continue
        if not folder.is_dir():
            missing.append(folder)
            continue
        done.add(resolved)
        loaded = load_folder(folder, cache_dir=cache_dir, defer_over=QUICK_BYTES, cache_secret=cache_secret)
        parts.append(Part(resolved, resolved == bundled_dir, load=replace(loaded, deferred=())))
        for file in loaded.deferred:
            real = os.path.realpath(file)
            if real not in deferred:
                deferred.add(real)
                parts.append(Part(resolved, resolved == bundled_dir, file=file))
    library = assemble(parts, tuple(missing))
    while library.pending and not quick:
        library = read_next(library, cache_dir=cache_dir, cache_secret=cache_secret)
    return library


def read_next(
    library: Library,
    *,
    cache_dir: Path | None = None,
    cache_secret: bytes | None = None,
    seconds: float = 0.0,
) -> Library:
    """``library`` with its first pending file read: that deck (or its failure) in its place, the
    library otherwise the same objects. Pure, like ``read_library``. With ``seconds``, the next
    pending files too while the reads so far took less (decks from the compiled cache come in one
    step; a file parsed for the first time comes alone)."""
    start = time.monotonic()
    parts = list(library.parts)
    read = False
    for at, part in enumerate(parts):
        if part.load is not None:
            continue
        assert part.file is not None
        parts[at] = replace(part, load=load_folder(part.file, cache_dir=cache_dir, cache_secret=cache_secret))
        read = True
        if time.monotonic() - start >= seconds:
            break
    return assemble(parts, library.missing_folders) if read else library


def assemble(parts: Iterable[Part], missing: tuple[Path, ...]) -> Library:
    """The library of these reads, in order: the first deck with an id wins (a bundled one yields)."""
    decks: list[Deck] = []
    failures: list[DeckError] = []
    seen: dict[str, str] = {}
    files: set[str] = set()  # deck files already read (real paths)
    replaced: list[str] = []
    pending: list[Path] = []
    parts = tuple(parts)
    for part in parts:
        if part.load is None:
            assert part.file is not None
            pending.append(part.file)
            continue
        for error in part.load.errors:
            where = {os.path.realpath(p.path) for p in error.problems}
            if not where or not where <= files:
                failures.append(error)
            files |= where
        for deck in part.load.decks:
            if deck.path is not None:
                real = os.path.realpath(deck.path)
                if real in files:  # the same file again, through a folder inside another listed one
                    continue
                files.add(real)
            if deck.id in seen and part.bundled:
                replaced.append(
                    f"Your copy of the deck '{deck.title}' ({seen[deck.id]}) replaces the one bundled with kquiz."
                )
                continue
            if deck.id in seen:
                failures.append(
                    DeckError(
                        [
                            Problem(
                                path=deck.path or "<deck>",
                                message=f"deck id '{deck.id}' is already used by {seen[deck.id]}; "
                                "this file was skipped (give it another id to study both)",
                            )
                        ]
                    )
                )
                continue
            seen[deck.id] = deck.path or "<deck>"
            decks.append(deck)
    return Library(
        decks=tuple(decks),
        failures=tuple(failures),
        missing_folders=missing,
        replaced=tuple(replaced),
        pending=tuple(pending),
        parts=parts,
    )
