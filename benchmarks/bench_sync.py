"""Sync round times: nothing new, 50 new answers from another device, a first merge of 100,000.

    python3 benchmarks/bench_sync.py [--reviews 100000] [--cards 10000] [--rounds 3] [--dir PATH] [--json]

Device A's log is filled with ``--reviews`` scheduled answers spread over ``--cards`` cards (written
straight into the log, one transaction), then A and B sync through one folder. B's first merge runs as
the app runs it: the whole round (``prepare_round`` then ``install_round_result``) on a worker thread,
while this thread (the owner, the UI thread in the app) ticks every 5 ms: ``owner_thread_ms``
is the time the owner spent in the round's calls, ``owner_longest_wait_ms`` its longest wait for the
interpreter (the worker holding the GIL). Each run alternates with its floor, measured the same way
each time: reading and decoding A's segments (``kquiz.sync.segment.decode``: checksum, gunzip, JSON)
and one ``executemany`` of the review rows into a new store file with the log's table and all its
indexes, committed as the store commits (WAL, synchronous=FULL). Budgets (issue 19): nothing new
≤ 20 ms, 50 answers ≤ 50 ms, a first merge of 100,000 ≤ 2 s, none of it on the UI thread.
``--json`` prints one line (seconds, but ``*_ms``): first_merge, first_merge_floor, nothing_new,
fifty_new, owner_thread_ms, owner_longest_wait_ms, peak_rss_mib.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from perfutil import report

from kquiz.app import Core, open_core
from kquiz.app.sync import install_round_result, prepare_round, set_folder, sync_round
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, MemoryState, Progress, Rating, ReviewRecord, StudyMode
from kquiz.storage import opening
from kquiz.storage.journal import REVIEW_SYNC_COLUMNS
from kquiz.sync.segment import decode

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


def _floor(shared: Path, schema_from: Path, work: Path) -> float:
    """Seconds of what any first merge of A's answers costs (see the module docstring)."""
    began = time.perf_counter()
    rows: list[tuple[Any, ...]] = []
    for path in sorted(shared.rglob("*.kqs")):
        segment = decode(path.name, path.read_bytes())
        rows += [(*e["row"], path.parent.name) for e in segment.events if e["k"] == "review"]
    parsed = time.perf_counter()
    source = sqlite3.connect(schema_from)
    schema = source.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'review_log' AND type IN ('table', 'index')"
        " AND sql NOT NULL ORDER BY type DESC"
    ).fetchall()
    source.close()
    target = work / "floor.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    conn = opening.connect(target)
    opening.apply_pragmas(conn)
    for (sql,) in schema:
        conn.execute(sql)
    began_insert = time.perf_counter()
    columns = ", ".join(REVIEW_SYNC_COLUMNS)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(f"INSERT INTO review_log ({columns}, origin) VALUES ({', '.join('?' * 24)})", rows)
    conn.execute("COMMIT")
    done = time.perf_counter()
    conn.close()
    return (parsed - began) + (done - began_insert)


def _ms(fn: Callable[[], T]) -> tuple[float, T]:
    began = time.perf_counter()
    result = fn()
    return (time.perf_counter() - began) * 1000, result


def _first_merge(b: Core) -> dict[str, float]:
    """B's first merge on a worker thread, as the app runs it; this (owner) thread only waits."""
    times: dict[str, float] = {}
    failed: list[BaseException] = []

    def work() -> None:
        try:
            began = time.perf_counter()
            prepared = prepare_round(b)
            assert prepared is not None
            prepared_at = time.perf_counter()
            report = install_round_result(b, prepared)
            assert report.installed, report
            times.update(prepare=prepared_at - began, install=time.perf_counter() - prepared_at)
            times["whole"] = time.perf_counter() - began
        except BaseException as exc:
            failed.append(exc)

    worker = threading.Thread(target=work)
    owner_busy = time.perf_counter()
    worker.start()
    owner_busy = time.perf_counter() - owner_busy  # the owner's part of the round: starting it
    longest, last = 0.0, time.perf_counter()
    while worker.is_alive():
        time.sleep(0.005)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    worker.join()
    if failed:
        raise failed[0]
    return {**times, "owner": owner_busy, "owner_wait": longest}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="first merges, each beside its floor")
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "_work" / "sync")
    parser.add_argument("--json", action="store_true", help="one JSON line (for benchmarks/run.py)")
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    shared = args.dir / "Sync"
    shared.mkdir(parents=True)
    clock = FixedClock(T0 + timedelta(days=400))
    a = open_core(args.dir / "a", clock=clock, include_bundled=False)
    set_folder(a, shared)
    _fill(a, args.reviews, args.cards, T0)
    ms_a, _ = _ms(lambda: sync_round(a))
    merges: list[dict[str, float]] = []
    floors: list[float] = []
    b: Core | None = None
    for run in range(args.rounds):
        floors.append(_floor(shared, args.dir / "a" / "progress.sqlite3", args.dir))
        if b is not None:
            b.close()
        b = open_core(args.dir / f"b{run}", clock=clock, include_bundled=False)
        set_folder(b, shared)
        merges.append(_first_merge(b))
    assert b is not None
    whole = statistics.median(m["whole"] for m in merges)
    floor = statistics.median(floors)
    nothing = min(_ms(lambda: sync_round(b))[0] for _ in range(5))
    _fill(a, 50, 50, T0 + timedelta(days=300))
    sync_round(a)
    ms_50, _ = _ms(lambda: sync_round(b))
    owner_ms = max(m["owner"] for m in merges) * 1000
    owner_wait_ms = max(m["owner_wait"] for m in merges) * 1000
    a.close()
    b.close()
    if args.json:
        report(
            first_merge=whole,
            first_merge_floor=floor,
            nothing_new=nothing / 1000,
            fifty_new=ms_50 / 1000,
            owner_thread_ms=owner_ms,
            owner_longest_wait_ms=owner_wait_ms,
            reviews=args.reviews,
            runs=args.rounds,
        )
        return
    median_of = {k: statistics.median(m[k] for m in merges) * 1000 for k in ("prepare", "install")}
    rows = [
        (f"A sends its first {args.reviews:,} answers", ms_a, None),
        (f"B merges {args.reviews:,} answers: reading, merging, replay (worker)", median_of["prepare"], None),
        ("B merges them: the install (worker, one transaction)", median_of["install"], None),
        (f"B merges {args.reviews:,} answers (whole round, median of {args.rounds})", whole * 1000, 2000),
        ("floor: read + decode A's segments, one executemany into an indexed log", floor * 1000, None),
        ("the owner (UI) thread's part of that round", owner_ms, 0),
        ("the owner thread's longest wait for the GIL meanwhile", owner_wait_ms, None),
        ("a round with nothing new (best of 5)", nothing, 20),
        ("B merges 50 new answers", ms_50, 50),
    ]
    print("| round | ms | × floor | budget |\n|---|---:|---:|---:|")
    for what, ms, budget in rows:
        print(f"| {what} | {ms:.0f} | {ms / floor / 1000:.2f} | {'' if budget is None else f'≤ {budget}'} |")


if __name__ == "__main__":
    main()
