"""Where kquiz keeps its files. ``--data-dir`` beats ``KQUIZ_DATA_DIR`` beats platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kquiz"
ENV_DATA_DIR = "KQUIZ_DATA_DIR"
ENV_CACHE_DIR = "KQUIZ_CACHE_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    cache_dir: Path

    @property
    def progress_db(self) -> Path:
        return self.data_dir / "progress.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def user_decks_dir(self) -> Path:
        return self.data_dir / "decks"

    @property
    def deck_cache_dir(self) -> Path:
        return self.cache_dir / "decks"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the data and cache folders; with an explicit data dir the cache lives inside it."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        data = Path(chosen).expanduser().resolve()
        cache = Path(os.environ.get(ENV_CACHE_DIR) or data / "cache")
        return AppPaths(data_dir=data, cache_dir=cache)
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    cache = Path(os.environ.get(ENV_CACHE_DIR) or platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return AppPaths(data_dir=data, cache_dir=cache)


def bundled_decks_dir() -> Path:
    """The decks shipped with kquiz: ``decks/`` beside the package (source tree or frozen bundle)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "bundled_decks", here.parent / "decks"):
        if candidate.is_dir():
            return candidate
    return here.parent / "decks"


def app_icon_file() -> Path | None:
    """The kquiz app icon (PNG): ``kquiz/assets`` in the frozen bundle, ``assets/`` in a source tree.

    None when neither exists (e.g. a plain wheel install; the desktop entry supplies the icon there).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets" / "kquiz.png", here.parent / "assets" / "kquiz.png"):
        if candidate.is_file():
            return candidate
    return None
