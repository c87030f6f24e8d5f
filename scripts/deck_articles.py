"""The five source articles of the article decks: their registry, their headings, how a card
cites a heading, and which headings the decks' cards cover.

Split from scripts/deck_report.py, which imports these names (and re-exports them to the tests).
The articles are read from --sources DIR, $KQUIZ_SOURCES_DIR, ../shared/sources beside the
repository, or /work/shared/sources.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def citations(card: dict[str, Any]) -> list[dict[str, str]]:
    src = card.get("source")
    if src is None:
        return []
    return list(src) if isinstance(src, list) else [src]


# One entry per article in the shared sources folder. Titles are recorded as the
# article gives them; where the full title is eight words or more only the main
# title (before the colon) is kept, so that bibliographic data does not count as
# copied prose in the verbatim check (see decks/README.md).
ARTICLES: dict[str, dict[str, Any]] = {
    "science-of-ketamine": {
        "file": "000_744a598f0709833d.txt",
        "title": "The Science Behind How Ketamine Works",
        # No url: the only address the page gives is the publisher's service page, not the article.
        "publisher": "Peace Valley Recovery",
    },
    "ketamine-and-the-brain": {
        "file": "001_08c57f6836ed5ef7.txt",
        "title": "Ketamine and the brain",
        "publisher": "",
    },
    "unique-anesthetic": {
        "file": "002_36ed6a9f37a9652b.txt",
        "title": "Ketamine: A Unique Anesthetic with Therapeutic Potential",
        "publisher": "",
    },
    "ketamine-brain-effects": {
        "file": "003_e7f9e391a3bef133.txt",
        "title": "What Does Ketamine Do to Your Brain?",
        "publisher": "ReYou Ketamine",
    },
    "infusion-science": {
        "file": "004_e6cc7dd8ef131328.txt",
        "title": "The Science Behind Ketamine Infusions",
        "publisher": "Save Minds",
    },
}


# Headings that carry text but that no card cites, each with the reason. The coverage
# check fails on any other heading with text under it and no citing card, so a fact
# cannot be skipped silently.
UNCITED: dict[str, dict[str, str]] = {
    "science-of-ketamine": {
        "Conclusion": "restates earlier sections and promotes the publisher",
    },
    "ketamine-and-the-brain": {
        "Conclusion": "restates earlier sections; the rest is a list of unrelated links",
    },
    "unique-anesthetic": {
        "Blog Article": "a page label; the introduction under it is cited under the title heading",
        "Ketamine: A new frontier in mental illness treatment": "every fact also appears under a cited heading (uses, mechanism, onset, experimental status)",
    },
    "ketamine-brain-effects": {
        "What Does Ketamine Do to Your Brain? - ReYou Ketamine in NJ": "introduction; no fact not carded elsewhere",
        "In Conclusion": "restates earlier sections and advertises the publisher",
    },
    "infusion-science": {
        "The Science Behind Ketamine Infusions: How They Work - London, UK": "introduction; no fact not carded elsewhere",
        "Explore Ketamine Infusion Therapy at Save Minds in London, UK": "advertisement",
    },
}


def find_sources_dir(explicit: str | None = None) -> Path | None:
    candidates = [
        explicit,
        os.environ.get("KQUIZ_SOURCES_DIR"),
        REPO.parent / "shared" / "sources",
        "/work/shared/sources",
    ]
    for cand in candidates:
        if cand and Path(cand).is_dir():
            return Path(cand)
    return None


def article_lines(sources_dir: Path, source_id: str) -> list[str]:
    text = (sources_dir / ARTICLES[source_id]["file"]).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()]


def is_heading(line: str) -> bool:
    """A line acting as a heading: short, not a sentence, not a bullet."""
    words = line.split()
    return 0 < len(words) <= 12 and not line.endswith((".", ",", ";")) and not line.startswith("•")


def article_headings(sources_dir: Path, source_id: str) -> list[str]:
    return [line for line in article_lines(sources_dir, source_id) if is_heading(line)]


CITE_WORDS = 7  # the project's verbatim check flags runs of 8 words; a citation stays below that
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")


def citation_form(heading: str) -> str:
    """How a card cites a heading: the heading itself, or for a heading of 8+ words its first
    seven words followed by an ellipsis, so no citation quotes 8 words of an article."""
    words = list(_WORD.finditer(heading))
    if len(words) <= CITE_WORDS:
        return heading
    return heading[: words[CITE_WORDS - 1].end()] + "…"


def resolve_section(section: str, headings: list[str]) -> str | None:
    """The heading a citation names: an exact heading, or the one heading whose citation form it is."""
    if section in headings:
        return section
    matches = {h for h in headings if citation_form(h) == section}
    return matches.pop() if len(matches) == 1 else None


def article_sections(sources_dir: Path, source_id: str) -> list[tuple[str, int, int]]:
    """(heading, line number, words of text under it before the next heading) in article order."""
    sections: list[tuple[str, int, int]] = []
    for number, line in enumerate(article_lines(sources_dir, source_id), start=1):
        if not line:
            continue
        if is_heading(line):
            sections.append((line, number, 0))
        elif sections:
            head, at, words = sections[-1]
            sections[-1] = (head, at, words + len(line.split()))
    return sections


def coverage(
    decks: list[dict[str, Any]], sources_dir: Path
) -> dict[str, list[tuple[str, int, int, list[str]]]]:
    """Per article: (heading, line, words under it, ids of the decks' cards citing it)."""
    citing: dict[tuple[str, str], list[str]] = {}
    for data in decks:
        for card in data.get("cards") or []:
            for cit in citations(card):
                citing.setdefault((cit.get("id"), cit.get("section")), []).append(card.get("id"))
    return {
        sid: [
            (head, line, words, citing.get((sid, citation_form(head)), []))
            for head, line, words in article_sections(sources_dir, sid)
        ]
        for sid in ARTICLES
    }


def coverage_problems(decks: list[dict[str, Any]], sources_dir: Path) -> list[str]:
    problems = []
    for sid, rows in coverage(decks, sources_dir).items():
        for head, line, words, cards in rows:
            explained = head in UNCITED.get(sid, {})
            if words and not cards and not explained:
                problems.append(
                    f"{ARTICLES[sid]['file']}:{line}: heading {head!r} has text but no card"
                    " cites it (add cards, or a reason in UNCITED)"
                )
            if cards and explained:
                problems.append(
                    f"{ARTICLES[sid]['file']}:{line}: heading {head!r} is cited but listed in UNCITED"
                )
    return problems


def print_coverage(decks: list[dict[str, Any]], sources_dir: Path) -> None:
    for sid, rows in coverage(decks, sources_dir).items():
        print(f"{sid} ({ARTICLES[sid]['file']})")
        for head, line, words, cards in rows:
            if cards:
                status = f"{len(cards)} card(s): {', '.join(cards)}"
            elif head in UNCITED.get(sid, {}):
                status = f"not cited: {UNCITED[sid][head]}"
            else:
                status = "no text under it" if not words else "NOT COVERED"
            print(f"  line {line:>3}  {head}\n            {status}")
    print()
