"""One sync round: read, write this device's segment, then install; all of it off the owner thread.

``prepare`` reads a snapshot of the store and the other devices' new segments, writes this data
folder's new events as one segment, and computes every change; ``install`` writes them in one
transaction through a connection of its own, or nothing when the store changed meanwhile (then the
round is simply run again). A crash anywhere loses nothing: a segment written but not recorded is
found again by its ``prev`` link and adopted; events are merged by id, so reading one twice changes
nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kquiz.domain import CardKey
from kquiz.errors import KQuizError
from kquiz.scheduling import Scheduler
from kquiz.storage import codec
from kquiz.storage.journal import Changes, JournalReader, Snapshot, install
from kquiz.sync.folder import SyncFolder
from kquiz.sync.merge import Batch, plan
from kquiz.sync.outgoing import local_events
from kquiz.sync.segment import Segment, SegmentError, TooNew, decode, encode, seq_of

DEVICE_KEY = "sync_device"
STATE_KEY = "sync_state"  # {"review_id", "tombstone_seq", "seq", "last"}: what this device has sent
STATUS_KEY = "sync_status"  # {"at_us", "devices", "messages"}: the last round, for the status line
CLOCK_SKEW_US = 3600 * 1_000_000  # a device whose clock is this far ahead gets a warning


class DeviceClaimed(KQuizError):
    """Another data folder writes segments under this data folder's device id."""


@dataclass(slots=True)
class Prepared:
    changes: Changes
    sent: int = 0  # events this device wrote
    received: int = 0  # events read from other devices' new segments
    segments: int = 0  # other devices' segments read
    waiting: int = 0  # segments skipped until whole (half-copied, truncated, bad checksum)
    devices: list[str] = field(default_factory=list)  # the other devices in the folder
    messages: list[str] = field(default_factory=list)


def _own_chain(
    folder: SyncFolder, device: str, known: set[tuple[str, str]], last: str, ours: Callable[[list[str]], bool]
) -> tuple[str, list[Any], list[dict[str, Any]]]:
    """Follow this device's segments not yet recorded (a round that crashed after writing) from
    ``last``. A segment that does not continue the chain, or holds answers this data folder never
    gave (``ours``), was written by another data folder under the same device id."""
    unknown: dict[str, Segment] = {}
    for name in folder.segments(device):
        if (device, name) not in known:
            try:
                unknown[name] = decode(name, folder.read(device, name))
            except (OSError, SegmentError):
                continue
    adopted: list[Any] = []
    events: list[dict[str, Any]] = []
    while True:
        following = [n for n, seg in unknown.items() if seg.header.prev == last]
        if not following:
            break
        last = sorted(following)[0]
        segment = unknown.pop(last)
        if not ours([e["row"][0] for e in segment.events if e["k"] == "review"]):
            unknown[last] = segment
            break
        adopted.append((device, last, segment.header.sha256))
        events.extend(segment.events)
    if unknown:
        raise DeviceClaimed(
            f"Another data folder writes to the sync folder as this device ({device}): a copy of this "
            "data folder? Sync is stopped here; give one of them a new device id (kquiz sync --new-device)."
        )
    return last, adopted, events


def _identity(event: dict[str, Any]) -> tuple[Any, ...]:
    """What an event says, without the time it was noticed (a mark or setting found again later)."""
    kind = event["k"]
    if kind == "review":
        return (kind, event["row"][0])
    if kind == "undo":
        return (kind, event["uid"])
    if kind == "reset":
        return (kind, event["deck"], event["card"], tuple(event["cut"]))
    if kind == "mark":
        return (kind, event["deck"], event["card"], event["field"], event["value"])
    return (kind, event.get("name"), event.get("value"))


def _with_adopted(snap: Snapshot, device: str, events: list[dict[str, Any]]) -> Snapshot:
    """The snapshot's registers as if the adopted segments had been installed (what they said is not
    found again as a change here)."""
    marks, settings, resets = dict(snap.marks), dict(snap.settings), dict(snap.resets)
    for e in events:
        if e["k"] == "mark":
            mark = (str(e["deck"]), str(e["card"]), str(e["field"]))
            if mark not in marks or (e["at"], device) >= marks[mark][1:]:
                marks[mark] = (str(e["value"]), int(e["at"]), device)
        elif e["k"] == "setting":
            if e["name"] not in settings or (e["at"], device) >= settings[e["name"]][1:]:
                settings[e["name"]] = (str(e["value"]), int(e["at"]), device)
        elif e["k"] == "reset":
            key, cut = CardKey(str(e["deck"]), str(e["card"])), (int(e["cut"][0]), str(e["cut"][1]))
            resets[key] = max(resets.get(key, cut), cut)
    return replace(snap, marks=marks, settings=settings, resets=resets)


def prepare(
    db_path: Path,
    folder: SyncFolder,
    *,
    scheduler: Scheduler,
    now: datetime,
    renames: dict[CardKey, CardKey] | None = None,
    settings_key: str = "study_settings",
    default_settings: dict[str, Any] | None = None,
) -> Prepared:
    """Read, write this device's segment, and compute the round's changes (safe on a worker thread)."""
    with _cycle_collector_paused():
        return _prepare(db_path, folder, scheduler, now, renames, settings_key, default_settings)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a round decodes and merges: a first merge makes a few hundred
    thousand containers (events, rows), none in a cycle (reference counting frees them), which made the
    collector run full passes over the whole process: 0.1-0.2 s of a first merge, each pass holding
    the GIL up to 90 ms, so the UI thread waited too. Turned back on after (if it was on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _prepare(
    db_path: Path,
    folder: SyncFolder,
    scheduler: Scheduler,
    now: datetime,
    renames: dict[CardKey, CardKey] | None,
    settings_key: str,
    default_settings: dict[str, Any] | None,
) -> Prepared:
    now_us = codec.to_us(now)
    assert now_us is not None
    with JournalReader(db_path) as reader:
        device = reader.setting(DEVICE_KEY)
        if not isinstance(device, str):
            raise KQuizError("This data folder has no sync device id yet: choose a sync folder first.")
        state = reader.setting(STATE_KEY) or {}
        snap = reader.snapshot()

        def ours(uids: list[str]) -> bool:
            return len(reader.known_uids(u for u in uids if u not in snap.tombstones)) == len(
                [u for u in uids if u not in snap.tombstones]
            )

        last, adopted, sent_before = _own_chain(
            folder, device, snap.segments, str(state.get("last", "")), ours
        )
        # a crashed round's segment is this round's too: what it says is merged, not written again
        told = {_identity(e) for e in sent_before}
        own = [
            e
            for e in local_events(
                reader,
                _with_adopted(snap, device, sent_before),
                state,
                now_us=now_us,
                settings_key=settings_key,
                default_settings=default_settings,
            )
            if _identity(e) not in told
        ]
        report = Prepared(changes=Changes(stamp=snap.stamp, watched={}))
        batches = [Batch(device, None, [*sent_before, *own])]
        for other in folder.devices():
            if other == device:
                continue
            report.devices.append(other)
            for name in folder.segments(other):
                if (other, name) in snap.segments:
                    continue
                try:
                    segment = decode(name, folder.read(other, name))
                except TooNew as exc:
                    report.messages.append(f"A segment from device {other} was skipped: {exc}.")
                    continue
                except (OSError, SegmentError):
                    report.waiting += 1  # half-copied or damaged: tried again next round
                    continue
                if segment.header.device != other:
                    continue
                ahead = segment.header.written_at_us - now_us
                if ahead > CLOCK_SKEW_US:
                    report.messages.append(
                        f"The clock of device {other} is about {ahead / 3.6e9:.0f} hours ahead of this one's; "
                        "answers are ordered by the time each device gives them."
                    )
                batches.append(Batch(other, other, segment.events))
                report.changes.segments.append((other, name, segment.header.sha256))
                report.segments += 1
                report.received += len(segment.events)
        changes = plan(
            reader, snap, batches, scheduler=scheduler, renames=renames or {}, settings_key=settings_key
        )
        changes.watched_settings = {name: reader.raw_setting(name) for name in (settings_key, STATE_KEY)}
    changes.segments = [*adopted, *report.changes.segments]
    seq = max([int(state.get("seq", 0)), *(seq_of(n) for n in folder.segments(device))])
    if own:
        name, data = encode(device, seq + 1, last, now_us, own)
        folder.write(device, name, data)
        changes.segments.append((device, name, name.split("-")[1].removesuffix(".kqs")))
        last, seq = name, seq + 1
    changes.plain_settings[STATE_KEY] = {
        "review_id": snap.stamp.max_review_id,
        "tombstone_seq": snap.stamp.max_tombstone_seq,
        "gone_seq": snap.max_gone_seq,
        "seq": seq,
        "last": last,
    }
    changes.plain_settings[STATUS_KEY] = {
        "at_us": now_us,
        "devices": report.devices,
        "messages": report.messages,
    }
    report.changes = changes
    report.sent = len(own)
    return report


def install_round(db_path: Path, prepared: Prepared) -> bool:
    """Write a prepared round through a connection of its own (any thread: see ``journal.install``).
    False: the store changed meanwhile, nothing was written; run a new round."""
    at_us = prepared.changes.plain_settings[STATUS_KEY]["at_us"]
    return install(db_path, prepared.changes, int(at_us))
