"""The study screen's words: what each card kind asks for, and the keys line under the card."""

from __future__ import annotations

from kquiz.app import Phase
from kquiz.domain import CardType

KIND_TEXT = {
    CardType.BASIC: "Recall the answer, then show it",
    CardType.REVERSED: "Recall the term, then show it",
    CardType.CLOZE: "Fill the blank: type it (Enter) or show the answer",
    CardType.CHOICE: "Multiple choice",
    CardType.TRUEFALSE: "True or false? (T / F)",
    CardType.TYPED: "Type the answer, then press Enter",
    CardType.OCCLUSION: "Name the hidden part: type it (Enter) or show the answer",
}


def keys_hint(phase: Phase, kind: CardType) -> str:
    """The keys line under the card: what the keys do in this phase for this kind of card."""
    if phase == Phase.ANSWER:
        return (
            "1 Again · 2 Hard · 3 Good · 4 Easy · Space accepts the highlighted grade · Ctrl+Z undo · ? keys"
        )
    return {
        CardType.CHOICE: "Press a choice's number · Esc leaves · ? keys",
        CardType.TRUEFALSE: "T true · F false · Esc leaves · ? keys",
        CardType.TYPED: "Type, then Enter · Ctrl+H hint · Ctrl+Z undo · Esc leaves · F1 keys",
        CardType.CLOZE: "Type the blank, then Enter (empty: show the answer) · Ctrl+Z undo · F1 keys",
        CardType.OCCLUSION: "Type the hidden label, then Enter (empty: show the answer) · Ctrl+Z undo · F1 keys",
    }.get(kind, "Space shows the answer · Esc leaves · ? keys")
