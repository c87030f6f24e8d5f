"""``kquiz export-anki DECK.yaml... OUT.apkg``: an Anki package of one or more decks.

Notes keep their identity across exports (GUIDs from deck id and card id): importing the package of
an edited deck into Anki updates the notes instead of adding copies.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kquiz.app.authoring import export_anki


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export-anki",
        help="export decks to an Anki package (.apkg)",
        description="Export decks (files or folders) to OUT.apkg. Topics become sub-decks; tags, "
        "sources, notes and images come along; a reversed card is one card asked back-first; choice "
        "options are shuffled (the same way on every export). Re-exporting after an edit updates the "
        "notes in Anki.",
    )
    parser.add_argument("decks", type=Path, nargs="+", metavar="DECK.yaml")
    parser.add_argument("out", type=Path, metavar="OUT.apkg")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    result = export_anki(args.decks, args.out)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    media = f", {result.media} image(s)" if result.media else ""
    print(
        f"Wrote {result.out}: {result.notes} note(s) in {len(result.decks)} Anki deck(s){media}. "
        "In Anki: File > Import."
    )
    return 0
