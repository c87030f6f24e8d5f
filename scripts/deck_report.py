#!/usr/bin/env python3
"""Report on and check the bundled ketamine decks; regenerate their `sources:` blocks.

    python3 scripts/deck_report.py                  # report + integrity checks (exit 1 on a problem)
    python3 scripts/deck_report.py --write-sources  # rewrite each deck's `sources:` block first
    python3 scripts/deck_report.py --json           # the report as JSON

The article registry (scripts/deck_articles.py) is the one place where each source
article's title, publisher and URL are typed. A deck's `sources:` block is generated from it plus
the section headings the deck's cards cite (in article order), so the same
metadata is never hand-typed twice. The articles are read from --sources DIR,
$KQUIZ_SOURCES_DIR, ../shared/sources beside the repository, or /work/shared/sources.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import deck_quality  # scripts/ is not a package: imported from the path above
from deck_articles import (  # re-exported: tests/test_bundled_decks.py reads them from this module
    ARTICLES,
    article_headings,
    article_lines,
    citation_form,
    citations,
    coverage_problems,
    find_sources_dir,
    print_coverage,
    resolve_section,
)

REPO = Path(__file__).resolve().parent.parent
DECK_DIR = REPO / "decks"
TOPICS = ("mechanisms", "indications", "risks", "foundations")
CARD_TYPES = ("basic", "reversed", "cloze", "choice", "truefalse", "typed", "occlusion")
# Minimum share of all bundled cards per type (issue 4), and a minimum for typed cards.
MIN_SHARE = {"choice": 0.20, "truefalse": 0.10, "cloze": 0.10}
MIN_TYPED = 5
MIN_CARDS = 150
# Decks whose sources are references (drug labels, regulators' and WHO documents, papers), not
# the articles: their `sources:` block is written by hand, every source needs a title and a
# publisher, and their cards use the deck's own topics (see decks/README.md, "The clinical deck").
REFERENCE_DECKS = frozenset({"ketamine-clinical"})
CLOZE = re.compile(r"\{\{c(\d+)::(.+?)\}\}")


def load_raw(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=yaml.CSafeLoader)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def deck_files(folder: Path = DECK_DIR) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))


@dataclass
class DeckReport:
    path: str
    deck_id: str
    cards: int
    types: Counter = field(default_factory=Counter)
    topics: Counter = field(default_factory=Counter)
    notes: int = 0


def is_reference_deck(data: dict[str, Any]) -> bool:
    return data.get("id") in REFERENCE_DECKS


def deck_topics(data: dict[str, Any]) -> tuple[str, ...]:
    """The topics a deck's cards may use: the shared four, or a reference deck's own."""
    if is_reference_deck(data):
        return tuple(str(t.get("id")) for t in data.get("topics") or [])
    return TOPICS


def check_card(card: dict[str, Any], where: str, topics: tuple[str, ...] = TOPICS) -> list[str]:
    """Authoring rules for the bundled decks (stricter than the deck format)."""
    problems: list[str] = []
    kind = card.get("type")
    if kind not in CARD_TYPES:
        return [f"{where}: unknown type {kind!r}"]
    if card.get("topic") not in topics:
        problems.append(f"{where}: topic {card.get('topic')!r} is not one of {topics}")
    if not str(card.get("explanation", "")).strip():
        problems.append(f"{where}: no explanation")
    if not card.get("tags"):
        problems.append(f"{where}: no tags")
    if not citations(card):
        problems.append(f"{where}: no source citation")
    if kind == "cloze":
        numbers = sorted({int(n) for n, _ in CLOZE.findall(card.get("text", ""))})
        if not numbers or numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"{where}: cloze numbers {numbers} do not run c1..cN without gaps")
    elif kind == "choice":
        choices = card.get("choices") or []
        texts = [c.get("text") for c in choices]
        if len(choices) < 3 or not any(c.get("correct") for c in choices):
            problems.append(f"{where}: a choice card needs 3+ choices and a correct one")
        if any(set(c) - {"text", "correct"} for c in choices):
            problems.append(f"{where}: a choice has keys other than text/correct (quote texts with commas)")
        if len(set(texts)) != len(texts):
            problems.append(f"{where}: duplicate choice texts")
    elif kind == "truefalse" and not isinstance(card.get("answer"), bool):
        problems.append(f"{where}: truefalse answer must be true or false")
    elif kind == "typed" and not card.get("answers"):
        problems.append(f"{where}: typed card without answers")
    elif kind == "occlusion" and not (card.get("regions") and card.get("image") and card.get("alt")):
        problems.append(f"{where}: an occlusion card needs an image, its alt text and regions")
    return problems


def check_deck(path: Path, data: dict[str, Any], sources_dir: Path | None) -> tuple[DeckReport, list[str]]:
    problems: list[str] = []
    rep = DeckReport(
        path=str(path.relative_to(REPO) if path.is_relative_to(REPO) else path),
        deck_id=str(data.get("id")),
        cards=len(data.get("cards") or []),
    )
    listed = {s["id"]: s for s in data.get("sources") or []}
    for sid, src in listed.items():
        if is_reference_deck(data):
            if sid in ARTICLES or not src.get("title") or not src.get("publisher"):
                problems.append(
                    f"{rep.path}: reference {sid!r} needs a title and publisher (and is no article)"
                )
            continue
        meta = ARTICLES.get(sid)
        if meta is None:
            problems.append(f"{rep.path}: source {sid!r} is not in the article registry")
            continue
        for key in ("title", "publisher"):
            if (src.get(key) or "") != meta[key]:
                problems.append(
                    f"{rep.path}: source {sid!r} {key} differs from the registry (run --write-sources)"
                )
        if sources_dir is not None:
            heads = article_headings(sources_dir, sid)
            for section in src.get("sections") or []:
                if resolve_section(section, heads) is None:
                    problems.append(
                        f"{rep.path}: {sid!r} section {section!r} is not a heading line of {meta['file']}"
                    )
    seen: set[str] = set()
    for i, card in enumerate(data.get("cards") or []):
        cid = card.get("id", f"#{i}")
        where = f"{rep.path}: card {cid!r}"
        if cid in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(cid)
        rep.types[card.get("type")] += 1
        rep.topics[card.get("topic")] += 1
        rep.notes += bool(card.get("note"))
        problems += check_card(card, where, deck_topics(data))
        for cit in citations(card):
            src = listed.get(cit.get("id"))
            if src is None:
                problems.append(f"{where}: cites unlisted source {cit.get('id')!r}")
            elif cit.get("section") not in (src.get("sections") or []):
                problems.append(f"{where}: section {cit.get('section')!r} not listed for {cit.get('id')!r}")
    return rep, problems


def check_all(folder: Path = DECK_DIR, sources_dir: Path | None = None) -> tuple[list[DeckReport], list[str]]:
    reports, problems = [], []
    card_owner: dict[str, str] = {}
    deck_ids: set[str] = set()
    for path in deck_files(folder):
        data = load_raw(path)
        rep, probs = check_deck(path, data, sources_dir)
        reports.append(rep)
        problems += probs
        if rep.deck_id in deck_ids:
            problems.append(f"{rep.path}: deck id {rep.deck_id!r} used twice")
        deck_ids.add(rep.deck_id)
        for card in data.get("cards") or []:
            other = card_owner.setdefault(card.get("id"), rep.deck_id)
            if other != rep.deck_id:
                problems.append(f"{rep.path}: card id {card.get('id')!r} also used in deck {other!r}")
    types = sum((r.types for r in reports), Counter())
    topics = sum((r.topics for r in reports), Counter())
    total = sum(types.values())
    if total < MIN_CARDS:
        problems.append(f"only {total} cards in all (want {MIN_CARDS}+)")
    for kind, share in MIN_SHARE.items():
        if total and types[kind] / total < share:
            problems.append(f"{kind} cards are {types[kind] / total:.0%} of all (want {share:.0%}+)")
    if types["typed"] < MIN_TYPED:
        problems.append(f"only {types['typed']} typed cards (want {MIN_TYPED}+)")
    for topic in TOPICS:
        if not topics[topic]:
            problems.append(f"no cards for topic {topic!r}")
    if sources_dir is not None:
        problems += coverage_problems([load_raw(p) for p in deck_files(folder)], sources_dir)
    return reports, problems


# ---- generating the sources blocks -----------------------------------------


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def render_sources(data: dict[str, Any], sources_dir: Path) -> str:
    """The generated `sources:` block of an article deck (not used for REFERENCE_DECKS)."""
    cited: dict[str, set[str]] = {}
    for card in data.get("cards") or []:
        for cit in citations(card):
            cited.setdefault(cit["id"], set()).add(cit["section"])
    lines = ["sources:"]
    for sid in ARTICLES:  # registry order
        if sid not in cited:
            continue
        meta = ARTICLES[sid]
        heads = article_headings(sources_dir, sid)
        unknown = sorted(s for s in cited[sid] if resolve_section(s, heads) is None)
        if unknown:
            raise SystemExit(f"{data.get('id')}: {sid} has no heading line(s) {unknown}")
        lines_of = article_lines(sources_dir, sid)
        named = {resolve_section(s, heads) for s in cited[sid]}
        order = [h for i, h in enumerate(heads) if h in named and h not in heads[:i]]
        lines += [
            f"  - id: {sid}",
            f"    title: {_quote(meta['title'])}",
            f"    publisher: {_quote(meta['publisher'])}",
        ]
        if meta.get("url"):
            lines.append(f"    url: {meta['url']}")
        lines.append("    sections:")
        # the comment gives the heading's line in the article (and keeps two
        # consecutive headings from reading as one run of article text)
        lines += [f"      - {_quote(citation_form(h))}  # line {lines_of.index(h) + 1}" for h in order]
    return "\n".join(lines) + "\n"


def write_sources(path: Path, sources_dir: Path) -> bool:
    if is_reference_deck(load_raw(path)):
        return False  # written by hand: its sources are references, not articles
    text = path.read_text(encoding="utf-8")
    block = render_sources(load_raw(path), sources_dir)
    pattern = re.compile(r"^sources:.*?(?=^cards:)", re.S | re.M)
    if not pattern.search(text):
        raise SystemExit(f"{path}: no top-level `sources:` followed by `cards:`")
    new = pattern.sub(lambda _m: block, text, count=1)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


# ---- output ------------------------------------------------------------------


def print_report(reports: list[DeckReport]) -> None:
    types = sum((r.types for r in reports), Counter())
    topics = sum((r.topics for r in reports), Counter())
    total = sum(types.values())
    head = f"{'deck':<24}{'cards':>6}" + "".join(f"{t:>10}" for t in CARD_TYPES) + f"{'notes':>7}"
    print(head)
    for r in reports:
        print(
            f"{r.deck_id:<24}{r.cards:>6}"
            + "".join(f"{r.types[t]:>10}" for t in CARD_TYPES)
            + f"{r.notes:>7}"
        )
    print(
        f"{'all decks':<24}{total:>6}"
        + "".join(f"{types[t]:>10}" for t in CARD_TYPES)
        + f"{sum(r.notes for r in reports):>7}"
    )
    print(f"{'share':<24}{'':>6}" + "".join(f"{types[t] / max(total, 1):>10.0%}" for t in CARD_TYPES))
    names = list(TOPICS) + [t for t in topics if t not in TOPICS]
    print("per topic: " + ", ".join(f"{t} {topics[t]}" for t in names))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DECK_DIR))
    parser.add_argument("--sources", help="folder holding the source articles")
    parser.add_argument("--write-sources", action="store_true", help="regenerate each deck's sources block")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--similar", type=float, default=deck_quality.SIMILAR, help="list card pairs this similar"
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="list every heading of every article with the cards that cite it",
    )
    args = parser.parse_args(argv)
    folder = Path(args.folder)
    sources_dir = find_sources_dir(args.sources)
    if args.write_sources:
        if sources_dir is None:
            parser.error("no source articles found (use --sources DIR)")
        for path in deck_files(folder):
            if write_sources(path, sources_dir):
                print(f"rewrote sources block of {path}")
    reports, problems = check_all(folder, sources_dir)
    datas = [(path, load_raw(path)) for path in deck_files(folder)]
    qualities = [deck_quality.quality(path, data) for path, data in datas]
    similar = deck_quality.near_duplicates([data for _path, data in datas], args.similar)
    if args.coverage and sources_dir is not None:
        print_coverage([data for _path, data in datas], sources_dir)
    if args.json:
        print(
            json.dumps(
                {
                    "decks": [
                        {
                            "id": r.deck_id,
                            "path": r.path,
                            "cards": r.cards,
                            "types": dict(r.types),
                            "topics": dict(r.topics),
                            "notes": r.notes,
                        }
                        for r in reports
                    ],
                    "quality": [deck_quality.as_json(q) for q in qualities],
                    "similar": [{"similarity": s, "cards": [a, b]} for s, a, b in similar],
                    "problems": problems,
                },
                indent=2,
            )
        )
    else:
        print_report(reports)
        deck_quality.print_quality(qualities, similar, args.similar)
        if sources_dir is None:
            print("note: source articles not found; section headings were not checked against them")
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
