"""``kquiz self-test``: check that this kquiz (a source checkout or the installed bundle) works.

Headless by default (Qt's offscreen platform). Never touches the learner's data: everything
happens in a temporary data folder that is deleted afterwards. Prints one line per step,
"ok" or "FAILED: <reason>", and exits 0 only when every step passed.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kquiz import __version__
from kquiz.domain import CardKey, CardType, Rating, StudyMode
from kquiz.paths import ENV_CACHE_DIR, app_icon_file, bundled_decks_dir

EXIT_OK, EXIT_FAILED = 0, 1
_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="check that kquiz works here (decks, progress store, study, window, charts)",
        description=__doc__.split("\n\n")[1].replace("\n", " "),
    )
    parser.add_argument(
        "--gui", action="store_true", help="use the real display instead of rendering offscreen"
    )
    parser.add_argument("--verbose", action="store_true", help="print a traceback for a failed step")
    parser.set_defaults(handler=run)


class Steps:
    """Runs named steps, prints ``ok``/``FAILED`` per step, stops at the first failure."""

    def __init__(self, verbose: bool):
        self.verbose, self.failed = verbose, False

    def __call__(self, name: str, fn: Callable[[], str | None]) -> Any:
        if self.failed:
            return None
        started = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:  # every failure is reported, never raised past the self-test
            self.failed = True
            reason = str(exc) or type(exc).__name__
            print(f"  {name:<22} FAILED: {reason}", flush=True)
            if self.verbose:
                traceback.print_exc()
            return None
        took = time.perf_counter() - started
        print(f"  {name:<22} ok  ({took:.2f} s){'  ' + detail if detail else ''}", flush=True)
        return True


def _choose_platform(gui: bool) -> str:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if gui and (has_display or sys.platform in ("win32", "darwin")):
        return os.environ.get("QT_QPA_PLATFORM", "native display")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return "offscreen" + ("" if not gui else " (no display found)")


def cloze_blanks(text: str) -> list[str]:
    """The answers of a cloze text, in order (``{{c1::answer}}`` or ``{{c1::answer::hint}}``)."""
    return [match.group(1) for match in _CLOZE.finditer(text)]


def answer_correctly(session: Any) -> str:
    """Answer the session's current card the right way for its kind; returns the rating given."""
    shown = session.current
    card = shown.card
    grade = None
    if shown.kind in (CardType.BASIC, CardType.REVERSED):
        session.reveal()
        session.rate(Rating.GOOD)
        return "flipped, rated Good"
    if shown.kind == CardType.CHOICE:
        right = {choice.text for choice in card.choices if choice.correct}
        grade = session.submit_choice([i for i, text in enumerate(shown.choices) if text in right])
    elif shown.kind == CardType.TRUEFALSE:
        grade = session.submit_truefalse(card.answer)
    elif shown.kind == CardType.TYPED:
        grade = session.submit_text(card.answers[0])
    elif shown.kind == CardType.CLOZE:
        grade = session.submit_text("\n".join(cloze_blanks(card.text)))
    elif shown.kind == CardType.OCCLUSION:  # type the hidden region's label
        grade = session.submit_text(shown.answer)
    if grade is None or not grade.correct:
        raise AssertionError(f"a correct answer to {shown.key} was graded wrong ({grade})")
    rating = session.suggested_rating
    if rating is None or rating < Rating.GOOD:
        raise AssertionError(f"a correct answer to {shown.key} suggested {rating!r}")
    session.rate()
    return f"graded correct, rated {Rating(rating).name.title()}"


def study_each_type(core: Any, kinds: list[CardType], report: Steps) -> str:
    """One scheduled session over every bundled deck: answer one card of each type, bury the rest."""
    from kquiz.app import Phase, Selection

    core.save_settings(core.settings().with_changes(new_per_day=9999))  # every new card is reachable
    session = core.start_session(Selection(), StudyMode.SCHEDULED)
    todo, buried = list(kinds), 0
    for _ in range(10_000):
        if not todo or session.phase == Phase.FINISHED:
            break
        kind = session.current.kind
        if kind not in todo:
            session.bury()
            buried += 1
            continue
        todo.remove(kind)
        key = session.current.key

        def answer(key: CardKey = key) -> str:
            return f"{key}: {answer_correctly(session)}"

        report(f"study {kind.value}", answer)
        if report.failed:
            raise AssertionError(f"studying a {kind.value} card failed (see above)")
    if todo:
        raise AssertionError(f"the session never showed a {todo[0].value} card")
    return f"{len(kinds)} card types answered in one session, {buried} other cards buried"


def run(args: argparse.Namespace) -> int:
    shown_platform = _choose_platform(args.gui)
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source/installed package"
    print(
        f"kquiz {__version__} self-test ({frozen}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, Qt platform: {shown_platform})",
        flush=True,
    )
    report = Steps(args.verbose)
    saved_cache = os.environ.get(ENV_CACHE_DIR)
    with tempfile.TemporaryDirectory(prefix="kquiz-selftest-", ignore_cleanup_errors=True) as tmp:
        os.environ[ENV_CACHE_DIR] = str(Path(tmp) / "cache")  # no stale compiled-deck cache
        try:
            _run_steps(Path(tmp) / "data", args, report)
        finally:
            if saved_cache is None:
                os.environ.pop(ENV_CACHE_DIR, None)
            else:
                os.environ[ENV_CACHE_DIR] = saved_cache
    print("self-test " + ("FAILED" if report.failed else "passed"), flush=True)
    return EXIT_FAILED if report.failed else EXIT_OK


def _run_steps(data_dir: Path, args: argparse.Namespace, report: Steps) -> None:
    from kquiz.app import open_core

    state: dict[str, Any] = {}

    def deck_files() -> str:
        folder = bundled_decks_dir()
        files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
        if not files:
            raise AssertionError(f"no deck files in {folder}")
        return f"{len(files)} files in {folder}"

    def app_icon() -> str:
        icon = app_icon_file()
        if icon is None and getattr(sys, "frozen", False):
            raise AssertionError("the app icon is missing from the bundle")
        return str(icon) if icon else "none beside the package (the desktop entry provides it)"

    def open_store() -> str:
        state["core"] = core = open_core(data_dir)
        if not core.paths.progress_db.is_file():
            raise AssertionError(f"{core.paths.progress_db} was not created")
        return f"new SQLite file in a temporary folder ({core.paths.progress_db.name})"

    def load_decks() -> str:
        library = state["core"].load_library()
        if library.failures:
            raise AssertionError(f"a bundled deck does not load: {library.failures[0]}")
        if not library.decks:
            raise AssertionError("no decks were loaded")
        found = {card.type for deck in library.decks for card in deck.cards}
        missing = [kind.value for kind in CardType if kind not in found]
        if missing:
            raise AssertionError(f"the bundled decks have no {', '.join(missing)} card")
        cards = sum(len(deck.cards) for deck in library.decks)
        return f"{len(library.decks)} decks, {cards} cards, all {len(CardType)} card types"

    def reopen() -> str:
        state["core"].close()
        state["core"] = core = open_core(data_dir)
        core.load_library()
        reviews = list(core.store.iter_reviews())
        if len(reviews) != len(CardType):
            raise AssertionError(f"{len(reviews)} reviews on disk after reopening, expected {len(CardType)}")
        missing = [str(r.key) for r in reviews if core.store.get(r.key) is None]
        if missing:
            raise AssertionError(f"no saved schedule for {missing}")
        return f"{len(reviews)} reviews and their schedules read back after reopening"

    def main_window() -> str:
        from kquiz.ui.selftest import render_main_window

        description, state["running"] = render_main_window(state["core"])
        return description

    def stats_chart() -> str:
        from kquiz.ui.selftest import render_stats_chart

        return render_stats_chart(state["core"], state["running"].window)

    try:
        report("bundled deck files", deck_files)
        report("app icon", app_icon)
        report("progress store", open_store)
        report("load bundled decks", load_decks)
        if not report.failed:
            report("study session", lambda: study_each_type(state["core"], list(CardType), report))
        report("reviews are durable", reopen)
        report("main window", main_window)
        report("stats chart", stats_chart)
    finally:
        if "running" in state:
            state["running"].close()  # closes the window, waits for workers, closes the core
        elif "core" in state:
            state["core"].close()
