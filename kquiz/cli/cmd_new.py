"""``kquiz new DECK.yaml --title "..."``: write a valid starter deck to edit (never overwrites)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kquiz.app.authoring import new_deck


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="write a starter deck: one card of each type, every field explained",
        description="Write a new deck file with one example card of each type and a comment on every "
        "field, plus the schema line editors use for completion and error squiggles.",
    )
    parser.add_argument("file", type=Path, metavar="DECK.yaml")
    parser.add_argument("--title", required=True)
    parser.add_argument(
        "--id", dest="deck_id", default=None, metavar="ID", help="the deck id (default: from the file name)"
    )
    parser.add_argument(
        "--schema",
        default=None,
        metavar="REF",
        help="what the schema line points at: 'installed' (default: the schema file of this "
        "kquiz), 'relative' (the same file, relative to the deck), or a URL/path such as "
        "./deck.schema.json (after `kquiz schema --out deck.schema.json`)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    deck_id = new_deck(args.file, args.title, deck_id=args.deck_id, schema=args.schema)
    print(f"Wrote {args.file} (deck id {deck_id}). Edit it, then check it with: kquiz validate {args.file}")
    return 0
