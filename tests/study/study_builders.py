"""Decks built in code for the study and app tests (no YAML involved)."""

from __future__ import annotations

from datetime import UTC, datetime

from kquiz.domain import (
    BasicCard,
    Card,
    Choice,
    ChoiceCard,
    Citation,
    ClozeCard,
    Deck,
    Source,
    Topic,
    TrueFalseCard,
    TypedCard,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_card(kind: str, i: int, topic: str = "pharm", tags: tuple[str, ...] = ()) -> Card:
    cid = f"{kind}-{i:05d}"
    common = dict(id=cid, topic=topic, tags=tags, citations=(Citation("src", "Mechanism"),), line=10 + i)
    if kind == "basic":
        return BasicCard(front=f"Front {i}", back=f"Back {i}", **common)
    if kind == "choice":
        choices = (Choice("NMDA", True), Choice("GABA-A"), Choice("mu-opioid"), Choice("5-HT3"))
        return ChoiceCard(prompt=f"Receptor {i}?", choices=choices, **common)
    if kind == "truefalse":
        return TrueFalseCard(statement=f"Statement {i}", answer=True, **common)
    if kind == "typed":
        return TypedCard(prompt=f"Name {i}?", answers=("ketamine", "Ketalar"), **common)
    if kind == "cloze":
        return ClozeCard(text=f"Ketamine blocks the {{{{c1::NMDA::receptor}}}} receptor ({i}).", **common)
    raise ValueError(kind)


def make_deck(
    deck_id: str = "deck",
    n: int = 10,
    kinds: tuple[str, ...] = ("basic",),
    topics: tuple[str, ...] = ("pharm",),
    path: str | None = None,
) -> Deck:
    cards = tuple(
        make_card(
            kinds[i % len(kinds)], i, topic=topics[i % len(topics)], tags=("even",) if i % 2 == 0 else ()
        )
        for i in range(n)
    )
    return Deck(
        id=deck_id,
        title=f"Deck {deck_id}",
        cards=cards,
        topics=tuple(Topic(t, t.title()) for t in topics),
        sources=(Source("src", "A source article", sections=("Mechanism",)),),
        path=path,
    )


def start_session(store, clock, decks, selection=None, mode="scheduled", settings=None, seed=7):  # type: ignore[no-untyped-def]
    """A StudySession on real parts (no fuzz unless the settings say so)."""
    import random

    from kquiz.domain import StudyMode
    from kquiz.scheduling import Scheduler, SchedulingSettings
    from kquiz.study.model import Selection
    from kquiz.study.session import StudySession
    from kquiz.study.settings import Settings

    settings = settings or Settings(scheduling=SchedulingSettings(fuzz=False))
    return StudySession(
        decks=list(decks),
        selection=selection or Selection(),
        mode=StudyMode(mode),
        store=store,
        scheduler=Scheduler(settings.scheduling, tz=clock.local_tz, rollover_hour=settings.rollover_hour),
        settings=settings,
        clock=clock,
        rng=random.Random(seed),
    )


def dump(store) -> tuple[list, list]:  # type: ignore[no-untyped-def]
    """Every stored progress and review-log row, for exact before/after comparisons."""
    conn = store.connection
    progress = conn.execute("SELECT * FROM progress ORDER BY deck_id, card_id").fetchall()
    log = conn.execute("SELECT * FROM review_log ORDER BY id").fetchall()
    return progress, log


def write_deck(deck, folder, name=None):  # type: ignore[no-untyped-def]
    """Write ``deck`` as a YAML deck file in ``folder`` (through the deck format's own serialiser)."""
    from pathlib import Path

    import yaml

    from kquiz.decks import deck_to_dict

    data = {k: v for k, v in deck_to_dict(deck).items() if k not in ("lines", "path", "content_hash")}
    path = Path(folder) / (name or f"{deck.id}.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def flip_and_rate(session, n, rating=None):  # type: ignore[no-untyped-def]
    """Reveal and rate the next ``n`` cards (Good unless told); returns their keys in order."""
    from kquiz.domain import Rating

    keys = []
    for _ in range(n):
        keys.append(session.current.key)
        session.reveal()
        session.rate(rating or Rating.GOOD)
    return keys
