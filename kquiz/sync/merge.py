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
from operator import attrgetter, itemgetter
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
_TIME_UID = itemgetter(1, 0)  # a review row's order: time, then uid
_DECK_CARD = attrgetter("deck_id", "card_id")
_BEFORE, _AFTER = itemgetter(slice(7, 15)), itemgetter(slice(15, 23))  # a review row's two states


def replay(
    scheduler: Scheduler,
    key: CardKey,
    rows: Sequence[tuple[Any, ...]],
    cut: Cut | None,
    local: MemoryState | None = None,
) -> MemoryState:
    """The card's state after its scheduled reviews after ``cut``, in (time, uid) order.

    When those reviews form one chain (each one's state before is the previous one's state after, as
    when one device answered them all), that chain's end is the replay's result, given the same
    scheduler: it is taken when it is ``local`` (nothing to do) or when the scheduler here gives the
    last answer's recorded state; otherwise every answer is replayed."""
    scheduled = [r for r in rows if r[5] == "scheduled" and (cut is None or (r[1], r[0]) > cut)]
    if not scheduled:
        return MemoryState()
    scheduled.sort(key=_TIME_UID)
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


def _chained(scheduled: Sequence[tuple[Any, ...]], fresh: bool) -> bool:
    """Whether each review starts from the state the one before it ended in (from New if ``fresh``)."""
    if fresh and tuple(scheduled[0][7:15]) != _NEW:
        return False
    return list(map(_AFTER, scheduled[:-1])) == list(map(_BEFORE, scheduled[1:]))


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
    known: set[str] = set()
    if snap.stamp.max_review_id:  # (an empty log knows none)
        known = reader.known_uids(
            e["row"][0] for b in batches if b.origin for e in b.events if e["k"] == "review"
        )
    tombstones, add_reviewed = snap.tombstones, reviewed.add
    for batch in batches:
        origin = batch.origin
        for event in batch.events:
            kind = event["k"]
            if kind == "review":  # the bulk of a long history: kept short (renames applied below)
                row = event["row"]
                add_reviewed((row[2], row[3]))
                uid = row[0]
                if origin and uid not in known and uid not in tombstones and uid not in dead:
                    new_reviews[uid] = (*row, origin)
            elif kind == "undo":
                uid = str(event["uid"])
                if origin and uid not in tombstones and uid not in dead:
                    dead[uid] = origin
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
    replayed.update(card(d, c) for d, c in reviewed)
    if renames:  # an answer made under a card's old id is merged under its new one
        for uid, row in new_reviews.items():
            key = card(row[2], row[3])
            if (key.deck_id, key.card_id) != (row[2], row[3]):
                new_reviews[uid] = (*row[:2], key.deck_id, key.card_id, *row[4:])
    changes.insert_reviews = list(new_reviews.values())
    changes.tombstones = sorted(dead.items())
    incoming_by_card: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for new_row in changes.insert_reviews:  # (the origin at the end is not read by replay)
        incoming_by_card.setdefault((new_row[2], new_row[3]), []).append(new_row)
    touched = sorted(replayed | marked, key=_DECK_CARD)
    logged = reader.card_reviews(replayed)
    rows_now = reader.progress_of(touched)
    with_marks = {(d, c) for d, c, _ in marks}
    for key in touched:
        local = rows_now.get(key)
        changes.watched[key] = local
        memory = local.memory if local is not None else MemoryState()
        if key in replayed:
            rows = logged.get(key, [])
            if dead:
                rows = [r for r in rows if r[0] not in dead]
            rows = rows + incoming_by_card.get((key.deck_id, key.card_id), [])
            memory = replay(scheduler, key, rows, resets.get(key), local.memory if local else None)
        if (key.deck_id, key.card_id) in with_marks:
            values = {
                f: (marks.get((key.deck_id, key.card_id, f)) or (None, 0, ""))[0] or DEFAULT_MARKS[f]
                for f in MARK_FIELDS
            }
        else:
            values = DEFAULT_MARKS
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
