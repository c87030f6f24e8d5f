"""A leading article (the / a / an) is ignored on both sides of a typed answer, and only that."""

from __future__ import annotations

import pytest

from kquiz.study.grading import drop_article, grade_cloze_typed, grade_typed, match_typed


@pytest.mark.parametrize(
    ("expected", "given", "result"),
    [
        ("NMDA receptor", "the NMDA receptor", (True, True)),
        ("The NMDA receptor", "NMDA receptor", (True, True)),
        ("the bladder", "a bladder", (True, True)),
        ("an antagonist", "antagonist", (True, True)),
        ("NMDA receptor", "The NMDA receptr", (True, False)),  # article and a typo: close enough
        ("bladder", "the bladdr", (True, False)),
        # it never makes a wrong term right
        ("NMDA receptor", "the AMPA receptor", (False, False)),
        ("NMDA receptor", "the", (False, False)),
        ("A fibres", "C fibres", (False, False)),  # a letter name is not freed for the typo rule
        ("S-ketamine", "the R-ketamine", (False, False)),
        ("5-HT2A", "a 5-HT2B", (False, False)),
        ("bladder", "thebladder", (False, False)),  # only a separate word is an article
        ("bladder", "those bladder", (False, False)),
        ("bladder", "the the bladder", (False, False)),  # one article, not several
    ],
)
def test_leading_article_rule(expected: str, given: str, result: tuple[bool, bool]) -> None:
    assert match_typed(expected, given) == result


def test_drop_article_keeps_a_lone_word() -> None:
    assert drop_article("The NMDA receptor") == "NMDA receptor"
    assert drop_article("  an  agonist") == "agonist"
    assert drop_article("a") == "a"
    assert drop_article("the ") == "the "
    assert drop_article("A-delta") == "A-delta"
    assert drop_article("theory") == "theory"


def test_article_in_a_typed_card_and_a_cloze_blank() -> None:
    grade = grade_typed(["NMDA receptor", "N-methyl-D-aspartate receptor"], "the NMDA receptor")
    assert grade.correct and grade.exact and grade.expected == "NMDA receptor"
    assert grade_cloze_typed(["hippocampus", "amygdala"], "the hippocampus | an amygdala").correct
    assert not grade_cloze_typed(["hippocampus", "amygdala"], "the hippocampus | the thalamus").correct
