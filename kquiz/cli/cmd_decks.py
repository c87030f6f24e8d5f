"""``kquiz decks``: every loaded deck with its new / learning / due-today counts, and per topic."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kquiz.app import Core, open_core


def _row(label: str, counts: Any, width: int) -> str:
    name = label if len(label) <= width else label[: width - 1] + "…"
    return f"{name:<{width}} {counts.new:>5} {counts.learning:>8} {counts.review:>5}"


def _report(core: Core) -> dict[str, Any]:
    library = core.library
    decks = []
    for deck in library.decks:
        topic_counts = core.topic_counts(deck.id)
        titles = {t.id: t.title for t in deck.topics}
        decks.append(
            {
                "id": deck.id,
                "title": deck.title,
                "path": deck.path,
                "cards": len(deck.cards),
                "counts": core.counts(deck.id).to_dict(),
                "topics": [
                    {"id": tid, "title": titles.get(tid, tid), "counts": c.to_dict()}
                    for tid, c in topic_counts.items()
                ],
            }
        )
    return {
        "decks": decks,
        "failures": [p.to_dict() for error in library.failures for p in error.problems],
    }


def _print_text(report: dict[str, Any]) -> None:
    from kquiz.app import Counts

    if not report["decks"]:
        print("No decks found. Put *.yaml decks in your decks folder or add a folder in the app.")
    else:
        rows: list[tuple[str, Any]] = []
        for deck in report["decks"]:
            rows.append(
                (f"{deck['title']} ({deck['cards']} cards, id {deck['id']})", Counts(**deck["counts"]))
            )
            if len(deck["topics"]) > 1:
                rows += [("  " + t["title"], Counts(**t["counts"])) for t in deck["topics"]]
        width = min(max(len(label) for label, _ in rows), 96)
        print(f"{'Deck / topic':<{width}} {'New':>5} {'Learning':>8} {'Due':>5}")
        for label, counts in rows:
            print(_row(label, counts, width))
        print(
            "New: new cards you can start today · Learning: cards in learning steps · Due: reviews due today"
        )


def _run(args: argparse.Namespace) -> int:
    with open_core(args.data_dir) as core:
        core.load_library()
        report = _report(core)
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_text(report)
    for problem in report["failures"]:
        where = problem["path"] + (f":{problem['line']}:{problem['column'] or 1}" if problem["line"] else "")
        print(f"{where}: {problem['message']}", file=sys.stderr)
    if report["failures"]:
        print(
            "Some deck files could not be loaded (see above; `kquiz validate FILE` checks one).",
            file=sys.stderr,
        )
        return 1
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "decks",
        help="list decks with new / learning / due-today counts",
        description="List every deck kquiz can see (bundled, your decks folder, added folders) with how "
        "many new, learning and due cards it would show today, per deck and per topic. Daily limits are "
        "applied. Exits 1 if some deck file could not be loaded.",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.set_defaults(handler=_run)
