"""Quiz types grade themselves.

Ratings: a wrong answer suggests AGAIN, a right one GOOD, a right one after a revealed hint HARD.
The learner may still override the suggestion before moving on.

Typed answers (``grade_typed`` and each blank of ``grade_cloze_typed``) are compared after
normalising both sides:

* Unicode compatibility forms are folded and accents dropped (NFKD, combining marks removed),
  so ``Kétamine`` == ``ketamine``; case is ignored (casefold).
* Punctuation and all whitespace are ignored (``N-methyl-D-aspartate`` == ``n methyl d aspartate``),
  except a ``.`` or ``,`` between two digits, which is kept as a decimal point (``2.5`` != ``25``,
  ``2,5`` == ``2.5``). ``%`` is punctuation to Unicode and ignored too (``50`` == ``50%``);
  symbols such as ``<`` or ``+`` are kept.
* One small typo is forgiven when the expected answer is longer than 4 letters (after
  normalising): a Damerau-Levenshtein distance of 1 (one letter missing, extra, wrong, or two
  neighbours swapped) — but only inside a word of more than 4 letters with no digit in it.
  Short answers (4 letters or fewer) must be exact, and so must short words and codes within
  longer ones: ``R-ketamine`` is not ``S-ketamine``, ``AMPK receptor`` is not ``AMPA receptor``,
  ``5-HT2B`` is not ``5-HT2A``. A typo that changes a number is never forgiven
  (``150 mg`` != ``160 mg``).
* A leading article (``the``, ``a``, ``an``, followed by a space and more text) is ignored on both
  sides: ``the NMDA receptor`` == ``NMDA receptor``. Only the first word, and only those three: it
  never makes a wrong term right (``the AMPA receptor`` is still not ``NMDA receptor``); other
  variants are the deck's job (list them in ``answers``).
* Any of a card's accepted answers may match; the diff is shown against the closest one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kquiz.domain import ChoiceCard, Rating, TrueFalseCard
from kquiz.study.worddiff import DiffPart as DiffPart  # re-exported: grades are made of them
from kquiz.study.worddiff import join_lines, word_diff

TYPO_MIN_LENGTH = 5  # "longer than 4 letters"
_DECIMAL = re.compile(r"(?<=\d)[.,](?=\d)")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_ARTICLE = re.compile(r"^\s*(?:the|an|a)\s+(?=\S)", re.IGNORECASE)


def drop_article(text: str) -> str:
    """``text`` without one leading "the", "a" or "an" (kept when nothing would be left)."""
    return _ARTICLE.sub("", text, count=1)


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool
    rating: Rating
    expected: str
    given: str
    diff: tuple[DiffPart, ...] = ()
    exact: bool = True  # False when accepted thanks to the one-typo rule
    # the same comparison as two lines, marked per word then per letter (kquiz.study.worddiff)
    typed_line: tuple[DiffPart, ...] = ()
    expected_line: tuple[DiffPart, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "correct": self.correct,
            "rating": int(self.rating),
            "expected": self.expected,
            "given": self.given,
            "diff": [list(p) for p in self.diff],
            "exact": self.exact,
        }


def suggested_rating(correct: bool, hinted: bool = False) -> Rating:
    if not correct:
        return Rating.AGAIN
    return Rating.HARD if hinted else Rating.GOOD


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _key_chars(text: str) -> list[tuple[str, int]]:
    """The comparison key's characters, each with the number of the word it is in (-1: a symbol or
    decimal point, a word of its own). Words are runs of letters and digits."""
    text = _DECIMAL.sub("\x00", text)
    out: list[tuple[str, int]] = []
    word = 0
    for ch in _fold_char(text):
        if ch.isalnum():
            out.append((ch, word))
            continue
        word += 1
        if ch == "\x00":
            out.append((".", -1))
        elif not (ch.isspace() or unicodedata.category(ch).startswith("P")):
            out.append((ch, -1))
    return out


def normalize(text: str) -> str:
    """The comparison key of a typed answer (see the module docstring for the rule)."""
    return "".join(ch for ch, _word in _key_chars(text))


def _forgivable(chars: list[tuple[str, int]], min_length: int = TYPO_MIN_LENGTH) -> list[bool]:
    """Per key character: may a typo touch it? Only in words of ``min_length`` letters or more
    (by default longer than 4) without digits."""
    words: dict[int, str] = {}
    for ch, word in chars:
        words[word] = words.get(word, "") + ch
    ok = {w: w >= 0 and len(t) >= min_length and not any(c.isdigit() for c in t) for w, t in words.items()}
    return [ok[word] for _ch, word in chars]


def _edit_span(want: str, got: str) -> tuple[int, int]:
    """For strings one edit apart: the positions [start, end) of ``want`` the edit touches; an empty
    span is an insertion between ``want[start - 1]`` and ``want[start]``."""
    shortest = min(len(want), len(got))
    start = 0
    while start < shortest and want[start] == got[start]:
        start += 1
    same_end = 0
    while same_end < shortest - start and want[-1 - same_end] == got[-1 - same_end]:
        same_end += 1
    return start, len(want) - same_end


def damerau_levenshtein(a: str, b: str) -> int:
    """Edit distance with adjacent transpositions (optimal string alignment)."""
    if a == b:
        return 0
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _words(text: str) -> int:
    return len({word for _ch, word in _key_chars(text) if word >= 0})


def match_typed(expected: str, given: str) -> tuple[bool, bool]:
    """(accepted, exact) for one expected answer; a leading article is ignored on both sides, but a
    typo is then forgiven only if both sides have as many words (``C fibres`` is not ``A fibres``)."""
    result = _match(expected, given)
    want, got = drop_article(expected), drop_article(given)
    if result[0] or (want, got) == (expected, given):
        return result
    ok, exact = _match(want, got)
    if ok and not exact and _words(want) != _words(got):
        return False, False
    return ok, exact


def _match(expected: str, given: str) -> tuple[bool, bool]:
    chars = _key_chars(expected)
    want, got = "".join(ch for ch, _word in chars), normalize(given)
    if not got:
        return False, False
    if want == got:
        return True, True
    if (
        len(want) >= TYPO_MIN_LENGTH
        and _DIGITS.findall(want) == _DIGITS.findall(got)
        and damerau_levenshtein(want, got) == 1
    ):
        # the edit must lie inside forgiving words on both sides: "S-ketamine" is one letter from
        # "esketamine", but the letter is the one-letter word "S", so it is not a typo of it
        # (on the typed side a word may be one letter short: "cyst" for "cysts")
        ok = _edit_forgivable(chars, want, got) and _edit_forgivable(
            _key_chars(given), got, want, TYPO_MIN_LENGTH - 1
        )
        return ok, False
    return False, False


def _edit_forgivable(
    chars: list[tuple[str, int]], text: str, other: str, min_length: int = TYPO_MIN_LENGTH
) -> bool:
    """Does the one edit that turns ``text`` into ``other`` touch only forgiving words of ``text``?"""
    start, end = _edit_span(text, other)
    if start == end:  # a letter inserted: both neighbours must be in forgiving words
        start, end = max(start - 1, 0), min(start + 1, len(text))
    return end > start and all(_forgivable(chars, min_length)[start:end])


def char_diff(expected: str, given: str) -> tuple[DiffPart, ...]:
    """A character diff of what was typed against what was expected (case and accents ignored)."""
    a = [_fold_char(c) for c in given]
    b = [_fold_char(c) for c in expected]
    parts: list[DiffPart] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if parts and parts[-1].op == op:
            parts[-1] = DiffPart(op, parts[-1].text + text)
        else:
            parts.append(DiffPart(op, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", expected[j1:j2])
        else:
            add("extra", given[i1:i2])
            add("missing", expected[j1:j2])
    return tuple(parts)


def grade_typed(answers: str | Sequence[str], given: str, *, hinted: bool = False) -> Grade:
    """Grade a typed answer against one or more accepted answers."""
    accepted = [answers] if isinstance(answers, str) else list(answers)
    if not accepted:
        raise ValueError("a typed card needs at least one accepted answer")
    best: tuple[bool, bool] = (False, False)
    closest = accepted[0]
    for answer in accepted:
        ok, exact = match_typed(answer, given)
        if ok and (not best[0] or (exact and not best[1])):
            best, closest = (ok, exact), answer
    if not best[0]:
        closest = min(
            accepted,
            key=lambda a: damerau_levenshtein(normalize(drop_article(a)), normalize(drop_article(given))),
        )
    correct, exact = best
    typed_line, expected_line = word_diff(closest, given)
    return Grade(
        correct=correct,
        rating=suggested_rating(correct, hinted),
        expected=closest,
        given=given,
        diff=char_diff(closest, given),
        exact=exact or not correct,
        typed_line=typed_line,
        expected_line=expected_line,
    )


CLOZE_SEPARATORS = re.compile(r"\s*(?:\n|\||;)\s*")


def split_cloze_answers(text: str | Sequence[str], blanks: int) -> list[str]:
    """A typed cloze answer: a list, or one string with blanks separated by newline, ``|`` or ``;``."""
    if not isinstance(text, str):
        return [str(t) for t in text]
    if blanks <= 1:
        return [text]
    return CLOZE_SEPARATORS.split(text.strip())


def grade_cloze_typed(blanks: Sequence[str], given: str | Sequence[str], *, hinted: bool = False) -> Grade:
    """Grade every blank of a cloze (in order); the answer is right only if every blank is right."""
    if not blanks:
        raise ValueError("a cloze needs at least one blank")
    typed = split_cloze_answers(given, len(blanks))
    typed += [""] * (len(blanks) - len(typed))
    results = [grade_typed(want, got) for want, got in zip(blanks, typed)]
    correct = len(typed) == len(blanks) and all(r.correct for r in results)
    diff: list[DiffPart] = []
    for index, result in enumerate(results):
        if index:
            diff.append(DiffPart("equal", " | "))
        diff.extend(result.diff)
    typed_line, expected_line = join_lines([(r.typed_line, r.expected_line) for r in results])
    return Grade(
        correct=correct,
        rating=suggested_rating(correct, hinted),
        expected=" | ".join(blanks),
        given=" | ".join(typed),
        diff=tuple(diff),
        exact=all(r.exact for r in results) or not correct,
        typed_line=typed_line,
        expected_line=expected_line,
    )


def grade_choice(card: ChoiceCard, order: Sequence[int], selected: Iterable[int]) -> Grade:
    """``order[i]`` is the card's choice index shown at position i; ``selected`` are positions.

    Right means exactly the correct choices were picked (one or several).
    """
    picked = set()
    for position in selected:
        if not 0 <= position < len(order):
            raise ValueError(f"choice {position} is out of range (0..{len(order) - 1})")
        picked.add(order[position])
    wanted = {i for i, choice in enumerate(card.choices) if choice.correct}
    correct = picked == wanted
    shown = [order.index(i) for i in sorted(wanted, key=order.index)]
    return Grade(
        correct=correct,
        rating=suggested_rating(correct),
        expected="; ".join(card.choices[order[p]].text for p in shown),
        given="; ".join(card.choices[i].text for i in sorted(picked, key=order.index)),
    )


def grade_truefalse(card: TrueFalseCard, value: bool) -> Grade:
    correct = bool(value) == bool(card.answer)
    return Grade(
        correct=correct,
        rating=suggested_rating(correct),
        expected="True" if card.answer else "False",
        given="True" if value else "False",
    )
