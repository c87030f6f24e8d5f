"""The card browser through the front door: find cards, read one card's history, act on a selection.

Threading (see kquiz/app/core.py): ``open_cards(core)`` is quick and reads only the core's library
and settings (call it on the thread that owns the core); ``CardsRequest.load()`` and
``CardIndex.search()`` read the progress file through a read-only connection of their own, so they
may run on a worker. ``act`` and ``undo_change`` write the store: the owner thread only.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.cards import (
    ACTIONS,
    COLUMN_NAMES,
    COLUMNS,
    CardRow,
    Change,
    Column,
    QueryError,
    build_rows,
    compile_query,
    day_terms,
    parse,
    parse_days,
    plan,
    row_dict,
    sort_order,
    sort_rows,
)
from kquiz.cards import apply as apply_change
from kquiz.cards import undo as undo_rows
from kquiz.cards.renames import former_keys, plan_renames
from kquiz.domain import CardKey, Deck, MemoryState, Progress, ReviewRecord, StudyMode
from kquiz.errors import InteropError, KQuizError
from kquiz.scheduling import Scheduler
from kquiz.storage import ProgressStore
from kquiz.storage.card_queries import answered_since, card_progress, card_reviews
from kquiz.storage.stats_queries import open_reader, progress_map
from kquiz.study.model import ShownCard
from kquiz.study.planning import study_day_bounds
from kquiz.study.render import shown_card

if TYPE_CHECKING:
    from kquiz.app.core import Core

_log = logging.getLogger("kquiz.cards")

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "COLUMN_NAMES",
    "CardDetails",
    "CardIndex",
    "CardRow",
    "CardsRequest",
    "Change",
    "Column",
    "HistoryEntry",
    "QueryError",
    "act",
    "apply_renames",
    "card_details",
    "check_query",
    "export_cards",
    "find_cards",
    "open_cards",
    "rename_suggestions",
    "row_dict",
    "sort_order",
    "sort_rows",
    "undo_change",
]


def check_query(text: str) -> None:
    """Raise QueryError if ``text`` is not a valid query (quick: no data is read)."""
    parse(text)


@dataclass(frozen=True)
class CardIndex:
    """Every card's row at one moment, searchable (``search`` reads the review log for added:/answered:)."""

    rows: tuple[CardRow, ...]
    store_path: Path
    day_start: datetime

    def search(self, text: str, sort: str | None = None, descending: bool = False) -> list[CardRow]:
        """The rows matching ``text``, in deck file order or sorted by the column ``sort``."""
        tree = parse(text)
        sets: dict[tuple[str, int], frozenset[CardKey]] = {}
        terms = day_terms(tree)
        if terms:
            conn = open_reader(self.store_path)
            try:
                for kind, days in terms:
                    since = self.day_start - timedelta(days=days - 1)
                    sets[(kind, days)] = frozenset(answered_since(conn, since, first_only=kind == "added"))
            finally:
                conn.close()
        match = compile_query(tree, sets)
        rows = list(filter(match, self.rows))
        return sort_rows(rows, sort, descending=descending) if sort else rows


@dataclass(frozen=True)
class CardsRequest:
    store_path: Path
    decks: tuple[Deck, ...]
    now: datetime
    day_start: datetime
    retrievability: Callable[[MemoryState, datetime], float] = field(repr=False)

    def load(self) -> CardIndex:
        """Read the progress (own read-only connection: fine on a worker) and build every row."""
        conn = open_reader(self.store_path)
        try:
            progress = progress_map(conn, [d.id for d in self.decks])
        finally:
            conn.close()
        rows = build_rows(
            self.decks, progress, now=self.now, day_start=self.day_start, retrievability=self.retrievability
        )
        return CardIndex(tuple(rows), self.store_path, self.day_start)

    def load_first(self, limit: int) -> tuple[CardIndex, bool]:
        """The rows of the first ``limit`` cards in deck file order (a browser shows them while ``load``
        builds the rest), and whether that is every card. Reads only those decks' progress: quick."""
        decks: list[Deck] = []
        count = 0
        for deck in self.decks:
            if count >= limit:
                break
            take = deck.cards[: limit - count]
            count += len(take)
            decks.append(deck if len(take) == len(deck.cards) else replace(deck, cards=tuple(take)))
        complete = len(decks) == len(self.decks) and all(
            d is full for d, full in zip(decks, self.decks, strict=False)
        )
        if complete:
            return self.load(), True
        conn = open_reader(self.store_path)
        try:
            progress = progress_map(conn, [d.id for d in decks])
        finally:
            conn.close()
        rows = build_rows(
            decks, progress, now=self.now, day_start=self.day_start, retrievability=self.retrievability
        )
        return CardIndex(tuple(rows), self.store_path, self.day_start), False


def open_cards(core: Core) -> CardsRequest:
    """What a card index needs from the core (library, settings, time): quick."""
    settings = core.settings()
    now = core.clock.now()
    start, _end = study_day_bounds(now, core.clock, settings.rollover_hour)
    return CardsRequest(
        store_path=Path(core.store.path),
        decks=tuple(core.library.decks),
        now=now,
        day_start=start,
        retrievability=Scheduler(settings.scheduling).retrievability,
    )


def find_cards(
    core: Core, query: str = "", *, sort: str | None = None, descending: bool = False
) -> list[CardRow]:
    """The cards matching ``query`` (QueryError if it is malformed), optionally sorted by a column."""
    parse(query)  # a bad query fails before any reading
    return open_cards(core).load().search(query, sort, descending)


# ---- one card -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One answer as the browser's history lists it."""

    when: datetime
    mode: str  # scheduled / practice
    rating: int
    duration_ms: int
    interval_days: float | None  # after the answer
    stability_days: float | None  # after the answer
    state_before: str
    state_after: str


@dataclass(frozen=True)
class CardDetails:
    shown: ShownCard  # drawn as the study screen draws it
    history: tuple[HistoryEntry, ...]
    deck_path: str | None
    line: int


def _entry(r: ReviewRecord) -> HistoryEntry:
    a = r.after
    interval = None
    if a.due is not None and a.last_review is not None and r.mode == StudyMode.SCHEDULED:
        interval = (a.due - a.last_review).total_seconds() / 86400
    return HistoryEntry(
        when=r.reviewed_at,
        mode=str(r.mode),
        rating=int(r.rating),
        duration_ms=r.duration_ms,
        interval_days=interval,
        stability_days=a.stability if r.mode == StudyMode.SCHEDULED else None,
        state_before=r.before.state.name.lower(),
        state_after=a.state.name.lower(),
    )


def card_details(core: Core, key: CardKey) -> CardDetails:
    """The card rendered for study (question, answer, source, note) and its whole answer history.
    Reads through its own connection (one indexed query): fine on any thread."""
    deck = core.deck(key.deck_id)
    card = deck.card(key.card_id)
    if card is None:
        raise KQuizError(f"The card {key} is no longer in its deck.")
    choices = getattr(card, "choices", ())
    conn = open_reader(Path(core.store.path))
    try:
        reviews = card_reviews(conn, key)
        progress = card_progress(conn, key)
    finally:
        conn.close()
    shown = shown_card(deck, card, progress, list(range(len(choices))))
    return CardDetails(shown, tuple(_entry(r) for r in reviews), deck.path, card.line)


# ---- actions --------------------------------------------------------------------------------------
def act(
    core: Core,
    action: str,
    keys: Iterable[CardKey],
    *,
    days: str | None = None,
    dry_run: bool = False,
    rng: random.Random | None = None,
) -> Change:
    """Apply a bulk action (suspend, unsuspend, unbury, flag, unflag, reset, due) to ``keys`` in one
    transaction; ``days`` ("7" or "3-7") for ``due``. ``dry_run`` plans without writing. Owner only."""
    keys = list(keys)
    span = parse_days(days or "") if action == "due" else (0, 0)
    settings = core.settings()
    now = core.clock.now()
    start, _end = study_day_bounds(now, core.clock, settings.rollover_hour)
    stored = core.store.all_progress(sorted({k.deck_id for k in keys}))
    change = plan(action, keys, stored, now=now, day_start=start, days=span, rng=rng or random.Random())
    return change if dry_run else apply_change(core.store, change)


def undo_change(core: Core, change: Change) -> int:
    """Undo ``change`` (one transaction); cards answered or changed since are left alone. Owner only."""
    return undo_rows(core.store, change)


# ---- export -----------------------------------------------------------------------------------------
def export_cards(core: Core, keys: Sequence[CardKey], out: Path) -> str:
    """Write the chosen cards to ``out``: a kquiz deck (``.yaml``, cards of one deck, its topics and
    sources kept) or an Anki package (``.apkg``, any decks). Returns what was written, in words."""
    from dataclasses import replace

    out = Path(out)
    wanted = set(keys)
    decks = []
    for deck in core.library.decks:
        cards = tuple(c for c in deck.cards if CardKey(deck.id, c.id) in wanted)
        if cards:
            decks.append(replace(deck, cards=cards))
    if not decks:
        raise InteropError("No card to export: select some cards first.")
    n = sum(len(d.cards) for d in decks)
    what = f"{n} card{'s' if n != 1 else ''}"
    suffix = out.suffix.lower()
    if suffix == ".apkg":
        from kquiz.interop.anki_export import export_apkg

        export_apkg(decks, out)
        return f"Exported {what} to {out} (Anki package)."
    if suffix not in (".yaml", ".yml"):
        raise InteropError(f"Export to a .yaml deck or an .apkg package, not '{out.name}'.")
    if len(decks) > 1:
        raise InteropError("A .yaml deck holds cards of one deck: select cards of one deck, or use .apkg.")
    import yaml

    from kquiz.decks import deck_to_dict

    data = {k: v for k, v in deck_to_dict(decks[0]).items() if k not in ("lines", "path", "content_hash")}
    try:
        out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    except OSError as exc:
        raise InteropError(f"Could not write {out}: {exc.strerror or exc}") from exc
    return f"Exported {what} to {out} (a kquiz deck)."


# ---- renamed cards ------------------------------------------------------------------------------------
def apply_renames(
    store: ProgressStore, decks: Sequence[Deck], progress: Mapping[CardKey, Progress]
) -> list[str]:
    """Move the progress and answers of renamed cards (``was:`` ids) to their new ids, in one
    transaction; returns what was moved or refused, in words (each also logged). Owner only."""
    formers = former_keys(decks)
    if not formers:
        return []
    reviewed = store.reviewed_keys([old for old in formers if old not in progress])
    plan = plan_renames(formers, progress, reviewed)
    if plan.moves:
        store.move_cards(plan.moves)
    for old, new in plan.moves:
        _log.info("renamed card: moved %s to %s", old, new)
    for message in plan.refused:
        _log.warning("%s", message)
    return plan.messages


def rename_suggestions(core: Core, orphans: Iterable[Progress]) -> dict[CardKey, CardKey]:
    """orphan -> a card of the same deck with no progress whose question and answer are the orphan's
    (same content hash): most likely the card, renamed. Add ``was: [old-id]`` to it to keep the history."""
    from kquiz.decks import card_content_hash

    stored = core.store.all_progress(core.library.deck_ids)
    by_hash: dict[tuple[str, str], CardKey] = {}
    for deck in core.library.decks:
        for card in deck.cards:
            key = CardKey(deck.id, card.id)
            if key not in stored:
                by_hash.setdefault((deck.id, card_content_hash(card)), key)
    out = {}
    for orphan in orphans:
        match = by_hash.get((orphan.key.deck_id, orphan.content_hash)) if orphan.content_hash else None
        if match is not None:
            out[orphan.key] = match
    return out
