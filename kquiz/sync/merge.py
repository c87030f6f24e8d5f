"""Merging events into the local log and registers, and replaying the cards they touched.

* Reviews merge by uid: a review already in the log, or undone anywhere (a tombstone), is not added.
* Marks and settings are last-writer-wins registers ordered by (time, device id); resets keep the
  latest cut (the last review the reset covered).
* A card touched by a review, an undo or a reset gets the memory state of its scheduled reviews after
  its cut, in (time, uid) order, through the scheduler: the same answers give the same state on every
  device. Its marks are its registers. Times are the answering device's clock (see docs/sync.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any

from kquiz.domain import CardKey, MemoryState, Progress, Rating
from kquiz.scheduling import Scheduler
from kquiz.storage import codec
from kquiz.storage.journal import Changes, Cut, JournalReader, Register, Snapshot
from kquiz.sync.outgoing import DEFAULT_MARKS, MARK_FIELDS, apply_settings, flatten_settings


@dataclass(frozen=True, slots=True)
class Batch:
    """The events of one segment (or this round's own events, ``origin`` None)."""

    device: str
    origin: str | None
    events: Sequence[dict[str, Any]]


_NEW = codec.memory_values(MemoryState())


def replay(
    scheduler: Scheduler,
    key: CardKey,
    rows: Sequence[Sequence[Any]],
    cut: Cut | None,
    local: MemoryState | None = None,
) -> MemoryState:
    """The card's state after its scheduled reviews after ``cut``, in (time, uid) order.

    When those reviews form one chain (each one's state before is the previous one's state after, as
    when one device answered them all), that chain's end is the replay's result, given the same
    scheduler: it is taken when it is ``local`` (nothing to do) or when the scheduler here gives the
    last answer's recorded state; otherwise every answer is replayed."""
    scheduled = sorted(
        (r for r in rows if r[5] == "scheduled" and (cut is None or (r[1], r[0]) > cut)),
        key=lambda r: (r[1], r[0]),
    )
    if not scheduled:
        return MemoryState()
    first = scheduled[0]
    fresh = cut is not None or first[7] == 0
    if _chained(scheduled, fresh):
        last = scheduled[-1]
        end = codec.memory_from(last, 15)
        if end == local:
            return end
        at = codec.from_us(last[1])
        assert at is not None
        if scheduler.next_state(key, codec.memory_from(last, 7), Rating(last[4]), at) == end:
            return end
    memory = MemoryState() if fresh else codec.memory_from(first, 7)
    for row in scheduled:
        at = codec.from_us(row[1])
        assert at is not None
        memory = scheduler.next_state(key, memory, Rating(row[4]), at)
    return memory


def _chained(scheduled: Sequence[Sequence[Any]], fresh: bool) -> bool:
    """Whether each review starts from the state the one before it ended in (from New if ``fresh``)."""
    if fresh and tuple(scheduled[0][7:15]) != _NEW:
        return False
    return all(tuple(a[15:23]) == tuple(b[7:15]) for a, b in pairwise(scheduled))


@lru_cache(maxsize=1024)
def _json(value: str) -> Any:
    """A mark's value (a handful of distinct strings: ``false``, ``true``, a time)."""
    return json.loads(value)


def _newer(register: Register, than: Register | None) -> bool:
    return than is None or (register[1], register[2]) > (than[1], than[2])


def plan(
    reader: JournalReader,
    snap: Snapshot,
    batches: Sequence[Batch],
    *,
    scheduler: Scheduler,
    renames: Mapping[CardKey, CardKey],
    settings_key: str,
) -> Changes:
    """What merging ``batches`` into the snapshot writes (nothing is written here)."""
    changes = Changes(stamp=snap.stamp, watched={})
    marks, resets, settings = dict(snap.marks), dict(snap.resets), dict(snap.settings)
    new_reviews: dict[str, tuple[Any, ...]] = {}
    dead: dict[str, str | None] = {}
    replayed: set[CardKey] = set()
    marked: set[CardKey] = set()
    reviewed: set[tuple[str, str]] = set()  # cards answered, as sent

    cards: dict[tuple[str, str], CardKey] = {}  # (deck, card) as sent -> the card here (renames)

    def card(deck_id: str, card_id: str) -> CardKey:
        key = cards.get((deck_id, card_id))
        if key is None:
            key = CardKey(str(deck_id), str(card_id))
            key = cards[(deck_id, card_id)] = renames.get(key, key)
        return key

    foreign_undos = [e["uid"] for b in batches if b.origin for e in b.events if e["k"] == "undo"]
    undone_keys = reader.keys_of(u for u in foreign_undos if u not in snap.tombstones)
    incoming_uids = [e["row"][0] for b in batches if b.origin for e in b.events if e["k"] == "review"]
    known = reader.known_uids(incoming_uids)
    for batch in batches:
        for event in batch.events:
            kind = event["k"]
            if kind == "review":
                row = event["row"]
                key = card(row[2], row[3])
                reviewed.add((row[2], row[3]))
                uid = str(row[0])
                if batch.origin and uid not in known and uid not in snap.tombstones and uid not in dead:
                    new_reviews[uid] = (row[0], row[1], key.deck_id, key.card_id, *row[4:], batch.origin)
            elif kind == "undo":
                uid = str(event["uid"])
                if batch.origin and uid not in snap.tombstones and uid not in dead:
                    dead[uid] = batch.origin
                    new_reviews.pop(uid, None)
                    if uid in undone_keys:
                        replayed.add(undone_keys[uid])
            elif kind in ("mark", "setting"):
                register = (str(event["value"]), int(event["at"]), batch.device)
                if kind == "setting":
                    name = str(event["name"])
                    if _newer(register, settings.get(name)):
                        settings[name] = changes.settings[name] = register
                    continue
                key = card(event["deck"], event["card"])
                if event["field"] not in MARK_FIELDS:
                    continue
                mark = (key.deck_id, key.card_id, str(event["field"]))
                marked.add(key)
                if _newer(register, marks.get(mark)):
                    marks[mark] = changes.marks[mark] = register
            elif kind == "reset":
                key = card(event["deck"], event["card"])
                cut = (int(event["cut"][0]), str(event["cut"][1]))
                replayed.add(key)
                if key not in resets or cut > resets[key]:
                    resets[key] = changes.resets[key] = cut
    replayed.update(cards[pair] for pair in reviewed)
    changes.insert_reviews = list(new_reviews.values())
    changes.tombstones = sorted(dead.items())
    incoming_by_card: dict[CardKey, list[tuple[Any, ...]]] = {}
    for new_row in new_reviews.values():
        incoming_by_card.setdefault(CardKey(new_row[2], new_row[3]), []).append(new_row[:-1])
    logged = reader.card_reviews(sorted(replayed))
    rows_now = reader.progress_of(sorted(replayed | marked))
    for key in sorted(replayed | marked):
        local = rows_now.get(key)
        changes.watched[key] = local
        memory = local.memory if local is not None else MemoryState()
        if key in replayed:
            rows = [r for r in logged.get(key, []) if r[0] not in dead] + incoming_by_card.get(key, [])
            memory = replay(scheduler, key, rows, resets.get(key), local.memory if local else None)
        values = {
            f: (marks.get((key.deck_id, key.card_id, f)) or (None, 0, ""))[0] or DEFAULT_MARKS[f]
            for f in MARK_FIELDS
        }
        new = Progress(
            key=key,
            memory=memory,
            content_hash=local.content_hash if local else "",
            suspended=_json(values["suspended"]) is True,
            buried_until=codec.from_us(_json(values["buried_until"])),
            flagged=_json(values["flagged"]) is True,
            leech=_json(values["leech"]) is True,
            changed=local.changed if local else False,
        )
        if memory == MemoryState() and values == DEFAULT_MARKS:
            if local is not None:
                changes.delete.append(key)
        elif new != local:
            changes.save.append(new)
    stored = reader.setting(settings_key)
    merged = apply_settings(stored, {n: v for n, (v, _, _) in settings.items()})
    if flatten_settings(merged) != flatten_settings(stored):
        changes.plain_settings[settings_key] = merged
    return changes
