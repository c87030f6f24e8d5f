"""A wrong typed answer is shown as two lines, marked per word then per letter."""

from __future__ import annotations

from kquiz.study.grading import grade_cloze_typed, grade_typed
from kquiz.study.worddiff import DiffPart, word_diff


def text(line: tuple[DiffPart, ...]) -> str:
    return "".join(p.text for p in line)


def test_an_unlike_word_is_marked_whole_never_interleaved() -> None:
    typed, expected = word_diff("dissociative anaesthetic", "general anesthetic")
    assert typed[0] == DiffPart("extra", "general")
    assert expected[0] == DiffPart("missing", "dissociative")
    assert text(typed) == "general anesthetic" and text(expected) == "dissociative anaesthetic"
    # a similar word is marked letter by letter: one missing "a"
    assert DiffPart("missing", "a") in expected and all(p.op != "extra" for p in typed[1:])


def test_each_line_keeps_its_words_apart() -> None:
    typed, expected = word_diff("nucleus accumbens", "nucleus acumbens of the brain")
    assert text(typed) == "nucleus acumbens of the brain"
    assert text(expected) == "nucleus accumbens"
    assert [p.text for p in typed if p.op == "extra"] == ["of", "the", "brain"]
    assert [p.op for p in expected] == ["equal", "missing", "equal"]


def test_equal_words_ignore_case_and_punctuation() -> None:
    typed, expected = word_diff("N-methyl-D-aspartate receptor", "n-methyl-d-aspartate Receptors")
    assert typed[0].op == "equal" and expected[0].op == "equal"
    assert DiffPart("extra", "s") in typed


def test_grades_carry_the_two_lines() -> None:
    grade = grade_typed(["bladder"], "kidney")
    assert grade.typed_line == (DiffPart("extra", "kidney"),)
    assert grade.expected_line == (DiffPart("missing", "bladder"),)
    cloze = grade_cloze_typed(["hippocampus", "amygdala"], "hippocampus | thalamus")
    assert text(cloze.typed_line) == "hippocampus | thalamus"
    assert text(cloze.expected_line) == "hippocampus | amygdala"
    assert DiffPart("missing", "amygdala") in cloze.expected_line
