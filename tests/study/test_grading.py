"""Quiz grading: the typed-answer rule, choice, true/false, cloze, and the diff shown to the learner."""

from __future__ import annotations

import pytest

from kquiz.domain import Choice, ChoiceCard, Rating, TrueFalseCard
from kquiz.study.grading import (
    DiffPart,
    damerau_levenshtein,
    grade_choice,
    grade_cloze_typed,
    grade_truefalse,
    grade_typed,
    normalize,
)


@pytest.mark.parametrize(
    ("expected", "given", "correct", "exact"),
    [
        ("ketamine", "ketamine", True, True),
        ("ketamine", "  KETAMINE ", True, True),  # case and outer spacing
        ("Kétamine", "ketamine", True, True),  # accents
        ("ketamine", "kétamine", True, True),
        ("N-methyl-D-aspartate", "n methyl d aspartate", True, True),  # punctuation, spacing
        ("NMDA receptor", "nmdareceptor", True, True),  # spacing ignored
        ("NMDA receptor", "NMDA receptor.", True, True),
        ("ﬁbrosis", "fibrosis", True, True),  # compatibility forms (ligature) folded
        ("ketamine", "ketamin", True, False),  # one letter missing
        ("ketamine", "ketamiine", True, False),  # one extra
        ("ketamine", "ketamune", True, False),  # one wrong
        ("ketamine", "ketmaine", True, False),  # two neighbours swapped (Damerau)
        ("ketamine", "ktmaine", False, False),  # two edits
        ("dose", "dise", False, False),  # 4 letters: must be exact
        ("cysts", "cyst", True, False),  # 5 letters: one typo allowed
        ("esketamine", "S-ketamine", False, False),  # the edit is the one-letter word "S": not a typo
        ("arketamine", "R-ketamine", False, False),
        ("esketamine", "sketamine", True, False),  # one letter missing inside the word: a typo
        ("150 mg", "160 mg", False, False),  # a typo in a number is never forgiven
        ("2.5 mg", "25 mg", False, False),  # decimal point is kept
        ("2.5 mg", "2,5 mg", True, True),  # decimal comma == decimal point
        ("ketamine", "", False, False),
        ("ketamine", "   ", False, False),
        ("ketamine", "esketamine", False, False),
        # the typo must fall in a word of 5+ letters without digits: short words and codes are exact
        ("S-ketamine", "R-ketamine", False, False),  # an enantiomer is not a typo
        ("(S)-ketamine", "(R)-ketamine", False, False),
        ("L-glutamate", "D-glutamate", False, False),
        ("AMPA receptor", "AMPK receptor", False, False),
        ("5-HT2A", "5-HT2B", False, False),
        ("GluN2B", "GluN2A", False, False),
        ("S-ketamine", "S-ketamin", True, False),  # in the long word: forgiven
        ("NMDA receptor", "nmda reseptor", True, False),
        ("NMDA receptor", "nmdareseptor", True, False),  # spacing still ignored
        ("ketamine", "keta5mine", False, False),  # an inserted digit is not a typo
        ("50 %", "50", True, True),  # % is punctuation: ignored like the rest
    ],
)
def test_typed_rule(expected: str, given: str, correct: bool, exact: bool) -> None:
    grade = grade_typed(expected, given)
    assert grade.correct is correct
    assert grade.exact is (exact if correct else True)
    assert grade.rating == (Rating.GOOD if correct else Rating.AGAIN)


def test_typed_any_accepted_answer_and_hint_gives_hard() -> None:
    grade = grade_typed(("esketamine", "S-ketamine"), "s ketamine", hinted=True)
    assert grade.correct and grade.rating == Rating.HARD
    assert grade.expected == "S-ketamine"
    wrong = grade_typed(("esketamine", "S-ketamine"), "arketamine", hinted=True)
    assert not wrong.correct and wrong.rating == Rating.AGAIN


def test_typed_prefers_exact_match_over_typo_match() -> None:
    grade = grade_typed(("ketamines", "ketamine"), "ketamine")
    assert grade.correct and grade.exact and grade.expected == "ketamine"


def test_normalize_and_distance() -> None:
    assert normalize("  Ça  va? ") == "cava"
    assert normalize("<3.5%") == "<3.5"  # % is punctuation (Po); < is a symbol (Sm), kept
    assert damerau_levenshtein("abcd", "abdc") == 1
    assert damerau_levenshtein("", "abc") == 3
    assert damerau_levenshtein("kitten", "sitting") == 3


def test_diff_marks_missing_and_extra_characters() -> None:
    grade = grade_typed("ketamine", "ketamne")
    assert grade.diff == (DiffPart("equal", "ketam"), DiffPart("missing", "i"), DiffPart("equal", "ne"))
    grade = grade_typed("ketamine", "KETAXmine")
    assert grade.diff == (DiffPart("equal", "keta"), DiffPart("extra", "X"), DiffPart("equal", "mine"))
    # the diff text rebuilds the expected answer from equal + missing parts
    grade = grade_typed("dissociative anaesthetic", "disociative anesthetik")
    assert "".join(p.text for p in grade.diff if p.op != "extra") == "dissociative anaesthetic"
    assert "".join(p.text for p in grade.diff if p.op != "missing") == "disociative anesthetik"


def _choice(*flags: bool) -> ChoiceCard:
    return ChoiceCard(
        id="c", topic="t", prompt="Pick", choices=tuple(Choice(f"opt{i}", f) for i, f in enumerate(flags))
    )


def test_choice_single_correct_through_shuffled_order() -> None:
    card = _choice(False, True, False, False)
    order = [2, 0, 3, 1]  # position 3 shows the card's choice 1 (the right one)
    assert grade_choice(card, order, [3]).correct
    wrong = grade_choice(card, order, [1])
    assert not wrong.correct and wrong.rating == Rating.AGAIN
    assert wrong.expected == "opt1" and wrong.given == "opt0"


def test_choice_multiple_correct_needs_exactly_the_right_set() -> None:
    card = _choice(True, False, True, False)
    order = [3, 2, 1, 0]  # opt0 at position 3, opt2 at position 1
    assert grade_choice(card, order, [1, 3]).correct
    assert grade_choice(card, order, (3, 1, 1)).correct
    assert not grade_choice(card, order, [1]).correct  # one missing
    assert not grade_choice(card, order, [0, 1, 3]).correct  # one too many
    assert not grade_choice(card, order, []).correct
    assert grade_choice(card, order, [1, 3]).expected == "opt2; opt0"  # in shown order
    with pytest.raises(ValueError):
        grade_choice(card, order, [4])


def test_truefalse() -> None:
    card = TrueFalseCard(id="tf", topic="t", statement="s", answer=False)
    assert grade_truefalse(card, False).correct
    bad = grade_truefalse(card, True)
    assert (bad.correct, bad.rating, bad.expected, bad.given) == (False, Rating.AGAIN, "False", "True")


def test_cloze_every_blank_graded() -> None:
    blanks = ["NMDA", "glutamate"]
    assert grade_cloze_typed(blanks, "nmda | glutamat").correct  # second has a typo, 9 letters
    assert grade_cloze_typed(blanks, ["NMDA", "Glutamate"]).correct
    assert grade_cloze_typed(blanks, "NMDA\nglutamate").correct
    assert grade_cloze_typed(blanks, "NMDA; glutamate").correct
    half = grade_cloze_typed(blanks, "NMDA | GABA")
    assert not half.correct and half.rating == Rating.AGAIN
    assert half.expected == "NMDA | glutamate"
    assert not grade_cloze_typed(blanks, "NMDA").correct  # a blank left empty
    assert not grade_cloze_typed(["NMDA"], "nmdq").correct  # 4 letters: exact
    single = grade_cloze_typed(["dissociation"], "dissociation; really", hinted=True)
    assert not single.correct  # one blank: the whole text is the answer
    assert grade_cloze_typed(["dissociation"], "Dissociation", hinted=True).rating == Rating.HARD
