"""``kquiz print DECK.yaml... --out quiz.pdf``: a printable test (worksheet) and its answer key.

The questions are drawn like the app's Study → Take a test… (seeded, spread across topics by size);
the same seed gives the same paper. PDF pages are drawn by Qt (kquiz.ui.printing, imported only
then); ``--format html`` writes the same worksheet as HTML for a word processor, without Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "print",
        help="print a test of deck files as a PDF (or HTML) worksheet with an answer key",
        description="Draw a test from deck files (or folders of them) and write it as a worksheet: "
        "title, name and date lines, numbered questions (lettered options, true/false boxes, answer "
        "lines) and an answer key with explanations and sources on its own pages. The seed is printed "
        "on the sheet: the same seed gives the same paper.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="DECK", help="deck file or folder")
    parser.add_argument("--out", "-o", type=Path, required=True, metavar="FILE", help="where to write")
    parser.add_argument("--questions", "-n", type=int, default=20, metavar="N", help="how many (default 20)")
    parser.add_argument("--seed", type=int, default=None, metavar="S", help="default: a new one each time")
    parser.add_argument("--topic", default=None, metavar="T", help="only cards of this topic id")
    parser.add_argument(
        "--answers",
        choices=("separate", "inline", "none"),
        default="separate",
        help="the key on its own pages (default), under each question, or none",
    )
    parser.add_argument("--format", choices=("pdf", "html"), default=None, help="default: from --out")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="PDF page size")
    parser.add_argument("--title", default=None, help="default: the deck's title")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kquiz.app.quiz import AnswersMode, to_html, worksheet_from_files

    missing = [p for p in args.paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"kquiz print: no such file or folder: {path}", file=sys.stderr)
        return EXIT_USAGE
    if args.questions < 1:
        print("kquiz print: --questions must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    fmt = args.format or ("html" if args.out.suffix.lower() in (".html", ".htm") else "pdf")
    sheet = worksheet_from_files(
        args.paths,
        count=args.questions,
        seed=args.seed,
        topic=args.topic,
        answers=AnswersMode(args.answers),
        title=args.title,
    )
    html = to_html(sheet)
    if fmt == "html":
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(html, encoding="utf-8")
    else:
        from kquiz.ui.printing import write_pdf  # Qt draws the pages

        write_pdf(html, args.out, title=sheet.title, paper=args.paper)
    n = len(sheet.questions)
    key = {"separate": "answer key on its own pages", "inline": "answers inline", "none": "no answers"}
    print(
        f"Wrote {args.out}: {n} question{'s' if n != 1 else ''}, {sheet.subtitle.rsplit(' · ', 1)[-1]} "
        f"({key[args.answers]})."
    )
    if n < args.questions:
        print(f"Only {n} cards in scope could be asked.", file=sys.stderr)
    return EXIT_OK
