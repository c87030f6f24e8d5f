"""Tests and worksheets (kquiz.quiz) wired to the library, the study grading and the review log.

``start_test`` reads only (any thread); ``record_test`` writes the answers to the log, so it runs on
the core's owner thread (checked in debug, see kquiz/app/core.py). Test answers are logged as
``StudyMode.TEST`` with ``before == after``: they never change a schedule, never count in retention
or the review statistics, and have their own scores over time (``score_history``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.domain import Card, CardKey, Deck, MemoryState, Rating, ReviewRecord, StudyMode
from kquiz.errors import DeckError, KQuizError
from kquiz.quiz import (
    ALL_KINDS,
    DEFAULT_QUESTIONS,
    AnswersMode,
    Question,
    QuestionKind,
    Response,
    Test,
    TestResult,
    TestScorePoint,
    TestSpec,
    Worksheet,
    build_test,
    make_worksheet,
    score,
    scores_over_time,
    to_html,
)
from kquiz.study.grading import grade_typed
from kquiz.study.model import Selection

if TYPE_CHECKING:
    from kquiz.app.core import Core

__all__ = [
    "ALL_KINDS",
    "DEFAULT_QUESTIONS",
    "AnswersMode",
    "Question",
    "QuestionKind",
    "Test",
    "TestResult",
    "TestScorePoint",
    "Worksheet",
    "new_seed",
    "record_test",
    "score_history",
    "start_test",
    "to_html",
    "worksheet_from_files",
]


def new_seed() -> int:
    """A fresh seed, short enough to read out to a class."""
    return random.SystemRandom().randrange(1000, 1_000_000)


def typed_ok(accepted: Sequence[str], given: str) -> bool:
    """The study screen's rules for a typed answer (accents, case, punctuation, one small typo)."""
    return grade_typed(list(accepted), given).correct


def _in_scope(deck: Deck, selection: Selection) -> list[Card]:
    keys = {k.card_id for k in selection.keys if k.deck_id == deck.id}
    return [
        c
        for c in deck.cards
        if (selection.topic is None or c.topic == selection.topic)
        and (selection.tag is None or selection.tag in c.tags)
        and (not selection.keys or c.id in keys)
    ]


def _title(decks: Sequence[Deck], selection: Selection) -> str:
    if len(decks) != 1:
        return f"Test — {len(decks)} decks" if decks else "Test"
    deck = decks[0]
    if selection.topic is not None:
        topic = deck.topic(selection.topic)
        return f"{deck.title} — {topic.title if topic else selection.topic}"
    return f"{deck.title} — #{selection.tag}" if selection.tag else deck.title


def draw_from_decks(
    decks: Sequence[Deck],
    selection: Selection | None = None,
    *,
    count: int = DEFAULT_QUESTIONS,
    kinds: Iterable[QuestionKind] = ALL_KINDS,
    seed: int | None = None,
    title: str | None = None,
) -> Test:
    selection = selection or Selection()
    wanted = [d for d in decks if not selection.deck_ids or d.id in selection.deck_ids]
    if selection.keys:
        wanted = [d for d in wanted if any(k.deck_id == d.id for k in selection.keys)]
    scope = [(d, _in_scope(d, selection)) for d in wanted]
    spec = TestSpec(
        count=max(1, int(count)),
        kinds=frozenset(QuestionKind(k) for k in kinds),
        seed=new_seed() if seed is None else int(seed),
        title=title or _title(wanted, selection),
    )
    if not spec.kinds:
        raise KQuizError("Pick at least one kind of question.")
    test = build_test([(d, cards) for d, cards in scope if cards], spec, all_decks=decks)
    if not test.questions:
        raise KQuizError("No card in this selection can be asked as the kinds of question chosen.")
    return test


def start_test(
    core: Core,
    selection: Selection,
    *,
    count: int = DEFAULT_QUESTIONS,
    kinds: Iterable[QuestionKind] = ALL_KINDS,
    seed: int | None = None,
) -> Test:
    """A test drawn from the loaded decks in ``selection`` (reads only: any thread)."""
    return draw_from_decks(core.library.decks, selection, count=count, kinds=kinds, seed=seed)


def record_test(
    core: Core,
    test: Test,
    responses: Mapping[int, Response],
    *,
    durations_ms: Mapping[int, int] | None = None,
) -> TestResult:
    """Score a submitted test and log its answers (one transaction; owner thread only)."""
    if core._check_threads:
        core._check_thread("record_test")
    now = core.clock.now()
    result = score(test, responses, typed_ok=typed_ok, durations_ms=durations_ms, submitted_at=now)
    stored = core.store.all_progress(sorted({q.key.deck_id for q in test.questions}))
    records = []
    for r in result.results:
        progress = stored.get(r.question.key)
        memory = progress.memory if progress is not None else MemoryState()
        rating = Rating.GOOD if r.correct else Rating.AGAIN
        records.append(
            ReviewRecord(r.question.key, now, rating, StudyMode.TEST, r.duration_ms, memory, memory)
        )
    core.store.record_reviews(records)
    return result


def score_history(core: Core, deck_id: str | None = None) -> list[TestScorePoint]:
    """Every submitted test (of one deck, or all), oldest first, with per-topic scores."""
    topics: dict[CardKey, tuple[str, str]] = {}
    for deck in core.library.decks:
        if deck_id is None or deck.id == deck_id:
            titles = {t.id: t.title for t in deck.topics}
            for card in deck.cards:
                topics[CardKey(deck.id, card.id)] = (card.topic, titles.get(card.topic, card.topic))
    records = core.store.iter_reviews(mode=StudyMode.TEST, deck_ids=None if deck_id is None else [deck_id])
    return scores_over_time(records, topics.get)


def worksheet_from_files(
    paths: Sequence[Path],
    *,
    count: int = DEFAULT_QUESTIONS,
    seed: int | None = None,
    topic: str | None = None,
    answers: AnswersMode = AnswersMode.SEPARATE,
    title: str | None = None,
) -> Worksheet:
    """A worksheet from deck files (no progress store needed): what ``kquiz print`` prints."""
    from kquiz.decks import find_deck_files, load_deck

    files = find_deck_files(paths)
    if not files:
        raise KQuizError("No deck files (*.yaml, *.yml) found in " + ", ".join(map(str, paths)))
    decks: list[Deck] = []
    for file in files:
        try:
            decks.append(load_deck(file))
        except DeckError as exc:
            raise KQuizError(f"{file} has problems; run 'kquiz validate {file}' to see them.") from exc
    if topic is not None and not any(
        deck.topic(topic) or any(c.topic == topic for c in deck.cards) for deck in decks
    ):
        raise KQuizError(f"No deck has a topic '{topic}'.")
    test = draw_from_decks(decks, Selection(topic=topic), count=count, seed=seed, title=title)
    return worksheet_for(test, answers)


def worksheet_for(test: Test, answers: AnswersMode = AnswersMode.SEPARATE) -> Worksheet:
    return make_worksheet(test, AnswersMode(answers))
