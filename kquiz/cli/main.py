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
from collections.abc import Callable, Sequence
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
    "print",
    "sync",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # the output's reader went away (see main)


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
    """Run one command. Its output piped into a reader that stops early (``kquiz stats | head -2``)
    ends quietly, as Unix tools do: no traceback, exit code EXIT_BROKEN_PIPE (141 = 128 + SIGPIPE,
    what a shell reports for a tool killed by SIGPIPE; Python ignores that signal, so we say it)."""
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows up here when the output fitted in the buffer
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE


def _run(argv: Sequence[str] | None) -> int:
    from kquiz.app.logs import logger, setup_logging

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:  # passed to each command (open_core, backups); $KQUIZ_DATA_DIR is the fallback
        args.data_dir = os.path.abspath(os.path.expanduser(args.data_dir))
    handler = getattr(args, "handler", None)
    if handler is None:  # the app sets up its log itself, in the data folder it settles on
        return _guarded(lambda: _open_app(args))
    logged_to_file = setup_logging(args.data_dir) is not None
    from kquiz.cli.safe_output import escaped_output

    try:
        with escaped_output():  # deck text with terminal escapes is printed as \x1b..., not obeyed
            return _guarded(lambda: int(handler(args)))
    except (BrokenPipeError, SystemExit):
        raise
    except Exception:
        if logged_to_file:  # the traceback also goes to the terminal, as before
            logger.exception("kquiz %s failed unexpectedly", args.command)
        raise


def _guarded(run: Callable[[], int]) -> int:
    try:
        return run()
    except KQuizError as exc:
        print(f"kquiz: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a frozen GUI build, a test's capture)
        pass


def _open_app(args: argparse.Namespace) -> int:
    from kquiz.ui.launch import run_app  # Qt is imported only when the app is opened

    return run_app(data_dir=args.data_dir)
