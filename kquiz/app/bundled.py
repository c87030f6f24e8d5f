"""Editing a bundled deck: the decks shipped with kquiz live inside the installed package, so E
offers to copy the deck into the learner's decks folder and open the copy. The copy has the same deck
id, so it replaces the bundled deck in the library (``read_library``) and its progress carries over."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.decks.images import dark_variant
from kquiz.errors import KQuizError
from kquiz.paths import bundled_decks_dir

if TYPE_CHECKING:
    from kquiz.app.core import Core


def is_bundled(path: str | Path | None) -> bool:
    """Whether a deck file is one of the decks shipped with kquiz (not the learner's to edit)."""
    if not path:
        return False
    try:
        return Path(path).resolve().is_relative_to(bundled_decks_dir().resolve())
    except OSError:
        return False


def copy_bundled_deck(core: Core, deck_id: str) -> Path:
    """Copy the bundled deck ``deck_id`` (and the images its cards use) into the learner's decks
    folder; returns the copy's path. The caller reloads the library: the copy then replaces it."""
    deck = core.deck(deck_id)
    if not is_bundled(deck.path) or deck.path is None:
        raise KQuizError(f"The deck '{deck.title}' is not one of kquiz's bundled decks; edit it in place.")
    source = Path(deck.path)
    folder = core.paths.user_decks_dir
    target = folder / source.name
    n = 2
    while target.exists():
        target = folder / f"{source.stem}-{n}{source.suffix}"
        n += 1
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        images = {i for c in deck.cards for i in (c.image, c.answer_image) if i}
        for image in sorted(images | {dark_variant(i) for i in images}):  # with any -dark variant
            src, dst = source.parent / image, folder / image
            if src.is_file() and not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
    except OSError as exc:
        raise KQuizError(f"Could not copy the deck to {folder}: {exc.strerror or exc}") from exc
    return target
