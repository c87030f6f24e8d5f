"""``kquiz schema [--out FILE]``: print or write the deck format's JSON Schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kquiz.app.authoring import schema_path, schema_text, write_schema


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print or write the JSON Schema of the deck format",
        description="Print the JSON Schema decks are checked against (for editors and CI), or write it "
        "to a file with --out. --path prints where the installed copy lives.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--out", "-o", type=Path, default=None, metavar="FILE")
    target.add_argument("--path", action="store_true", help="print the installed schema file's path")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.path:
        print(schema_path().resolve())
    elif args.out is not None:
        write_schema(args.out)
        print(f"Wrote the deck schema to {args.out}.", file=sys.stderr)
    else:
        sys.stdout.write(schema_text())
    return 0
