"""One simulated computer: a data folder with its own clock, studying the same decks."""

from __future__ import annotations

import zlib
from datetime import timedelta
from pathlib import Path
from typing import Any

from study_builders import START, flip_and_rate  # type: ignore[import-not-found]

from kquiz.app import Selection, open_core
from kquiz.app.sync import SyncReport, set_folder, status, sync_round
from kquiz.clock import FixedClock
from kquiz.domain import CardKey, Rating


class Device:
    def __init__(
        self,
        data: Path,
        decks: Path,
        shared: Path,
        *,
        offset: timedelta = timedelta(0),
        seed: int | None = None,
    ):
        """``seed`` (by default one per data folder name) gives the random bits of the answers' uids too:
        two devices answering at one fixed time need different ones, and so does a data folder opened
        again at the same fixed time, or answers would share uids."""
        seed = zlib.crc32(data.name.encode()) if seed is None else seed
        self.clock = FixedClock(START + offset)
        self.core = open_core(
            data, clock=self.clock, seed=seed, extra_deck_dirs=[decks], include_bundled=False
        )
        self.core.load_library()
        set_folder(self.core, shared)

    def close(self) -> None:
        self.core.close()

    def sync(self) -> SyncReport:
        report = sync_round(self.core)
        assert report is not None and report.installed
        return report

    def answer(self, n: int, rating: Rating = Rating.GOOD) -> list[CardKey]:
        session = self.core.start_session(Selection(deck_ids=("alpha",)))
        keys = list(flip_and_rate(session, n, rating))
        return keys

    def answer_card(self, key: CardKey, rating: Rating = Rating.GOOD) -> None:
        """Answer one given card (a session on its own), as the study screen would."""
        session = self.core.start_session(Selection(deck_ids=(key.deck_id,)))
        while session.current is not None and session.current.key != key:
            session.skip() if hasattr(session, "skip") else session.bury()
        assert session.current is not None, key
        session.reveal()
        session.rate(rating)

    @property
    def device(self) -> str | None:
        return status(self.core).device

    def log(self) -> list[tuple[Any, ...]]:
        rows = self.core.store.connection.execute(
            "SELECT uid, reviewed_at_us, deck_id, card_id, rating, mode FROM review_log ORDER BY uid"
        ).fetchall()
        return [tuple(r) for r in rows]

    def progress(self) -> dict[CardKey, tuple[Any, ...]]:
        """Every card's memory state and marks (not content_hash/changed: those follow local decks)."""
        return {
            k: (p.memory, p.suspended, p.flagged, p.leech, p.buried_until)
            for k, p in self.core.store.all_progress().items()
        }
