"""Random histories on two or three devices (hypothesis): answers, undos, marks and resets at random
times, sync rounds at random points in between. After a final exchange every device has the same
review log, the same progress for every card and the same statistics (``kquiz stats --json``).
KQUIZ_SYNC_EXAMPLES=300 runs a longer search (about 5 minutes)."""

from __future__ import annotations

import os
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from devices import Device
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from study_builders import make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.app import Selection
from kquiz.app.stats import compute_report
from kquiz.domain import CardKey, MemoryState, Rating

CARDS = 6
KINDS = ["answer", "answer", "answer", "undo", "suspend", "unsuspend", "flag", "reset", "sync", "sync"]
STEPS = st.lists(
    st.tuples(
        st.integers(0, 2),  # which device
        st.sampled_from(KINDS),
        st.integers(0, CARDS - 1),  # which card (marks, resets)
        st.sampled_from(list(Rating)),
        st.sampled_from([1, 7, 90, 600, 1440, 4 * 1440]),  # minutes the device's clock moves on first
    ),
    min_size=1,
    max_size=30,
)


class Walker:
    """A device and the study session open on it (an undo undoes that session's last answer; a sync
    round ends it first, as the app never installs a round under a session)."""

    def __init__(self, device: Device):
        self.device = device
        self.session: Any = None

    def step(self, kind: str, key: CardKey, rating: Rating) -> None:
        core = self.device.core
        if kind == "answer":
            if self.session is None:
                self.session = core.start_session(Selection(deck_ids=("alpha",)))
            if self.session.current is not None:
                self.session.reveal()
                self.session.rate(rating)
        elif kind == "undo":
            if self.session is not None and self.session.can_undo:
                self.session.undo()
        elif kind == "sync":
            self.session = None
            self.device.sync()
        else:
            self.session = None  # the browser's marks and resets: after the session
            if kind == "reset":
                core.reset_progress([key])
            else:
                core.mark_cards([key], **{"flagged" if kind == "flag" else "suspended": kind != "unsuspend"})


def _progress(device: Device) -> dict[CardKey, tuple[Any, ...]]:
    """Progress rows but those of a new card with no mark (a row the same as none: a card suspended
    and unsuspended between two rounds keeps one)."""
    return {k: p for k, p in device.progress().items() if p != (MemoryState(), False, False, False, None)}


def _stats(device: Device) -> dict[str, Any]:
    report: dict[str, Any] = compute_report(device.core).to_dict()
    return report


@settings(
    max_examples=int(os.environ.get("KQUIZ_SYNC_EXAMPLES", "15")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps=STEPS, count=st.integers(2, 3))
def test_random_histories_end_alike_on_every_device(steps: list[tuple[Any, ...]], count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_deck(make_deck("alpha", CARDS), root / "decks")
        (root / "Sync").mkdir()
        devices = [Device(root / f"d{i}", root / "decks", root / "Sync") for i in range(count)]
        try:
            walkers = [Walker(d) for d in devices]
            keys = [CardKey("alpha", c.id) for c in devices[0].core.deck("alpha").cards]
            for who, kind, card, rating, minutes in steps:
                walker = walkers[who % count]
                walker.device.clock.advance(minutes=minutes)
                walker.step(kind, keys[card], rating)
            for _ in range(2):  # the final exchange
                for device in devices:
                    device.sync()
            assert all(device.sync().sent == 0 for device in devices)  # nothing left to tell
            latest = max(device.clock.now() for device in devices) + timedelta(days=1)
            for device in devices:
                device.clock.set(latest)
            first = devices[0]
            for other in devices[1:]:
                assert other.log() == first.log()
                assert _progress(other) == _progress(first)
                assert _stats(other) == _stats(first)
        finally:
            for device in devices:
                device.close()
