"""A real core (YAML decks on disk, SQLite store, FSRS) with a history studied through real sessions."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from kquiz.app import Selection, open_core
from kquiz.clock import FixedClock
from kquiz.domain import Rating, StudyMode

from .helpers import NOW


def write_deck(folder: Path, deck_id: str, title: str, topics: dict[str, str], cards_per_topic: int) -> Path:
    lines = [
        "kquiz: 1",
        f"id: {deck_id}",
        f'title: "{title}"',
        "topics:",
        *(f"  - {{id: {t}, title: {name}}}" for t, name in topics.items()),
        "sources:",
        '  - {id: src, title: "A source article", sections: [Body]}',
        "cards:",
    ]
    for t in topics:
        for i in range(cards_per_topic):
            lines += [
                f"  - id: {t}-{i:03d}",
                "    type: basic",
                f"    topic: {t}",
                f'    front: "Question {i} about {t} in {deck_id}?"',
                f'    back: "Answer {i}."',
                "    source: {id: src, section: Body}",
            ]
    path = folder / f"{deck_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def deck_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    write_deck(folder, "pharm", "Pharmacology", {"mechanisms": "Mechanisms", "risks": "Risks"}, 6)
    write_deck(folder, "clinic", "Clinical use", {"indications": "Indications"}, 5)
    return folder


def study_days(core, clock: FixedClock, days: int, seed: int = 3) -> None:
    """Study every due card each day (ratings drawn from a seeded rng), plus a little practice."""
    rng = random.Random(seed)
    for _ in range(days):
        session = core.start_session(Selection())
        while session.current is not None:
            clock.advance(seconds=7)
            session.reveal()
            session.rate(rng.choice([Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD, Rating.EASY]))
        practice = core.start_session(Selection(deck_ids=("pharm",)), StudyMode.PRACTICE)
        for _ in range(3):
            if practice.current is None:
                break
            clock.advance(seconds=5)
            practice.reveal()
            practice.rate(rng.choice([Rating.AGAIN, Rating.GOOD]))
        clock.advance(days=1)


@pytest.fixture
def studied(data_dir: Path, deck_folder: Path):
    """(core, clock): 40 days of study ending on the day before NOW; the clock then set to NOW."""
    clock = FixedClock(NOW - timedelta(days=40))
    core = open_core(data_dir, clock=clock, seed=1, extra_deck_dirs=[deck_folder], include_bundled=False)
    core.load_library()
    study_days(core, clock, 40)
    clock.set(NOW)
    yield core, clock
    core.close()
