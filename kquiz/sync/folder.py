"""The shared folder, as a port: what a sync round needs from it, and the plain-directory adapter.

kquiz writes only under ``<folder>/kquiz-sync/v1/<device-id>/`` and only whole new files: each is
written under a temporary name the sync engines skip (``.~…tmp~``: Dropbox skips ``.~*``, Nextcloud
``*~``; Syncthing copies nothing before it is renamed and kquiz never reads such names), flushed to
disk, then renamed to its final name, which is never written again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

from kquiz.storage.opening import fsync_dir
from kquiz.sync.segment import DEVICE_NAME, SEGMENT_NAME

SUBFOLDER = ("kquiz-sync", "v1")


class SyncFolder(Protocol):
    def devices(self) -> list[str]: ...

    def segments(self, device: str) -> list[str]: ...

    def read(self, device: str, name: str) -> bytes: ...

    def write(self, device: str, name: str, data: bytes) -> None: ...


class LocalFolder:
    """A directory on this computer that a sync engine (Syncthing, Nextcloud, Dropbox...) shares."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.root = self.folder.joinpath(*SUBFOLDER)

    def devices(self) -> list[str]:
        try:
            return sorted(e.name for e in os.scandir(self.root) if e.is_dir() and DEVICE_NAME.match(e.name))
        except FileNotFoundError:
            return []

    def segments(self, device: str) -> list[str]:
        """Names of whole segments (temporary files and engines' conflict copies do not match)."""
        try:
            names = [e.name for e in os.scandir(self.root / device) if SEGMENT_NAME.match(e.name)]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(names)

    def read(self, device: str, name: str) -> bytes:
        return (self.root / device / name).read_bytes()

    def write(self, device: str, name: str, data: bytes) -> None:
        target_dir = self.root / device
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / name
        if target.exists():
            return  # a name is its content: the same bytes are already there
        temp = target_dir / f".~{name}.tmp~"
        with temp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        fsync_dir(target_dir)
