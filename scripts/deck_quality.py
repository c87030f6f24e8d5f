"""Quiz-quality figures for the bundled decks: can a learner answer an item without knowing the fact?

Used by scripts/deck_report.py (which prints them per deck) and by tests/test_bundled_decks.py
(which holds the decks to the thresholds below). Read from the raw YAML, like the report.

- choice cards: how often the right option is uniquely the longest (by characters), the only
  hedged one, or listed first;
- true/false cards: the share of true statements, and how often a false statement gives itself
  away with an absolute word ("no", "never", "fully", "cure", ...);
- cards per group (the `# ---- group ----` comment lines of a deck file);
- similar pairs: the content words of two cards' facts overlap (token Jaccard, see
  `content_words`) at SIMILAR or more are listed for a look; at NEAR_DUPLICATE or more they
  count as near-duplicates, which the bundled article decks must not have.

The report prints the figures for every deck and marks with "!" those beyond a threshold; the
tests hold the four article decks to them (tests/test_bundled_decks.py).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_LONGEST_SHARE = 0.40  # right option uniquely the longest: chance with four options is 25%
MAX_ONLY_HEDGED_SHARE = 0.10
MAX_FIRST_SHARE = 0.50  # the app shuffles, but exports and printouts keep the file order
MAX_ABSOLUTE_SHARE = 0.10  # false statements carrying an absolute word
TRUE_SHARE = (0.40, 0.60)
NEAR_DUPLICATE = 0.5  # token Jaccard of content words, over all card pairs of all decks
SIMILAR = 0.4  # listed by the report for a look; not a problem by itself

ABSOLUTE = re.compile(
    r"\b(no|none|nothing|never|always|all|every|everyone|any|only|fully|completely|entirely|"
    r"totally|exactly|simply|solely|exclusively|cures?|cured|proven|proves?|guaranteed?|"
    r"permanent(?:ly)?|impossible|certainly|definitely|firmly|settled|whatever)\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(may|might|can|could|often|usually|typically|generally|some|mostly|mainly|largely|"
    r"partly|likely|possibly|probably|thought|suggests?|suggested|tends?|roughly|less clearly|"
    r"not always)\b",
    re.I,
)
_GROUP = re.compile(r"^\s*#\s*-{2,}\s*(.+?)\s*-*\s*$")
_CARD = re.compile(r"^\s*-\s+id:\s*['\"]?([^'\"\s]+)")
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")  # a top-level key of the deck (`sources:`, `cards:`, ...)
_CLOZE = re.compile(r"\{\{c\d+::(.+?)(?:::[^}]*)?\}\}")
_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STOP_TEXT = (
    "a an the of to in on at by for from with and or but is are was were be been being it its this "
    "that these those as which what who whom how why when where than then so such not no do does did "
    "has have had can may might will would could should into out over under about after before "
    "their there they them he she his her you your we our one two also more most very much many some "
    "ketamine ketamine's"
)
STOPWORDS = frozenset(_STOP_TEXT.split())


@dataclass
class Quality:
    deck_id: str
    choice: int = 0
    longest: list[str] = field(default_factory=list)
    shortest: list[str] = field(default_factory=list)
    only_hedged: list[str] = field(default_factory=list)
    first: list[str] = field(default_factory=list)
    true: int = 0
    false: int = 0
    absolute_false: list[str] = field(default_factory=list)
    groups: Counter = field(default_factory=Counter)

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def longest_share(self) -> float:
        return self._share(len(self.longest), self.choice)

    @property
    def only_hedged_share(self) -> float:
        return self._share(len(self.only_hedged), self.choice)

    @property
    def first_share(self) -> float:
        return self._share(len(self.first), self.choice)

    @property
    def true_share(self) -> float:
        return self._share(self.true, self.true + self.false)

    @property
    def absolute_share(self) -> float:
        return self._share(len(self.absolute_false), self.false)


def card_groups(path: Path, card_ids: Iterable[str]) -> dict[str, str]:
    """Card id -> the text of the last `# ---- group ----` comment above it in the file.

    Only the ids of the deck's cards (from the parsed YAML) count: a `- id:` line of the
    `sources:` block, or of a block-style list of citations inside a card, names no card.
    """
    wanted = set(card_ids)
    groups: dict[str, str] = {}
    current = "(no group)"
    in_cards = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if _TOP_KEY.match(line):
            in_cards = line.split(":", 1)[0] == "cards"
        elif not in_cards:
            continue
        elif match := _GROUP.match(line):
            current = match.group(1)
        elif (match := _CARD.match(line)) and match.group(1) in wanted and match.group(1) not in groups:
            groups[match.group(1)] = current
    return groups


def quality(path: Path, data: dict[str, Any]) -> Quality:
    q = Quality(deck_id=str(data.get("id")))
    cards = data.get("cards") or []
    q.groups = Counter(card_groups(path, (str(c.get("id")) for c in cards)).values())
    for card in cards:
        cid = str(card.get("id"))
        if card.get("type") == "choice":
            q.choice += 1
            choices = card.get("choices") or []
            right = [str(c.get("text", "")) for c in choices if c.get("correct")]
            wrong = [str(c.get("text", "")) for c in choices if not c.get("correct")]
            if len(right) == 1 and wrong and len(right[0]) > max(len(w) for w in wrong):
                q.longest.append(cid)
            if len(right) == 1 and wrong and len(right[0]) < min(len(w) for w in wrong):
                q.shortest.append(cid)
            if any(HEDGE.search(r) for r in right) and not any(HEDGE.search(w) for w in wrong):
                q.only_hedged.append(cid)
            if choices and choices[0].get("correct"):
                q.first.append(cid)
        elif card.get("type") == "truefalse":
            if card.get("answer") is True:
                q.true += 1
            else:
                q.false += 1
                if ABSOLUTE.search(str(card.get("statement", ""))):
                    q.absolute_false.append(cid)
    return q


def fact_text(card: dict[str, Any]) -> str:
    """The fact a card teaches: question and answer sides, blanks filled in."""
    kind = card.get("type")
    if kind in ("basic", "reversed"):
        return f"{card.get('front', '')} {card.get('back', '')}"
    if kind == "cloze":
        return _CLOZE.sub(r"\1", str(card.get("text", "")))
    if kind == "choice":
        right = [str(c.get("text", "")) for c in card.get("choices") or [] if c.get("correct")]
        return " ".join([str(card.get("prompt", "")), *right])
    if kind == "truefalse":
        return str(card.get("statement", ""))
    answers = card.get("answers") or [""]
    return f"{card.get('prompt', '')} {answers[0]}"


def content_words(text: str) -> frozenset[str]:
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return frozenset(w.rstrip("s") if len(w) > 4 else w for w in words if w not in STOPWORDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def near_duplicates(
    decks: list[dict[str, Any]], threshold: float = NEAR_DUPLICATE
) -> list[tuple[float, str, str]]:
    """(similarity, card id, card id) for every pair of cards at or above the threshold."""
    words = [
        (str(card.get("id")), content_words(fact_text(card)))
        for data in decks
        for card in data.get("cards") or []
    ]
    pairs = [
        (round(jaccard(wa, wb), 2), a, b)
        for (a, wa), (b, wb) in itertools.combinations(words, 2)
        if jaccard(wa, wb) >= threshold
    ]
    return sorted(pairs, reverse=True)


def quality_problems(qualities: list[Quality], duplicates: list[tuple[float, str, str]]) -> list[str]:
    """Every figure beyond its threshold, and every pair at NEAR_DUPLICATE or more."""
    problems = [f"{q.deck_id}: {what}" for q in qualities for what in _beyond(q)]
    problems += [
        f"near-duplicate cards {a} and {b} (similarity {s:.2f})"
        for s, a, b in duplicates
        if s >= NEAR_DUPLICATE
    ]
    return problems


def _beyond(q: Quality) -> list[str]:
    low, high = TRUE_SHARE
    checks = [
        (q.longest_share <= MAX_LONGEST_SHARE, f"right option uniquely longest in {q.longest_share:.0%}"),
        (
            q.only_hedged_share <= MAX_ONLY_HEDGED_SHARE,
            f"right option only hedged in {q.only_hedged_share:.0%}",
        ),
        (q.first_share <= MAX_FIRST_SHARE, f"right option listed first in {q.first_share:.0%}"),
        (
            q.absolute_share <= MAX_ABSOLUTE_SHARE,
            f"absolute words in {q.absolute_share:.0%} of false statements",
        ),
        (low <= q.true_share <= high, f"true share {q.true_share:.0%} (want {low:.0%}-{high:.0%})"),
    ]
    return [what for ok, what in checks if not ok]


def as_json(q: Quality) -> dict[str, Any]:
    return {
        "id": q.deck_id,
        "choice": q.choice,
        "longest": q.longest,
        "shortest": q.shortest,
        "only_hedged": q.only_hedged,
        "first": q.first,
        "true": q.true,
        "false": q.false,
        "absolute_false": q.absolute_false,
        "groups": dict(q.groups),
        "beyond_thresholds": _beyond(q),
    }


def _pct(share: float, bad: bool) -> str:
    return f"{share:.0%}" + ("!" if bad else "")


def print_quality(qualities: list[Quality], similar: list[tuple[float, str, str]], threshold: float) -> None:
    low, high = TRUE_SHARE
    print(
        f"\n{'quiz items':<24}{'choice':>7}{'longest':>9}{'shortest':>9}{'hedged':>8}{'first':>7}"
        f"{'t/f':>6}{'true':>7}{'absolute':>10}"
    )
    for q in qualities:
        print(
            f"{q.deck_id:<24}{q.choice:>7}"
            f"{_pct(q.longest_share, q.longest_share > MAX_LONGEST_SHARE):>9}"
            f"{_pct(q._share(len(q.shortest), q.choice), False):>9}"
            f"{_pct(q.only_hedged_share, q.only_hedged_share > MAX_ONLY_HEDGED_SHARE):>8}"
            f"{_pct(q.first_share, q.first_share > MAX_FIRST_SHARE):>7}{q.true + q.false:>6}"
            f"{_pct(q.true_share, not low <= q.true_share <= high):>7}"
            f"{_pct(q.absolute_share, q.absolute_share > MAX_ABSOLUTE_SHARE):>10}"
        )
    print(
        "choice cards whose right option is uniquely the longest (max "
        f"{MAX_LONGEST_SHARE:.0%}), uniquely the shortest, the only hedged one (max {MAX_ONLY_HEDGED_SHARE:.0%}),"
        f" listed first (max {MAX_FIRST_SHARE:.0%});\ntrue/false cards that are true ({low:.0%}-{high:.0%}),"
        f" false statements with an absolute word (max {MAX_ABSOLUTE_SHARE:.0%}); ! = beyond the threshold"
    )
    for q in qualities:
        print(f"{q.deck_id} cards per group: " + ", ".join(f"{g} {n}" for g, n in q.groups.items()))
        for label, ids in (("right option longest", q.longest), ("absolute words", q.absolute_false)):
            if ids:
                print(f"  {label}: {', '.join(ids)}")
    near = sum(s >= NEAR_DUPLICATE for s, _a, _b in similar)
    print(
        f"similar card pairs (content-word Jaccard >= {threshold:.2f}): {len(similar)},"
        f" near-duplicates (>= {NEAR_DUPLICATE:.2f}): {near}"
    )
    for sim, a, b in similar:
        print(f"  {sim:.2f}  {a}  ~  {b}")
