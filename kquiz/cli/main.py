"""``kquiz``: with no subcommand it opens the desktop app; subcommands work in the terminal.

Each subcommand lives in its own module under ``kquiz.cli`` and exposes
``register(subparsers) -> None``, which adds its parser and sets ``handler``
(a callable ``(args) -> int`` returning the exit code). Add new modules to COMMANDS.
Errors of the kquiz hierarchy are printed here, in one place, without a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from kquiz import __version__
from kquiz.errors import KQuizError

COMMANDS: tuple[str, ...] = (
    # one module name per subcommand group, e.g. "validate"; each is kquiz.cli.cmd_<name>
    "backup",
    "decks",
    "optimize",
    "reschedule",
    "orphans",
    "validate",
    "stats",
    "import",
    "new",
    "schema",
    "export_anki",
    "selftest",
    "cards",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors: keep that
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kquiz",
        description="Flashcards and quizzes about ketamine. Without a command, opens the app.",
        epilog="For education only; not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"kquiz {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where progress, settings and your own decks live "
        "(default: $KQUIZ_DATA_DIR, else the platform's user data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"kquiz.cli.cmd_{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ["KQUIZ_DATA_DIR"] = os.path.abspath(os.path.expanduser(args.data_dir))
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return _open_app(args)
        return int(handler(args))
    except KQuizError as exc:
        print(f"kquiz: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _open_app(args: argparse.Namespace) -> int:
    from kquiz.ui.launch import run_app  # Qt is imported only when the app is opened

    return run_app(data_dir=args.data_dir)
