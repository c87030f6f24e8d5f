"""The front door to sync (issue 19): choose the folder, run a round, read the status.

A round's slow part (``prepare_round``: reading segments, merging, replaying) only reads the store,
so the UI runs it on a worker; ``install_round`` writes its result on the owner thread (see
kquiz/app/core.py). ``sync_round`` does both in one go (the CLI).

``kquiz.sync`` itself is imported on first use: with no sync folder set, the app's start (which asks
for the status) never imports it (tests/perf/test_startup_imports.py).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kquiz.app.core import SETTINGS_KEY, Core
from kquiz.app.owner import side_writer
from kquiz.domain import CardKey
from kquiz.errors import SettingsError
from kquiz.storage import codec
from kquiz.study.settings import Settings

if TYPE_CHECKING:
    from kquiz.sync import Prepared

FOLDER_KEY = "sync_folder"
ATTEMPTS = 3  # a round whose install finds the store changed is run again

__all__ = [
    "Prepared",
    "SyncReport",
    "SyncStatus",
    "install_round_result",
    "prepare_round",
    "set_folder",
    "status",
    "sync_round",
]


def __getattr__(name: str) -> Any:
    if name == "Prepared":  # re-exported, imported on first use
        from kquiz.sync import Prepared

        return Prepared
    raise AttributeError(f"module 'kquiz.app.sync' has no attribute {name!r}")


@dataclass(frozen=True, slots=True)
class SyncReport:
    sent: int
    received: int
    segments: int
    waiting: int
    devices: int
    messages: tuple[str, ...]
    installed: bool


@dataclass(frozen=True, slots=True)
class SyncStatus:
    folder: Path | None
    device: str | None
    last_round: datetime | None
    devices: int
    messages: tuple[str, ...]

    def line(self, now: datetime) -> str:
        """'Synced 2 min ago · 2 other devices' (empty when sync is off)."""
        if self.folder is None:
            return ""
        if self.last_round is None:
            return "Sync: waiting for the first round"
        minutes = max(0, int((now - self.last_round) / timedelta(minutes=1)))
        ago = (
            "just now" if minutes == 0 else f"{minutes} min ago" if minutes < 60 else f"{minutes // 60} h ago"
        )
        others = f"{self.devices} other device{'s' if self.devices != 1 else ''}"
        return f"Synced {ago} · {others}" + (" · ⚠" if self.messages else "")


def folder(core: Core) -> Path | None:
    value = core.store.get_setting(FOLDER_KEY)
    return Path(value) if isinstance(value, str) and value else None


def set_folder(core: Core, path: Path | None, *, new_device: bool = False) -> Path | None:
    """Sync through ``path`` from now on (None: stop syncing). The data folder gets its device id the
    first time (``new_device``: a new one, for a copied data folder). Owner thread."""
    if path is None:
        core.store.set_setting(FOLDER_KEY, "")
        return None
    from kquiz.sync import DEVICE_KEY, STATE_KEY
    from kquiz.sync.folder import SUBFOLDER

    target = Path(path).expanduser().resolve()
    if not target.is_dir():
        raise SettingsError(f"{target} is not a folder.")
    if new_device or not isinstance(core.store.get_setting(DEVICE_KEY), str):
        core.store.set_setting(STATE_KEY, {})  # a new device sends everything again
        core.store.set_setting(DEVICE_KEY, secrets.token_hex(8))
    target.joinpath(*SUBFOLDER).mkdir(parents=True, exist_ok=True)
    core.store.set_setting(FOLDER_KEY, str(target))
    return target


def _renames(core: Core) -> dict[CardKey, CardKey]:
    return {
        CardKey(deck.id, old): CardKey(deck.id, card.id)
        for deck in core.library.decks
        for card in deck.cards
        for old in card.was
    }


def prepare_round(core: Core) -> Prepared | None:
    """Read and merge (any thread; writes only this device's new segment). None: sync is off."""
    where = folder(core)
    if where is None:
        return None
    from kquiz.sync import LocalFolder, prepare

    return prepare(
        core.store.path,
        LocalFolder(where),
        scheduler=core.scheduler(),
        now=core.clock.now(),
        renames=_renames(core),
        settings_key=SETTINGS_KEY,
        default_settings=Settings().to_dict(),
    )


def _report(prepared: Prepared, installed: bool) -> SyncReport:
    return SyncReport(
        sent=prepared.sent,
        received=prepared.received,
        segments=prepared.segments,
        waiting=prepared.waiting,
        devices=len(prepared.devices),
        messages=tuple(prepared.messages),
        installed=installed,
    )


@side_writer
def install_round_result(core: Core, prepared: Prepared) -> SyncReport:
    """Write a prepared round in one transaction through a connection of its own: any thread (the app
    runs it on a worker; kquiz/app/core.py). ``installed`` False: the store changed since the round's
    snapshot (an answer meanwhile), nothing was written: run another round."""
    from kquiz.sync import install_round

    return _report(prepared, install_round(core.store.path, prepared))


def sync_round(core: Core) -> SyncReport | None:
    """One whole round on the owner thread (the CLI). None: sync is off."""
    report = None
    for _ in range(ATTEMPTS):
        prepared = prepare_round(core)
        if prepared is None:
            return None
        report = install_round_result(core, prepared)
        if report.installed:
            return report
    return report


def status(core: Core) -> SyncStatus:
    """The status line's facts; sync off: only that (nothing else is read, kquiz.sync not imported)."""
    where = folder(core)
    if where is None:
        return SyncStatus(folder=None, device=None, last_round=None, devices=0, messages=())
    from kquiz.sync import DEVICE_KEY, STATUS_KEY

    data = core.store.get_setting(STATUS_KEY) or {}
    at = data.get("at_us") if isinstance(data, dict) else None
    device = core.store.get_setting(DEVICE_KEY)
    return SyncStatus(
        folder=where,
        device=device if isinstance(device, str) else None,
        last_round=codec.from_us(at) if isinstance(at, int) else None,
        devices=len(data.get("devices") or ()) if isinstance(data, dict) else 0,
        messages=tuple(data.get("messages") or ()) if isinstance(data, dict) else (),
    )
