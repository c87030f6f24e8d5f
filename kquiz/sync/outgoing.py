"""What this data folder has to tell the others: its events since its last segment.

Reviews and undos come from the log (every review has a uid; an undo left a tombstone). Marks,
resets and settings are found by comparing the store with the merged registers: a mark that differs
from its register was changed here since the last round (an event at this round's time); a card with
answers but no progress row was reset here; a setting that differs from its register was changed here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from kquiz.domain import CardKey, Progress
from kquiz.storage import codec
from kquiz.storage.journal import Cut, JournalReader, Snapshot

MARK_FIELDS = ("suspended", "flagged", "leech", "buried_until")
DEFAULT_MARKS = {"suspended": "false", "flagged": "false", "leech": "false", "buried_until": "null"}
LOCAL_SETTINGS = frozenset({"theme", "font_size"})  # this computer's own (a laptop's smaller font)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False)


def mark_values(progress: Progress | None) -> dict[str, str]:
    if progress is None:
        return dict(DEFAULT_MARKS)
    return {
        "suspended": dumps(progress.suspended),
        "flagged": dumps(progress.flagged),
        "leech": dumps(progress.leech),
        "buried_until": dumps(codec.to_us(progress.buried_until)),
    }


def flatten_settings(data: Any) -> dict[str, str]:
    """Synced settings by register name (``new_per_day``, ``scheduling.parameters``...)."""
    if not isinstance(data, dict):
        return {}
    flat = {k: dumps(v) for k, v in data.items() if k != "scheduling" and k not in LOCAL_SETTINGS}
    scheduling = data.get("scheduling")
    if isinstance(scheduling, dict):
        flat.update({f"scheduling.{k}": dumps(v) for k, v in scheduling.items()})
    return flat


def apply_settings(data: Any, registers: Mapping[str, str]) -> dict[str, Any]:
    """``data`` (the stored settings dict) with each register's value in place."""
    result = dict(data) if isinstance(data, dict) else {}
    scheduling = dict(result.get("scheduling") or {})
    for name, value in registers.items():
        if name.startswith("scheduling."):
            scheduling[name.removeprefix("scheduling.")] = json.loads(value)
        else:
            result[name] = json.loads(value)
    if scheduling:
        result["scheduling"] = scheduling
    return result


def review_event(row: Iterable[Any]) -> dict[str, Any]:
    return {"k": "review", "row": list(row)}


def _after(review: tuple[Any, ...], cut: Cut | None) -> bool:
    return cut is None or (review[1], review[0]) > cut


def local_events(
    reader: JournalReader,
    snap: Snapshot,
    state: Mapping[str, Any],
    *,
    now_us: int,
    settings_key: str,
    default_settings: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Every event of this data folder not yet in one of its segments."""
    events: list[dict[str, Any]] = []
    reviews = reader.local_reviews(int(state.get("review_id", 0)), snap.stamp.max_review_id)
    events.extend(map(review_event, reviews))
    for uid in reader.local_tombstones(int(state.get("tombstone_seq", 0)), snap.stamp.max_tombstone_seq):
        events.append({"k": "undo", "uid": uid})
    resets: dict[CardKey, Cut] = dict(reader.unreset_cards(int(state.get("gone_seq", 0)), snap.max_gone_seq))
    # a card answered from New here after earlier answers was reset before that answer
    fresh = {CardKey(r[2], r[3]) for r in reviews if r[5] == "scheduled" and r[7] == 0}
    for key, rows in reader.card_reviews(fresh).items():
        cut = snap.resets.get(key)
        scheduled = sorted((r[1], r[0], r[7]) for r in rows if r[5] == "scheduled" and _after(r, cut))
        starts = [i for i, (_, _, before) in enumerate(scheduled) if before == 0 and i > 0]
        if starts:
            at, uid, _ = scheduled[starts[-1] - 1]
            resets[key] = max(resets.get(key, (at, uid)), (at, uid))
    for key, cut in sorted(resets.items()):
        events.append({"k": "reset", "deck": key.deck_id, "card": key.card_id, "cut": list(cut)})
    keys = set(snap.progress) | {CardKey(d, c) for d, c, _ in snap.marks}
    for key in sorted(keys):
        local = mark_values(snap.progress.get(key))
        for field in MARK_FIELDS:
            register = snap.marks.get((key.deck_id, key.card_id, field))
            current = register[0] if register else DEFAULT_MARKS[field]
            if local[field] != current:
                events.append(
                    {"k": "mark", "deck": key.deck_id, "card": key.card_id, "field": field,
                     "value": local[field], "at": now_us}
                )  # fmt: skip
    defaults = flatten_settings(default_settings)
    for name, value in sorted(flatten_settings(reader.setting(settings_key)).items()):
        register = snap.settings.get(name)
        if register is None and value == defaults.get(name):
            continue  # a default nobody changed: any device's change wins over it
        if register is None or register[0] != value:
            events.append({"k": "setting", "name": name, "value": value, "at": now_us})
    return events
