"""The journal's file format: immutable segments, one per sync round that had something to say.

A segment is ``KQSYNC <format>\\n``, one JSON header line, then ``size`` bytes of gzip-compressed
JSON lines (one event each) whose SHA-256 is in the header. Its name is ``<seq>-<sha256[:16]>.kqs``:
the same name always means the same bytes, so two writers can never make an engine's conflict.
A file that is shorter than its header says, or whose checksum does not match, is half-copied
(``Incomplete``: skipped until whole); a newer format is ``TooNew`` (skipped with a message).

Events (``k`` is the kind): ``review`` (``row``: the whole log row, ``REVIEW_SYNC_COLUMNS``),
``undo`` (``uid``), ``mark`` (``deck``, ``card``, ``field``, ``value`` as JSON text, ``at``),
``reset`` (``deck``, ``card``, ``cut``: [time, uid] of the last review it covers),
``setting`` (``name``, ``value`` as JSON text, ``at``). Times are microseconds since the epoch.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

FORMAT = 1
MAGIC = b"KQSYNC "
SEGMENT_NAME = re.compile(r"^(\d{8})-([0-9a-f]{16})\.kqs$")
DEVICE_NAME = re.compile(r"^[0-9a-f]{16}$")
KINDS = {"review", "undo", "mark", "reset", "setting"}
REVIEW_FIELDS = 23  # uid + 22 log columns
_PARSE_LINES = 500  # events parsed in one call, which holds the GIL (a few ms): the UI thread waits no longer


class SegmentError(Exception):
    """A segment that cannot be used (yet)."""


class Incomplete(SegmentError):
    """Truncated, half-copied or a bad checksum: skipped until a whole copy arrives."""


class TooNew(SegmentError):
    """Written by a newer kquiz."""


@dataclass(frozen=True, slots=True)
class Header:
    device: str
    seq: int
    prev: str  # the name of the device's previous segment ("" for its first)
    written_at_us: int  # the writer's clock
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Segment:
    name: str
    header: Header
    events: tuple[dict[str, Any], ...]


def segment_name(seq: int, sha256: str) -> str:
    return f"{seq:08d}-{sha256[:16]}.kqs"


def seq_of(name: str) -> int:
    match = SEGMENT_NAME.match(name)
    return int(match.group(1)) if match else 0


def encode(
    device: str, seq: int, prev: str, written_at_us: int, events: list[dict[str, Any]]
) -> tuple[str, bytes]:
    """(file name, bytes) of a new segment."""
    lines = "".join(json.dumps(e, sort_keys=True, separators=(",", ":")) + "\n" for e in events)
    body = gzip.compress(lines.encode("utf-8"), compresslevel=6, mtime=0)
    sha = hashlib.sha256(body).hexdigest()
    header = {
        "device": device,
        "seq": seq,
        "prev": prev,
        "written_at_us": written_at_us,
        "sha256": sha,
        "size": len(body),
        "events": len(events),
    }
    head = MAGIC + str(FORMAT).encode() + b"\n" + json.dumps(header, sort_keys=True).encode() + b"\n"
    return segment_name(seq, sha), head + body


def read_header(data: bytes) -> tuple[Header, bytes]:
    """The header and the rest of the bytes; Incomplete / TooNew / SegmentError when unusable."""
    first, _, rest = data.partition(b"\n")
    if not first.startswith(MAGIC):
        raise Incomplete("no segment header") if len(data) < 16 else SegmentError("not a kquiz segment")
    try:
        version = int(first[len(MAGIC) :])
    except ValueError as exc:
        raise Incomplete("a damaged segment header") from exc
    if version > FORMAT:
        raise TooNew(f"written by a newer kquiz (sync format {version}; this kquiz reads {FORMAT})")
    line, newline, body = rest.partition(b"\n")
    if not newline:
        raise Incomplete("the header is cut short")
    try:
        raw = json.loads(line)
        header = Header(
            str(raw["device"]), int(raw["seq"]), str(raw["prev"]), int(raw["written_at_us"]),
            str(raw["sha256"]), int(raw["size"]),
        )  # fmt: skip
    except (ValueError, KeyError, TypeError) as exc:
        raise Incomplete(f"a damaged segment header ({exc})") from exc
    return header, body


def decode(name: str, data: bytes) -> Segment:
    """A whole segment, checked against its name and checksum."""
    header, body = read_header(data)
    if len(body) != header.size or hashlib.sha256(body).hexdigest() != header.sha256:
        raise Incomplete(f"{len(body)} of {header.size} bytes, or a bad checksum")
    if name != segment_name(header.seq, header.sha256):
        raise SegmentError("its name does not match its content")
    try:
        lines = gzip.decompress(body).decode("utf-8").split("\n")  # JSON escapes a newline in a string
        parsed: list[Any] = []
        for i in range(0, len(lines), _PARSE_LINES):  # a call each: other threads run between them
            parsed += json.loads("[" + ",".join(filter(None, lines[i : i + _PARSE_LINES])) + "]")
        events = tuple(parsed)
    except (OSError, EOFError, ValueError) as exc:
        raise SegmentError(f"damaged content ({exc})") from exc
    for event in events:  # (100,000 events in a first merge: kept short)
        kind = event.get("k") if type(event) is dict else None
        if kind == "review":
            row = event.get("row")
            if type(row) is not list or len(row) != REVIEW_FIELDS or type(row[0]) is not str:
                raise SegmentError("a review with the wrong fields")
        elif kind not in KINDS:
            raise TooNew(f"an event this kquiz does not know ({str(event)[:60]})")
    return Segment(name, header, events)
