"""The seeded draw: which cards a test asks, spread across topics in proportion to their size."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from kquiz.domain import Card, Deck
from kquiz.quiz.convert import Pools, kind_for, make_question
from kquiz.quiz.model import Question, QuestionKind, Test, TestSpec

Candidate = tuple[Deck, Card, QuestionKind]


def allocate(sizes: Sequence[int], count: int) -> list[int]:
    """How many questions each group gets: ``count`` split in proportion to ``sizes`` (largest
    remainder; ties go to the earlier group), never more than a group has, summing to
    ``min(count, sum(sizes))``."""
    total = sum(sizes)
    if count >= total:
        return list(sizes)
    if count <= 0:
        return [0] * len(sizes)
    exact = [count * n / total for n in sizes]
    shares = [int(x) for x in exact]
    order = sorted(range(len(sizes)), key=lambda i: (-(exact[i] - shares[i]), i))
    left = count - sum(shares)
    for i in order:
        if left == 0:
            break
        if shares[i] < sizes[i]:
            shares[i] += 1
            left -= 1
    return shares


def candidates(
    decks: Iterable[tuple[Deck, Sequence[Card]]], kinds: frozenset[QuestionKind], pools: Pools
) -> list[Candidate]:
    """The cards in scope that can be asked in one of ``kinds`` (decks by id, cards in file order)."""
    found: list[Candidate] = []
    for deck, cards in sorted(decks, key=lambda pair: pair[0].id):
        for card in cards:
            kind = kind_for(deck.id, card, kinds, pools)
            if kind is not None:
                found.append((deck, card, kind))
    return found


def draw(cands: Sequence[Candidate], count: int, rng: random.Random) -> list[Candidate]:
    """``count`` candidates spread across topics (per deck) in proportion to their size, shuffled."""
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for cand in cands:
        groups.setdefault((cand[0].id, cand[1].topic), []).append(cand)
    keys = list(groups)
    shares = allocate([len(groups[k]) for k in keys], count)
    picked: list[Candidate] = []
    for key, share in zip(keys, shares):
        picked.extend(rng.sample(groups[key], share))
    rng.shuffle(picked)
    return picked


def build_test(
    scope: Iterable[tuple[Deck, Sequence[Card]]], spec: TestSpec, *, all_decks: Iterable[Deck] = ()
) -> Test:
    """The test ``spec`` asks for from the cards in ``scope`` (pairs of a deck and its cards in scope).
    Distractors come from the whole of each deck (``all_decks``, default: the decks of ``scope``)."""
    scope = list(scope)
    pools = Pools.of(list(all_decks) or [deck for deck, _cards in scope])
    rng = random.Random(spec.seed)
    cands = candidates(scope, spec.kinds, pools)
    chosen = draw(cands, spec.count, rng)
    questions: list[Question] = [
        make_question(n, deck, card, kind, pools, rng) for n, (deck, card, kind) in enumerate(chosen, 1)
    ]
    return Test(title=spec.title, seed=spec.seed, questions=tuple(questions), available=len(cands))
