"""``kquiz import FILE --out DECK.yaml``: CSV, TSV, Quizlet, Anki text export or Anki package into a deck.

Exit codes: 0 when every row was imported; 1 when some rows could not be used (the good rows are
still written and each bad row is listed with its line) or when nothing usable was found (nothing is
written); 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kquiz.app.authoring import ImportFormat, ImportOptions, import_deck, import_messages, unescape_separator


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="make a deck from a CSV/TSV file, a Quizlet export, an Anki text export or an Anki package",
        description="Convert FILE into a kquiz deck. Card ids are derived from each front (or the Anki "
        "note id), so importing an updated file again keeps progress. Rows that cannot be used are listed "
        "with their line number (notes of a package by their number and nid:); the rest are written. "
        "Anki packages (.apkg, .colpkg) need the anki library: pip install 'kquiz[anki]'; their images "
        "are copied into DECK-media/ next to the deck.",
    )
    parser.add_argument(
        "file",
        type=Path,
        metavar="FILE",
        help='a CSV or TSV file (UTF-8, or UTF-16 as Excel\'s "Unicode Text"), a Quizlet export, an '
        'Anki "Notes in Plain Text" export, or an Anki package (.apkg, .colpkg)',
    )
    parser.add_argument(
        "--out", "-o", type=Path, required=True, metavar="DECK.yaml", help="the deck to write"
    )
    parser.add_argument(
        "--format",
        choices=[f.value for f in ImportFormat],
        default=None,
        help="default: an Anki package by its content; .csv → csv, .tsv/.tab → tsv; other files: "
        "anki-text when they start with Anki's #headers or hold HTML, tsv when UTF-16 or in 3+ tab "
        "columns or with a header row, else quizlet",
    )
    parser.add_argument(
        "--delimiter",
        default=None,
        metavar="X",
        help="CSV/TSV/Anki column separator (default: sniffed); 'tab' or '\\t' for a tab",
    )
    header = parser.add_mutually_exclusive_group()
    header.add_argument(
        "--header",
        dest="header",
        action="store_true",
        default=None,
        help="the first row is a header, not a card (default: detected: known column names in "
        "common languages, or a row unlike the rest; a skipped header is reported)",
    )
    header.add_argument("--no-header", dest="header", action="store_false", help="the first row is a card")
    parser.add_argument(
        "--term-sep", default=None, metavar="SEP", help="Quizlet: between term and definition (default: tab)"
    )
    parser.add_argument(
        "--row-sep",
        default=None,
        metavar="SEP",
        help="Quizlet: between rows (default: new line; '\\n\\n' for a blank line)",
    )
    parser.add_argument("--encoding", default=None, help="text encoding of FILE (default: UTF-8, or by BOM)")
    parser.add_argument("--deck-id", default=None, metavar="ID", help="default: from the --out file name")
    parser.add_argument("--title", default=None, help="default: from FILE's name")
    parser.add_argument(
        "--topic", default="general", metavar="ID", help="topic id for cards without one (default: general)"
    )
    parser.add_argument("--topic-title", default=None, metavar="TITLE")
    parser.add_argument("--language", default="en")
    parser.add_argument(
        "--schema",
        default=None,
        metavar="REF",
        help="what the editor schema line points at: 'installed' (default), 'relative', "
        "or a URL/path such as ./deck.schema.json",
    )
    parser.add_argument("--force", action="store_true", help="replace --out if it exists (re-import)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    options = ImportOptions(
        format=ImportFormat(args.format) if args.format else None,
        delimiter=unescape_separator(args.delimiter) if args.delimiter else None,
        header=args.header,
        term_sep=unescape_separator(args.term_sep) if args.term_sep else None,
        row_sep=unescape_separator(args.row_sep) if args.row_sep else None,
        encoding=args.encoding,
        deck_id=args.deck_id,
        title=args.title,
        topic=args.topic,
        topic_title=args.topic_title,
        language=args.language,
        schema_ref=args.schema,
    )
    report = import_deck(args.file, args.out, options, overwrite=args.force)
    summary, lines = import_messages(report)
    for line in lines:
        print(line, file=sys.stderr)
    print(summary)
    return 1 if report.problems else 0
