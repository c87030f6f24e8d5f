"""Small decks built in code for the quiz tests."""

from __future__ import annotations

from kquiz.domain import (
    BasicCard,
    Card,
    Choice,
    ChoiceCard,
    Citation,
    ClozeCard,
    Deck,
    ReversedCard,
    Source,
    Topic,
    TrueFalseCard,
    TypedCard,
)


def basic(card_id: str, topic: str, front: str, back: str) -> BasicCard:
    return BasicCard(id=card_id, topic=topic, front=front, back=back, explanation=f"why {card_id}")


def deck(cards: list[Card], topics: tuple[str, ...] = ("a", "b"), deck_id: str = "d") -> Deck:
    return Deck(
        id=deck_id,
        title=f"Deck {deck_id}",
        cards=tuple(cards),
        topics=tuple(Topic(t, f"Topic {t.upper()}") for t in topics),
        sources=(Source("src", "The Book"),),
    )


def sized(sizes: dict[str, int]) -> Deck:
    """A deck of true/false cards: ``sizes[topic]`` cards per topic."""
    cards: list[Card] = [
        TrueFalseCard(id=f"{t}{i}", topic=t, statement=f"{t} statement {i}", answer=i % 2 == 0)
        for t, n in sizes.items()
        for i in range(n)
    ]
    return deck(cards, tuple(sizes))


def mixed() -> Deck:
    cite = (Citation("src", "ch. 2"),)
    return deck(
        [
            ChoiceCard(
                id="ch",
                topic="a",
                prompt="Pick the receptor",
                choices=(Choice("NMDA", True), Choice("GABA-A"), Choice("AMPA")),
                citations=cite,
            ),
            TrueFalseCard(id="tf", topic="a", statement="Ketamine is a dissociative", answer=True),
            TypedCard(id="ty", topic="a", prompt="NMDA stands for?", answers=("N-methyl-D-aspartate",)),
            ClozeCard(id="cz", topic="b", text="{{c1::Esketamine}} is the {{c2::S}} enantiomer"),
            basic("short", "b", "Main metabolite?", "Norketamine"),
            basic(
                "long1",
                "b",
                "Why redistribution?",
                "Because the drug moves out of the brain into fat and muscle",
            ),
            basic(
                "long2", "b", "Why a cannula?", "An infusion needs a cannula, a pump and clinic time to run"
            ),
            basic(
                "long3",
                "b",
                "Why supervision?",
                "Its potential for misuse means the dose is watched in clinic",
            ),
            basic(
                "long4",
                "b",
                "Why redistribution?",
                "The answer to the same question, worded another way here",
            ),
            basic(
                "dup", "b", "Another question", "because the drug moves out of the brain into fat and muscle!"
            ),
            ReversedCard(id="rev", topic="a", front="Ketalar", back="Brand name of ketamine"),
        ]
    )
