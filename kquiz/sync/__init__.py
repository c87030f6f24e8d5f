"""Sync progress between data folders through a folder a file-sync engine already shares (issue 19).

The journal is a set of immutable segments, one folder per device; a round reads the others' new
segments, merges by review id and register, replays touched cards through the scheduler, and writes
this device's new events as one new segment. See docs/sync.md for the design and its guarantees.
"""

from kquiz.sync.folder import LocalFolder, SyncFolder
from kquiz.sync.rounds import (
    DEVICE_KEY,
    STATE_KEY,
    STATUS_KEY,
    DeviceClaimed,
    Prepared,
    install_round,
    prepare,
)

__all__ = [
    "DEVICE_KEY",
    "STATE_KEY",
    "STATUS_KEY",
    "DeviceClaimed",
    "LocalFolder",
    "Prepared",
    "SyncFolder",
    "install_round",
    "prepare",
]
