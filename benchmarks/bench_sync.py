"""Sync round times: nothing new, 50 new answers from another device, a first merge of 100,000.

    python3 benchmarks/bench_sync.py [--reviews 100000] [--cards 10000] [--dir PATH]

Device A's log is filled with ``--reviews`` scheduled answers spread over ``--cards`` cards (written
straight into the log, one transaction), then A and B sync through one folder. Times are of whole
rounds (``kquiz.app.sync.sync_round``: read, write the segment, merge, replay, install) and, for
B's first merge, of the worker part (``prepare_round``) and the install on the owner apart. Budgets
(issue 19): nothing new ≤ 20 ms, 50 answers ≤ 50 ms, a first merge of 100,000 ≤ 2 s.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kquiz.app import Core, open_core
from kquiz.app.sync import install_round_result, prepare_round, set_folder, sync_round
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.storage.journal import REVIEW_SYNC_COLUMNS

T0 = datetime(2025, 1, 1, 9, 0, tzinfo=UTC)
T = TypeVar("T")


def _fill(core: Core, reviews: int, cards: int, start: datetime) -> None:
    scheduler, memories = core.scheduler(), dict[CardKey, MemoryState]()
    records = []
    for i in range(reviews):
        key = CardKey("bench", f"c{i % cards:05d}")
        at = start + timedelta(days=i // cards * 3, seconds=i % cards)
        before = memories.get(key, MemoryState())
        rating = Rating.AGAIN if i % 11 == 0 else Rating.GOOD
        after = scheduler.next_state(key, before, rating, at)
        memories[key] = after
        records.append(ReviewRecord(key, at, rating, StudyMode.SCHEDULED, 4000, before, after))
    core.store.record_reviews(records)
    core.store.save_many(Progress(key, memory) for key, memory in memories.items())


def _floor(shared: Path, db: Path, work: Path) -> float:
    """ms of what any first merge of these answers costs: gunzip and parse A's segments, and one
    executemany of the merged rows into an empty copy of the log's table (its indexes and triggers)."""
    began = time.perf_counter()
    events = []
    for path in sorted(shared.rglob("*.kqs")):
        body = path.read_bytes().split(b"\n", 2)[2]
        events += json.loads("[" + gzip.decompress(body).decode().strip().replace("\n", ",") + "]")
    parsed = time.perf_counter()
    source = sqlite3.connect(db)
    schema = source.execute("SELECT sql FROM sqlite_master WHERE tbl_name = 'review_log' AND sql NOT NULL")
    columns = ", ".join(REVIEW_SYNC_COLUMNS)
    rows = source.execute(f"SELECT {columns}, origin FROM review_log").fetchall()
    empty = sqlite3.connect(work / "floor.sqlite3", isolation_level=None)
    for (sql,) in schema.fetchall():
        empty.execute(sql)
    began_insert = time.perf_counter()
    with empty:
        empty.execute("BEGIN")
        empty.executemany(f"INSERT INTO review_log ({columns}, origin) VALUES ({', '.join('?' * 24)})", rows)
    done = time.perf_counter()
    source.close()
    empty.close()
    assert len(events) >= len(rows) > 0
    return ((parsed - began) + (done - began_insert)) * 1000


def _ms(fn: Callable[[], T]) -> tuple[float, T]:
    began = time.perf_counter()
    result = fn()
    return (time.perf_counter() - began) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "_work" / "sync")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    shared = args.dir / "Sync"
    shared.mkdir(parents=True)
    a = open_core(args.dir / "a", clock=FixedClock(T0 + timedelta(days=400)), include_bundled=False)
    b = open_core(args.dir / "b", clock=FixedClock(T0 + timedelta(days=400)), include_bundled=False)
    for core in (a, b):
        set_folder(core, shared)
    _fill(a, args.reviews, args.cards, T0)
    ms_a, _ = _ms(lambda: sync_round(a))
    ms_prepare, prepared = _ms(lambda: prepare_round(b))
    assert prepared is not None
    ms_install, report = _ms(lambda: install_round_result(b, prepared))
    assert report.installed and report.received >= args.reviews, report
    floor = _floor(shared, args.dir / "b" / "progress.sqlite3", args.dir)
    rows = [
        (f"A sends its first {args.reviews:,} answers", ms_a, None),
        (f"B merges {args.reviews:,} answers: worker part", ms_prepare, None),
        ("B merges them: install on the owner thread", ms_install, None),
        (f"B merges {args.reviews:,} answers (whole)", ms_prepare + ms_install, 2000),
        ("floor: parse A's segments + one executemany of the rows into an empty log", floor, None),
    ]
    nothing = min(_ms(lambda: sync_round(b))[0] for _ in range(5))
    rows.append(("a round with nothing new (best of 5)", nothing, 20))
    _fill(a, 50, 50, T0 + timedelta(days=300))
    sync_round(a)
    ms_50, _ = _ms(lambda: sync_round(b))
    rows.append(("B merges 50 new answers", ms_50, 50))
    print("| round | ms | × floor | budget |\n|---|---:|---:|---:|")
    for what, ms, budget in rows:
        print(f"| {what} | {ms:.0f} | {ms / floor:.2f} | {'' if budget is None else f'≤ {budget}'} |")
    a.close()
    b.close()


if __name__ == "__main__":
    main()
