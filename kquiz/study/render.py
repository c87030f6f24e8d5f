"""Turn a card into what is shown for one review (prompt, shuffled choices, answer, source line)."""

from __future__ import annotations

import random
from pathlib import Path

from kquiz.decks import cloze_parts, render_cloze
from kquiz.decks.cloze import MARKER
from kquiz.domain import (
    BasicCard,
    Card,
    CardKey,
    ChoiceCard,
    ClozeCard,
    Deck,
    OcclusionCard,
    Progress,
    ReversedCard,
    TrueFalseCard,
    TypedCard,
)
from kquiz.study.model import ShownCard


def cloze_answers(card: ClozeCard) -> list[str]:
    return [answer for _number, answer, _hint in cloze_parts(card.text)]


def cloze_marks(text: str) -> tuple[tuple[int, int], ...]:
    """Where each filled-in blank is in ``render_cloze(text, reveal=True)``: [start, end) spans."""
    marks: list[tuple[int, int]] = []
    shown = last = 0
    for match in MARKER.finditer(text):
        shown += match.start() - last  # the text between two markers is shown as it is
        marks.append((shown, shown + len(match.group(2))))
        shown += len(match.group(2))
        last = match.end()
    return tuple(marks)


def expected_answers(card: Card) -> list[str]:
    """What a typed answer is checked against (typed cards: any of these; cloze: each blank)."""
    if isinstance(card, TypedCard):
        return list(card.answers)
    if isinstance(card, ClozeCard):
        return cloze_answers(card)
    if isinstance(card, OcclusionCard):
        return [card.region().answer]
    raise TypeError(f"{card.type} cards are not answered by typing")


def prompt_and_answer(card: Card, order: list[int]) -> tuple[str, tuple[str, ...], str]:
    if isinstance(card, BasicCard):
        return card.front, (), card.back
    if isinstance(card, ReversedCard):
        return card.back, (), card.front
    if isinstance(card, ClozeCard):
        return render_cloze(card.text, reveal=False), (), render_cloze(card.text, reveal=True)
    if isinstance(card, ChoiceCard):
        choices = tuple(card.choices[i].text for i in order)
        answer = "\n".join(card.choices[i].text for i in order if card.choices[i].correct)
        return card.prompt, choices, answer
    if isinstance(card, TrueFalseCard):
        return card.statement, ("True", "False"), "True" if card.answer else "False"
    if isinstance(card, TypedCard):
        return card.prompt, (), card.answers[0]
    if isinstance(card, OcclusionCard):
        return "What is hidden in the marked part of the picture?", (), card.region().answer
    raise TypeError(f"unknown card type: {type(card).__name__}")


def choice_order(card: Card, rng: random.Random) -> list[int]:
    """A fresh shuffled order of a choice card's choices (identity for other cards)."""
    if not isinstance(card, ChoiceCard):
        return []
    order = list(range(len(card.choices)))
    rng.shuffle(order)
    return order


def image_path(deck: Deck, card: Card, *, answer: bool = False) -> Path | None:
    image = card.answer_image if answer else card.image
    if not image or not deck.path:
        return None
    return Path(deck.path).parent / image


def shown_card(deck: Deck, card: Card, progress: Progress | None, order: list[int]) -> ShownCard:
    prompt, choices, answer = prompt_and_answer(card, order)
    topic = deck.topic(card.topic)
    return ShownCard(
        key=CardKey(deck.id, card.id),
        card=card,
        deck_title=deck.title,
        topic_title=topic.title if topic is not None else card.topic,
        kind=card.type,
        prompt=prompt,
        choices=choices,
        answer=answer,
        explanation=card.explanation,
        note=card.note,
        source_line=deck.source_line(card),
        image_path=image_path(deck, card),
        deck_path=deck.path,
        line=card.line,
        is_new=progress is None or progress.memory.reps == 0,
        flagged=bool(progress and progress.flagged),
        changed=bool(progress and progress.changed),
        leech=bool(progress and progress.leech),
        blanks=len(cloze_answers(card))
        if isinstance(card, ClozeCard)
        else int(isinstance(card, TypedCard | OcclusionCard)),
        answer_marks=cloze_marks(card.text) if isinstance(card, ClozeCard) else (),
        alt=card.alt,
        answer_image_path=image_path(deck, card, answer=True),
        answer_alt=card.answer_alt,
    )


def _mask(answer: str, letters: int) -> str:
    """Show the first ``letters`` letters of each answer, the rest as underscores (spaces kept)."""
    out, shown = [], 0
    for ch in answer:
        if ch.isalnum():
            out.append(ch if shown < letters else "_")
            shown += 1
        else:
            out.append(ch)
    return "".join(out)


def hint_text(card: Card, level: int) -> str:
    """Hint number ``level`` (1, 2, ...): that many first letters of the answer (each blank of a cloze),
    the rest as underscores. Never the whole answer: at most all but one letter is shown.
    (A cloze's own hint, ``{{c1::answer::hint}}``, is already shown in its prompt.)
    """
    level = max(1, level)
    if isinstance(card, ClozeCard):
        answers = cloze_answers(card)
    elif isinstance(card, TypedCard):
        answers = [card.answers[0]]
    elif isinstance(card, OcclusionCard):
        answers = [card.region().answer]
    else:
        raise TypeError(f"{card.type} cards have no hints")
    masked = []
    for answer in answers:
        letters = sum(ch.isalnum() for ch in answer)
        masked.append(_mask(answer, min(level, max(letters - 1, 0))))
    return " | ".join(masked)
