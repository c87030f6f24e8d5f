"""``kquiz cards [QUERY] [--json] [--sort COLUMN]``: list the cards a query finds, with the browser's
columns; ``--suspend``, ``--unsuspend``, ``--unbury``, ``--flag``, ``--unflag``, ``--reset`` or
``--due-in N[-M]`` acts on them (one transaction) and says what changed; ``--dry-run`` only says;
``--export OUT`` writes them to a .yaml deck or an .apkg package."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from kquiz.app import open_core
from kquiz.app.cards import COLUMN_NAMES, COLUMNS, CardRow, act, export_cards, find_cards, row_dict

TABLE = ("type", "state", "due", "interval", "reviews", "lapses", "marks", "question")
ACTION_FLAGS = ("suspend", "unsuspend", "unbury", "flag", "unflag", "reset")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "cards",
        help="find cards with a query; list them or suspend, flag, reset, reschedule them",
        description="Find cards with the browser's query language (see docs/browser.md), e.g. "
        "'is:suspended', 'deck:ketamine-risks prop:lapses>3', '\"nmda receptor\" -is:new'. "
        "Without an action the matching cards are listed.",
    )
    parser.add_argument("query", nargs="*", help="the query (words are joined; empty: every card)")
    parser.add_argument("--json", action="store_true", help="print the cards as JSON")
    parser.add_argument("--sort", choices=COLUMN_NAMES, metavar="COLUMN", help="sort by a column")
    parser.add_argument("--desc", action="store_true", help="sort from the largest value down")
    group = parser.add_mutually_exclusive_group()
    for name in ACTION_FLAGS:
        group.add_argument(f"--{name}", action="store_true", help=f"{name} the matching cards")
    group.add_argument(
        "--due-in", metavar="N[-M]", help="make the cards due in N days (or at random in N to M days)"
    )
    group.add_argument(
        "--export", metavar="OUT", help="write the cards to OUT: a .yaml deck (one deck) or an .apkg package"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what an action would change; change nothing"
    )
    parser.set_defaults(handler=run)


def _table(rows: Sequence[CardRow]) -> str:
    cols = [c for name in TABLE for c in COLUMNS if c.name == name]
    cells = [["Card", *(c.title for c in cols)], *([str(r.key), *(c.text(r) for c in cols)] for r in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(cols))]
    out = []
    for line in cells:
        out.append("  ".join([*(cell.ljust(w) for cell, w in zip(line, widths)), line[-1]]).rstrip())
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    action = next((name for name in ACTION_FLAGS if getattr(args, name)), None)
    if args.due_in is not None:
        action = "due"
    if args.export:
        action = "export"
    with open_core(args.data_dir) as core:
        core.load_library()
        rows = find_cards(core, query, sort=args.sort, descending=args.desc)
        if action is None:
            if args.json:
                json.dump([row_dict(r) for r in rows], sys.stdout, indent=2)
                print()
            elif rows:
                print(_table(rows))
                print(f"{len(rows)} card{'s' if len(rows) != 1 else ''}.")
            else:
                print("No card matches.")
            return 0
        if args.export:
            print(export_cards(core, [r.key for r in rows], Path(args.export)))
            return 0
        try:
            change = act(core, action, [r.key for r in rows], days=args.due_in, dry_run=args.dry_run)
        except ValueError as exc:
            print(f"kquiz: {exc}", file=sys.stderr)
            return 2
        if args.json:
            json.dump(
                {"action": action, "dry_run": args.dry_run, "changed": [str(k) for k in change.after]},
                sys.stdout,
                indent=2,
            )
            print()
            return 0
        for key in change.after:
            print(f"  {key}")
        print(("Would be: " if args.dry_run else "") + change.message)
        return 0
