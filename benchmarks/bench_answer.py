"""Time to answer a card in the core, as a ratio to a bare SQLite insert+commit in the same run.

    python3 benchmarks/bench_answer.py [--n 300] [--rounds 3] [--dir PATH]

One "answer" = grade the learner's answer (typed / choice / true-false / flip), the durable commit
(``record_review``: log row + progress upsert in one WAL + synchronous=FULL transaction), and the
next card chosen and rendered — everything between the learner's key press and the next card being
ready to draw, on a synthetic 10,000-card deck through ``kquiz.app.Core``.

Scenarios: new cards (progress rows appear as you go) and reviews (all 10,000 cards have progress
and are due; the queue orders them by retrievability). Baseline: a plain ``sqlite3`` connection with
the same pragmas inserting one small row and committing. Rounds alternate baseline and scenarios so
drift in disk speed hits both. Files live under benchmarks/_work/ (the repo's disk, not tmpfs).
Prints a markdown table of medians.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kquiz.app import Phase, Selection, Settings, open_core
from kquiz.app.library import Library
from kquiz.clock import FixedClock
from kquiz.decks import card_content_hash
from kquiz.domain import (
    BasicCard,
    CardKey,
    CardState,
    CardType,
    Choice,
    ChoiceCard,
    ClozeCard,
    Deck,
    MemoryState,
    Progress,
    Topic,
    TrueFalseCard,
    TypedCard,
)

T0 = datetime(2026, 3, 2, 9, tzinfo=UTC)
CARDS = 10_000


def synthetic_deck(n: int = CARDS) -> Deck:
    cards = []
    for i in range(n):
        common = dict(id=f"c{i:05d}", topic=f"t{i % 8}", explanation="Because.", line=i + 1)
        kind = i % 5
        if kind == 0:
            cards.append(TypedCard(prompt=f"Name {i}?", answers=("ketamine", "Ketalar"), **common))
        elif kind == 1:
            choices = (Choice("NMDA", True), Choice("GABA-A"), Choice("mu-opioid"), Choice("5-HT3"))
            cards.append(ChoiceCard(prompt=f"Receptor {i}?", choices=choices, **common))
        elif kind == 2:
            cards.append(TrueFalseCard(statement=f"Statement {i}", answer=True, **common))
        elif kind == 3:
            cards.append(ClozeCard(text=f"Ketamine blocks {{{{c1::NMDA}}}} receptors ({i}).", **common))
        else:
            cards.append(BasicCard(front=f"Front {i}", back=f"Back {i}", **common))
    topics = tuple(Topic(f"t{i}", f"Topic {i}") for i in range(8))
    return Deck(id="bench", title="Synthetic", cards=tuple(cards), topics=topics)


def answer(session) -> None:  # type: ignore[no-untyped-def]
    shown = session.current
    if shown.kind == CardType.TYPED:
        session.submit_text("ketamin")
    elif shown.kind == CardType.CHOICE:
        session.submit_choice([shown.choices.index("NMDA")])
    elif shown.kind == CardType.TRUEFALSE:
        session.submit_truefalse(True)
    elif shown.kind == CardType.CLOZE:
        session.submit_text("nmda")
    else:
        session.reveal()
    session.rate(3)


def bare(folder: Path, n: int) -> list[float]:
    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at INTEGER, v TEXT)")
    times = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (at, v) VALUES (?, ?)", (i, "card"))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def seed_reviews(core, deck: Deck) -> None:  # type: ignore[no-untyped-def]
    """Give every card Review progress, due now, with varied stability (so retrievability varies)."""
    rng = random.Random(5)
    for card in deck.cards:
        stability = rng.uniform(1, 60)
        last = T0 - timedelta(days=stability * rng.uniform(1.0, 2.0))
        memory = MemoryState(
            CardState.REVIEW, None, stability, rng.uniform(3, 8), T0 - timedelta(hours=1), last, 4, 0
        )
        core.store.save_progress(Progress(CardKey(deck.id, card.id), memory, card_content_hash(card)))


def scenario(folder: Path, deck: Deck, n: int, reviews: bool) -> tuple[list[float], float, float]:
    """Per-answer times, the session start time (queue over 10,000 cards), deck + topic counts time."""
    clock = FixedClock(T0)
    with open_core(folder, clock=clock, seed=1, include_bundled=False) as core:
        core.save_settings(Settings(new_per_day=9999, reviews_per_day=99999))
        core.install_library(Library((deck,)))
        if reviews:
            seed_reviews(core, deck)
        start = time.perf_counter()
        core.counts(deck.id)
        core.topic_counts(deck.id)
        counted = time.perf_counter() - start
        start = time.perf_counter()
        session = core.start_session(Selection())
        started = time.perf_counter() - start
        times = []
        for _ in range(n):
            clock.advance(seconds=6)
            start = time.perf_counter()
            answer(session)
            assert session.phase == Phase.QUESTION and session.current is not None
            times.append(time.perf_counter() - start)
    return times, started, counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="answers per round and scenario")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(__file__).resolve().parent / "_work" / "answer")
    args = parser.parse_args()
    deck = synthetic_deck()
    base: list[float] = []
    runs: dict[str, list[float]] = {"answer a new card": [], "answer a due review": []}
    starts: dict[str, list[float]] = {"answer a new card": [], "answer a due review": []}
    counts: dict[str, list[float]] = {"answer a new card": [], "answer a due review": []}
    for round_no in range(args.rounds):
        folder = args.dir / f"round{round_no}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        base += bare(folder, args.n)
        for name, reviews in (("answer a new card", False), ("answer a due review", True)):
            sub = folder / name.replace(" ", "-")
            times, started, counted = scenario(sub, deck, args.n, reviews)
            runs[name] += times
            starts[name].append(started)
            counts[name].append(counted)
        base += bare(folder, args.n)
        shutil.rmtree(folder, ignore_errors=True)
    baseline = statistics.median(base)
    print(f"Answering a card on a {CARDS:,}-card deck (median of {args.n * args.rounds} answers per row)\n")
    print("| operation | median | ratio to bare insert+commit |")
    print("|---|---:|---:|")
    print(f"| bare SQLite insert+commit (WAL, synchronous=FULL) | {baseline * 1000:.3f} ms | 1.0 |")
    for name, times in runs.items():
        median = statistics.median(times)
        print(
            f"| {name}: grade + durable commit + next card | {median * 1000:.3f} ms | {median / baseline:.1f} |"
        )
    for name, values in starts.items():
        median = statistics.median(values)
        label = "start a session (new cards)" if "new" in name else "start a session (10,000 due reviews)"
        print(f"| {label} | {median * 1000:.1f} ms | {median / baseline:.0f} |")
    for name, values in counts.items():
        median = statistics.median(values)
        label = (
            "deck + per-topic counts (no progress)"
            if "new" in name
            else "deck + per-topic counts (10,000 due)"
        )
        print(f"| {label} | {median * 1000:.1f} ms | {median / baseline:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
