"""The study session: a state machine the UI only draws.

``QUESTION`` --reveal / submit_*--> ``ANSWER`` --rate--> next card (``QUESTION``) or ``FINISHED``.
Anything else raises SessionError. ``rate`` writes the review durably (one SQLite transaction)
before the next card is chosen. ``undo`` walks back through the session's answers, suspends and
buries, restoring the stored rows exactly (except a flag set since, which stays) and putting the card
back in front.

Scheduled mode changes the schedule; practice mode logs answers with ``mode=PRACTICE`` and leaves
every card's progress untouched. Time comes from the clock, randomness (choice order, practice
order) from the session's seeded ``random.Random``.

One instant per answer: the moment the answer is shown (``reveal`` or a ``submit_*``) is the moment
it is scheduled and logged at, so the intervals ``previews`` puts on the rating buttons are exactly
what ``rate`` saves, even when the study day rolls over before the learner rates (the review's
duration still runs to the rating).

Changed cards: when a card is rated its stored content hash is brought up to date and its
``changed`` mark cleared (the learner has now studied the new text).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from kquiz.clock import Clock
from kquiz.decks import card_content_hash
from kquiz.domain import (
    Card,
    CardKey,
    CardState,
    CardType,
    ChoiceCard,
    Deck,
    MemoryState,
    Progress,
    Rating,
    StudyMode,
    TrueFalseCard,
)
from kquiz.errors import SessionError
from kquiz.scheduling import Scheduler, format_interval
from kquiz.study import answering, grading, planning, render, siblings
from kquiz.study import queue as q
from kquiz.study.model import Counts, Notice, Phase, Selection, SessionSummary, ShownCard
from kquiz.study.outside import OutsideChanges
from kquiz.study.ports import ProgressStoreLike
from kquiz.study.reload import Reloading
from kquiz.study.settings import Settings
from kquiz.study.undo import Undoing, UndoStep, short

_GRADED = (CardType.CHOICE, CardType.TRUEFALSE, CardType.TYPED)
PRACTICE_LABELS = {Rating.AGAIN: "again", Rating.HARD: "done", Rating.GOOD: "done", Rating.EASY: "done"}


class StudySession(Undoing, OutsideChanges, Reloading):
    def __init__(
        self,
        *,
        decks: Sequence[Deck],
        selection: Selection,
        mode: StudyMode,
        store: ProgressStoreLike,
        scheduler: Scheduler,
        settings: Settings,
        clock: Clock,
        rng: random.Random,
    ):
        self._store, self._scheduler, self._settings = store, scheduler, settings
        self._clock, self._rng, self._mode, self.selection = clock, rng, StudyMode(mode), selection
        self._decks: dict[str, Deck] = {d.id: d for d in decks}
        self._cards: dict[CardKey, tuple[Deck, Card]] = {
            CardKey(d.id, c.id): (d, c) for d in decks for c in d.cards
        }
        ctx = planning.day_context(store, [d.id for d in decks], settings, clock)
        self._started = ctx.now
        self._progress: dict[CardKey, Progress] = ctx.progress
        self._keys, self._queue = planning.plan_queue(
            decks, selection, self._mode, ctx, scheduler=scheduler, settings=settings, rng=rng
        )
        self._hash_cache: dict[CardKey, str] = {}
        self._groups = siblings.sibling_index(self._cards)
        self._recent: list[CardKey] = []  # the cards shown last, to keep siblings apart
        self.events: list[Notice] = []
        self._undo: list[UndoStep] = []
        self._studied = self._correct = 0
        self.phase = Phase.FINISHED
        self.current: ShownCard | None = None
        self._kind = q.Kind.NEW
        self._order: list[int] = []
        self._shown_at = self._started
        self._answered_at = self._started  # when the current answer was shown: it is scheduled then
        self._hints = 0
        self.last_grade: grading.Grade | None = None
        self.suggested_rating: Rating | None = None
        self._advance()

    # ---- reading -------------------------------------------------------------------------
    @property
    def mode(self) -> StudyMode:
        return self._mode

    @property
    def remaining(self) -> Counts:
        counts = self._queue.counts()
        if self.current is None:
            return counts
        extra = {
            q.Kind.NEW: Counts(1, 0, 0),
            q.Kind.LEARNING: Counts(0, 1, 0),
            q.Kind.REVIEW: Counts(0, 0, 1),
        }
        if self._mode == StudyMode.PRACTICE and self._kind != q.Kind.NEW:
            return counts + Counts(0, 0, 1)
        return counts + extra[self._kind]

    @property
    def next_learning_due(self) -> datetime | None:
        """When a learning card waiting beyond the learn-ahead window falls due (None if none)."""
        return self._queue.next_learning_due

    def progress(self, key: CardKey) -> Progress | None:
        return self._progress.get(key)

    def previews(self) -> dict[Rating, str]:
        """The interval each rating would give (labels like "10m", "3d"); ANSWER phase only."""
        self._need(Phase.ANSWER, "preview intervals")
        assert self.current is not None
        if self._mode == StudyMode.PRACTICE:
            return dict(PRACTICE_LABELS)
        now = self._answered_at
        memory = self._memory(self.current.key)
        states = self._scheduler.preview(self.current.key, memory, now)
        return {rating: format_interval((state.due or now) - now) for rating, state in states.items()}

    def summary(self) -> SessionSummary:
        now = self._clock.now()
        _start, today_end = self._day_bounds(now)
        _s, tomorrow_end = self._day_bounds(today_end + timedelta(hours=1))
        due = planning.due_before(self._keys, self._progress, tomorrow_end) - planning.due_before(
            self._keys, self._progress, today_end
        )
        accuracy = self._correct / self._studied if self._studied else 0.0
        cards = len({step.key for step in self._undo if step.review_id is not None})
        return SessionSummary(self._studied, self._correct, accuracy, now - self._started, due, cards)

    # ---- answering -----------------------------------------------------------------------
    def reveal(self) -> None:
        """Flip the card. On a quiz card, revealing without answering suggests Again."""
        self._need(Phase.QUESTION, "reveal the answer")
        assert self.current is not None
        self.suggested_rating = Rating.AGAIN if self.current.kind in _GRADED else None
        self._answered_at = self._clock.now()
        self.phase = Phase.ANSWER

    def hint(self) -> str:
        """Reveal a hint (typed and cloze cards); each call shows a bit more. A right answer is then Hard."""
        self._need(Phase.QUESTION, "show a hint")
        assert self.current is not None
        if self.current.kind not in (CardType.TYPED, CardType.CLOZE, CardType.OCCLUSION):
            raise SessionError(f"{self.current.kind} cards have no hints")
        self._hints += 1
        return render.hint_text(self.current.card, self._hints)

    def submit_choice(self, indices: Iterable[int]) -> grading.Grade:
        card = self._question_card(CardType.CHOICE, "choose an answer")
        assert isinstance(card, ChoiceCard)  # the shown kind is CHOICE
        try:
            grade = grading.grade_choice(card, self._order, list(indices))
        except ValueError as exc:
            raise SessionError(str(exc)) from exc
        return self._graded(grade)

    def submit_truefalse(self, value: bool) -> grading.Grade:
        card = self._question_card(CardType.TRUEFALSE, "answer true or false")
        assert isinstance(card, TrueFalseCard)  # the shown kind is TRUEFALSE
        return self._graded(grading.grade_truefalse(card, value))

    def submit_text(self, text: str | Sequence[str]) -> grading.Grade:
        """Typed cards, and cloze cards answered by typing (blanks separated by newline, | or ;)."""
        self._need(Phase.QUESTION, "type an answer")
        assert self.current is not None
        card, hinted = self.current.card, self._hints > 0
        if self.current.kind in (CardType.TYPED, CardType.OCCLUSION):  # an occlusion: type the label
            if not isinstance(text, str):
                text = " ".join(text)
            return self._graded(grading.grade_typed(render.expected_answers(card), text, hinted=hinted))
        if self.current.kind == CardType.CLOZE:
            blanks = render.expected_answers(card)
            return self._graded(grading.grade_cloze_typed(blanks, text, hinted=hinted))
        raise SessionError(f"{self.current.kind} cards are not answered by typing")

    def rate(self, rating: Rating | None = None) -> None:
        """Record the answer durably, then move to the next card."""
        self._need(Phase.ANSWER, "rate the card")
        assert self.current is not None
        chosen = rating if rating is not None else self.suggested_rating
        if chosen is None:
            raise SessionError("Choose a rating from 1 (Again) to 4 (Easy).")
        try:
            chosen = Rating(chosen)
        except ValueError:
            raise SessionError(f"A rating is 1 (Again) to 4 (Easy), not {chosen!r}.") from None
        now, key = self._answered_at, self.current.key  # the instant the buttons' intervals were for
        previous = self._progress.get(key)
        duration = max(0, int((self._clock.now() - self._shown_at).total_seconds() * 1000))
        if self._mode == StudyMode.PRACTICE:
            answer = answering.practice_answer(key, previous, chosen, now, duration)
        else:
            answer = answering.scheduled_answer(
                self._scheduler,
                key,
                previous,
                chosen,
                now,
                duration,
                content_hash=self._hash(key),
                leech_threshold=self._settings.leech_threshold,
            )
        stored = self._store.record_review(answer.record, answer.progress)  # durable; raises on failure
        # from here on the answer is on disk: update the session to match
        snap, n_events = self._queue.snapshot(), len(self.events)
        if answer.progress is None:
            if chosen == Rating.AGAIN:
                self._queue.insert_main(key, self._kind, q.PRACTICE_AGAIN_GAP)
        else:
            self._progress[key] = answer.progress
            memory = answer.progress.memory
            if memory.state in (CardState.LEARNING, CardState.RELEARNING) and not answer.progress.suspended:
                self._queue.add_learning(key, memory.due or now)
        if answer.became_leech and answer.progress is not None:  # only a scheduled answer makes a leech
            self.events.append(
                Notice(
                    "leech",
                    f"“{short(self.current.prompt)}” is a leech (forgotten "
                    f"{answer.progress.memory.lapses} times) and was suspended. Rewrite it, or "
                    "practise it from the Leeches list.",
                    key,
                )
            )
        set_aside = self._bury_siblings(key)
        right = int(chosen != Rating.AGAIN)
        self._studied += 1
        self._correct += right
        what = f"your answer {chosen.name.title()} to “{short(self.current.prompt)}”"
        self._undo.append(
            UndoStep(
                key,
                self._kind,
                previous,
                stored.id,
                snap,
                (1, right),
                n_events,
                tuple(self._order),
                what,
                set_aside,
            )
        )
        self._advance()

    # ---- acting on the current card ------------------------------------------------------
    def suspend(self) -> None:
        """Suspend the current card (it is not scheduled until unsuspended) and move on."""
        self._set_aside("suspend", suspended=True)

    def bury(self) -> None:
        """Hide the current card until the next study day starts and move on."""
        _start, end = self._day_bounds(self._clock.now())
        self._set_aside("bury", buried_until=end)

    def toggle_flag(self) -> bool:
        """Flag or unflag the current card; returns the new flag. The card stays shown."""
        current = self._need_card("flag a card")
        prog = self._progress.get(current.key) or Progress(current.key, content_hash=self._hash(current.key))
        prog = replace(prog, flagged=not prog.flagged)
        self._store.save_progress(prog)
        self._progress[current.key] = prog
        self.current = replace(current, flagged=prog.flagged)
        return prog.flagged

    def refresh(self) -> bool:
        """After FINISHED: pick up learning cards that have become due (or within learn-ahead)."""
        if self.phase != Phase.FINISHED:
            return False
        self._advance()
        return self.phase != Phase.FINISHED

    # ---- internals -----------------------------------------------------------------------
    def _hash(self, key: CardKey) -> str:
        if key not in self._hash_cache:
            self._hash_cache[key] = card_content_hash(self._cards[key][1])
        return self._hash_cache[key]

    def _memory(self, key: CardKey) -> MemoryState:
        prog = self._progress.get(key)
        return prog.memory if prog is not None else MemoryState()

    def _day_bounds(self, moment: datetime) -> tuple[datetime, datetime]:
        return planning.study_day_bounds(moment, self._clock, self._settings.rollover_hour)

    def _need(self, phase: Phase, action: str) -> None:
        if self.phase != phase:
            raise SessionError(f"Cannot {action} now: the session is at the {self.phase} step.")

    def _need_card(self, action: str) -> ShownCard:
        if self.current is None:
            raise SessionError(f"Cannot {action}: no card is shown.")
        return self.current

    def _question_card(self, kind: CardType, action: str) -> Card:
        self._need(Phase.QUESTION, action)
        assert self.current is not None
        if self.current.kind != kind:
            raise SessionError(f"Cannot {action} on a {self.current.kind} card.")
        return self.current.card

    def _graded(self, grade: grading.Grade) -> grading.Grade:
        self.last_grade, self.suggested_rating = grade, grade.rating
        self._answered_at = self._clock.now()
        self.phase = Phase.ANSWER
        return grade

    def _set_aside(self, action: str, **changes: Any) -> None:
        current = self._need_card("set the card aside")
        key = current.key
        previous = self._progress.get(key)
        prog = replace(previous or Progress(key, content_hash=self._hash(key)), **changes)
        snap = self._queue.snapshot()
        self._store.save_progress(prog)
        self._progress[key] = prog
        what = f"the {action} of “{short(current.prompt)}”"
        self._undo.append(
            UndoStep(
                key, self._kind, previous, None, snap, (0, 0), len(self.events), tuple(self._order), what
            )
        )
        self._queue.discard([key])
        if self._mode == StudyMode.SCHEDULED and self._kind == q.Kind.NEW:  # its daily new slot is free again
            spare = q.spare_new(self._keys, self._progress, self._queue.keys(), key, self._clock.now())
            if spare is not None:
                self._queue.insert_main(spare, q.Kind.NEW, len(self._keys))
        self._advance()

    def _bury_siblings(self, key: CardKey) -> tuple[tuple[CardKey, Progress | None], ...]:
        """Bury the answered card's siblings until the next study day (scheduled mode, the setting on);
        returns their rows from before, for undo."""
        if self._mode != StudyMode.SCHEDULED or not self._settings.bury_siblings:
            return ()
        keys = siblings.to_bury(key, self._groups, self._progress)
        _start, end = self._day_bounds(self._clock.now())
        before = tuple((k, self._progress.get(k)) for k in keys)
        rows = [siblings.buried(k, prev, self._hash(k), end) for k, prev in before]
        if rows:
            self._store.save_many(rows)
            self._progress.update({row.key: row for row in rows})
            self._queue.discard(keys)
        return before

    def _show(self, key: CardKey, kind: q.Kind, order: tuple[int, ...] = ()) -> None:
        """Show a card; a choice card gets a fresh shuffle unless ``order`` (from an undo) still fits."""
        deck, card = self._cards[key]
        self._kind = kind
        fits = isinstance(card, ChoiceCard) and sorted(order) == list(range(len(card.choices)))
        self._order = list(order) if fits else render.choice_order(card, self._rng)
        self.current = render.shown_card(deck, card, self._progress.get(key), self._order)
        self._recent = [*self._recent[-siblings.SPACING + 1 :], key]
        self._shown_at = self._clock.now()
        self._hints = 0
        self.last_grade, self.suggested_rating = None, None
        self.phase = Phase.QUESTION

    def _advance(self) -> None:
        deferred = 0
        while True:
            nxt = self._queue.pop_next(self._clock.now())
            if nxt is None:
                self.current, self.last_grade, self.suggested_rating = None, None, None
                self.phase = Phase.FINISHED
                return
            if nxt[0] not in self._cards:
                continue
            if (  # a sibling shown lately: this one waits (a learning card keeps its due time)
                nxt[1] != q.Kind.LEARNING
                and deferred < len(self._queue)
                and siblings.too_close(nxt[0], self._recent, self._groups)
            ):
                self._queue.insert_main(nxt[0], nxt[1], siblings.SPACING)
                deferred += 1
                continue
            self._show(*nxt)
            return
