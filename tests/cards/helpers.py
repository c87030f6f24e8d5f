"""Rows for the query tests: two decks and hand-made progress (a fixed 'now')."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from study_builders import START, make_deck  # type: ignore[import-not-found]

from kquiz.cards import CardRow, build_rows
from kquiz.domain import CardKey, CardState, Deck, MemoryState, Progress

NOW = START
DAY_START = START.replace(hour=4)
KINDS = ("basic", "choice", "truefalse", "typed", "cloze")


def decks() -> tuple[Deck, ...]:
    alpha = make_deck("alpha", 10, kinds=KINDS, topics=("pharm", "risk"))
    return alpha, make_deck("beta", 4)


def key(deck: str, kind: str, i: int) -> CardKey:
    return CardKey(deck, f"{kind}-{i:05d}")


def review(days_since: float, interval: float, *, lapses: int = 0, reps: int = 3) -> MemoryState:
    last = NOW - timedelta(days=days_since)
    return MemoryState(
        state=CardState.REVIEW,
        stability=interval,
        difficulty=6.0,
        due=last + timedelta(days=interval),
        last_review=last,
        reps=reps,
        lapses=lapses,
    )


def progress() -> dict[CardKey, Progress]:
    rows = [
        Progress(key("alpha", "basic", 0), review(37, 40, lapses=4, reps=9), flagged=True),  # due in 3 d
        Progress(key("alpha", "choice", 1), review(30, 10, lapses=8, reps=12), suspended=True, leech=True),
        Progress(key("alpha", "truefalse", 2), review(1, 1)),  # due today
        Progress(
            key("alpha", "typed", 3),
            MemoryState(CardState.LEARNING, 0, 1.0, 5.0, NOW - timedelta(minutes=5), NOW, 1, 0),
        ),
        Progress(key("alpha", "cloze", 4), review(2, 5), buried_until=NOW + timedelta(hours=10)),
        Progress(key("beta", "basic", 1), review(3, 20, reps=1), changed=True, flagged=True),
        Progress(
            key("beta", "basic", 2),
            replace(review(0, 0.2, lapses=1), state=CardState.RELEARNING, step=0),
        ),
    ]
    return {p.key: p for p in rows}


def rows() -> list[CardRow]:
    return build_rows(decks(), progress(), now=NOW, day_start=DAY_START, retrievability=lambda m, now: 0.8)
