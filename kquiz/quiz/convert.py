"""The rules that turn a card into a test question.

* choice and true/false cards are asked as they are (a choice card's options in a seeded order);
* typed and cloze cards are typed answers (a cloze: one answer per blank, in order);
* basic and reversed cards (asked front → back, a reversed card back → front, as in study) are typed
  answers when the answer is short (``SHORT_WORDS`` words and ``SHORT_CHARS`` characters at most), or
  multiple choice when it is not (or typed answers are not wanted): the distractors are other cards'
  answers of the same deck, topic and type — never one that is also right (the same answer after
  normalising, or a card with the same prompt, whose answer would be right too). A card that can be
  asked in none of the wanted kinds is left out.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from kquiz.decks import cloze_parts, render_cloze
from kquiz.domain import (
    BasicCard,
    Card,
    CardKey,
    CardType,
    ChoiceCard,
    ClozeCard,
    Deck,
    OcclusionCard,
    ReversedCard,
    TrueFalseCard,
    TypedCard,
)
from kquiz.quiz.model import Question, QuestionKind

SHORT_WORDS = 4
SHORT_CHARS = 40
MAX_DISTRACTORS = 3
MIN_DISTRACTORS = 2
_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Case, accents, spaces and punctuation folded away: what makes two answers "the same"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return _NOT_WORD.sub("", folded)


def prompt_answer(card: BasicCard | ReversedCard) -> tuple[str, str]:
    return (card.back, card.front) if isinstance(card, ReversedCard) else (card.front, card.back)


def is_short(answer: str) -> bool:
    return len(answer.split()) <= SHORT_WORDS and len(answer) <= SHORT_CHARS


@dataclass(frozen=True, slots=True)
class Pools:
    """Distractor candidates: per (deck, topic, type), each card's (prompt, answer), in file order."""

    groups: dict[tuple[str, str, CardType], tuple[tuple[str, str, str], ...]]

    @classmethod
    def of(cls, decks: Iterable[Deck]) -> Pools:
        groups: dict[tuple[str, str, CardType], list[tuple[str, str, str]]] = {}
        for deck in decks:
            for card in deck.cards:
                if isinstance(card, BasicCard | ReversedCard):
                    prompt, answer = prompt_answer(card)
                    groups.setdefault((deck.id, card.topic, card.type), []).append((card.id, prompt, answer))
        return cls({k: tuple(v) for k, v in groups.items()})

    def distractors(self, deck_id: str, card: BasicCard | ReversedCard) -> list[str]:
        """Other cards' answers that are wrong for this card's prompt (deduplicated, in file order)."""
        prompt, answer = prompt_answer(card)
        seen = {normalize(answer)}
        same_prompt = normalize(prompt)
        found = []
        for card_id, other_prompt, other_answer in self.groups.get((deck_id, card.topic, card.type), ()):
            norm = normalize(other_answer)
            if card_id == card.id or norm in seen or not norm or normalize(other_prompt) == same_prompt:
                continue
            seen.add(norm)
            found.append(other_answer)
        return found


def kind_for(deck_id: str, card: Card, kinds: frozenset[QuestionKind], pools: Pools) -> QuestionKind | None:
    """How ``card`` would be asked with these kinds wanted (None: it cannot be)."""
    if isinstance(card, ChoiceCard):
        return QuestionKind.CHOICE if QuestionKind.CHOICE in kinds else None
    if isinstance(card, TrueFalseCard):
        return QuestionKind.TRUEFALSE if QuestionKind.TRUEFALSE in kinds else None
    if isinstance(card, TypedCard | ClozeCard):
        return QuestionKind.TYPED if QuestionKind.TYPED in kinds else None
    if isinstance(card, OcclusionCard):  # needs its picture with the region covered: not in a test yet
        return None
    _prompt, answer = prompt_answer(card)
    if QuestionKind.TYPED in kinds and is_short(answer):
        return QuestionKind.TYPED
    if QuestionKind.CHOICE in kinds and len(pools.distractors(deck_id, card)) >= MIN_DISTRACTORS:
        return QuestionKind.CHOICE
    return None


def _shuffled_options(
    options: Sequence[str], right: Sequence[bool], rng: random.Random
) -> tuple[tuple[str, ...], tuple[int, ...]]:
    order = list(range(len(options)))
    rng.shuffle(order)
    return tuple(options[i] for i in order), tuple(p for p, i in enumerate(order) if right[i])


def make_question(
    number: int, deck: Deck, card: Card, kind: QuestionKind, pools: Pools, rng: random.Random
) -> Question:
    """The question ``card`` becomes, asked as ``kind`` (from ``kind_for``); ``rng`` orders options."""
    topic = deck.topic(card.topic)
    common = Question(
        number=number,
        key=CardKey(deck.id, card.id),
        card_type=card.type,
        kind=kind,
        topic=card.topic,
        topic_title=topic.title if topic is not None else card.topic,
        prompt="",
        explanation=card.explanation,
        source=deck.source_line(card),
    )
    if isinstance(card, ChoiceCard):
        options, correct = _shuffled_options(
            [c.text for c in card.choices], [c.correct for c in card.choices], rng
        )
        answer = "; ".join(f"{chr(65 + p)}. {options[p]}" for p in correct)
        return replace(common, prompt=card.prompt, options=options, correct=correct, answer=answer)
    if isinstance(card, TrueFalseCard):
        answer = "True" if card.answer else "False"
        return replace(common, prompt=card.statement, options=("True", "False"), answer=answer)
    if isinstance(card, TypedCard):
        return replace(common, prompt=card.prompt, accepted=card.answers, answer=" or ".join(card.answers))
    if isinstance(card, ClozeCard):
        blanks = tuple(answer for _n, answer, _hint in cloze_parts(card.text))
        return replace(
            common,
            prompt=render_cloze(card.text, reveal=False),
            accepted=blanks,
            blanks=len(blanks),
            answer=" | ".join(blanks),
        )
    if isinstance(card, OcclusionCard):  # kind_for never picks one
        raise ValueError("an image-occlusion card is not asked in a test")
    prompt, answer = prompt_answer(card)
    if kind == QuestionKind.TYPED:
        return replace(common, prompt=prompt, accepted=(answer,), answer=answer)
    candidates = pools.distractors(deck.id, card)
    alike = [c for c in candidates if is_short(c) == is_short(answer)]  # a long answer among long ones
    candidates = alike if len(alike) >= MIN_DISTRACTORS else candidates
    wrong = rng.sample(candidates, min(MAX_DISTRACTORS, len(candidates)))
    options, correct = _shuffled_options([answer, *wrong], [True] + [False] * len(wrong), rng)
    return replace(
        common, prompt=prompt, options=options, correct=correct, answer=f"{chr(65 + correct[0])}. {answer}"
    )
