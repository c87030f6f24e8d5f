"""``kquiz validate PATH...``: check deck files and print every problem as ``path:line:col: message``.

Exit status: 0 when every deck is valid, 1 when any problem was found, 2 on a usage error
(a path that does not exist, or no deck files at all).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kquiz.app.validation import validate_paths

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check deck files and report every problem with its line and column",
        description="Check deck files (or folders, searched for *.yaml and *.yml) against the deck "
        "format. Prints each problem as path:line:col: message (with the offending line, a caret under the "
        "column and a hint saying what to change), then a summary. "
        "Exit status 0 = all valid, 1 = problems found, 2 = usage error.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck file or folder")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="'json' prints a list of {path, line, column, message, card_id, hint, excerpt}",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"kquiz validate: no such file or folder: {path}", file=sys.stderr)
        return EXIT_USAGE
    reports = validate_paths(args.paths)
    if not reports:
        print(
            "kquiz validate: no deck files (*.yaml, *.yml) found in " + ", ".join(map(str, args.paths)),
            file=sys.stderr,
        )
        return EXIT_USAGE
    problems = [p for r in reports for p in r.problems]
    if args.format == "json":
        json.dump([p.to_dict() for p in problems], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for problem in problems:
            print(problem.render())  # path:line:col: message, the line with a caret, the hint
        print(_summary(reports))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _summary(reports: list) -> str:
    good = [r for r in reports if r.ok]
    bad = [r for r in reports if not r.ok]
    count = sum(len(r.problems) for r in bad)
    valid = ", ".join(f"{r.path} ({r.deck.id}, {_cards(len(r.deck.cards))})" for r in good) or "none"
    if not bad:
        return f"{len(good)} deck{'s' if len(good) != 1 else ''} valid: {valid}"
    return (
        f"{count} problem{'s' if count != 1 else ''} in {len(bad)} of {len(reports)} "
        f"file{'s' if len(reports) != 1 else ''}; valid: {valid}"
    )


def _cards(n: int) -> str:
    return f"{n} card{'s' if n != 1 else ''}"
