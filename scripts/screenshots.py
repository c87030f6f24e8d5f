"""Regenerate docs/screenshots/: every screen of the desktop app, light and dark.

    python3 scripts/screenshots.py [--out docs/screenshots]

Runs offscreen on a throw-away data folder with the bundled decks only (plus, for the
library-errors shots, one broken deck from the tests). Nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kquiz.app import Selection, open_core  # noqa: E402
from kquiz.clock import FixedClock, SystemClock  # noqa: E402
from kquiz.ui.launch import build_app  # noqa: E402
from kquiz.ui.workers import wait_idle  # noqa: E402

BROKEN = ROOT / "tests" / "data" / "ui" / "broken"  # one deck with mistakes, for the error listing


def settle(app: QApplication, rounds: int = 6) -> None:
    for _ in range(rounds):
        wait_idle()
        app.processEvents()


def shoot(widget, out: Path, name: str) -> None:
    QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def find_card(window, session, kind: str) -> int:
    """Bury cards until one of ``kind`` is shown; returns how many to undo afterwards."""
    buried = 0
    while session.current is not None and str(session.current.kind) != kind:
        session.bury()
        buried += 1
    window.study.start(session)
    return buried


def study_shots(window, session, out: Path, scheme: str) -> None:
    """One card of each kind, as a question and answered (right, wrong, near miss or flipped)."""
    for kind, answer in (
        ("basic", None),
        ("basic", "flip"),
        ("choice", None),
        ("choice", "wrong"),
        ("truefalse", "right"),
        ("typed", None),
        ("typed", "near"),
        ("cloze", "flip"),
    ):
        buried = find_card(window, session, kind)
        if session.current is None:
            continue
        shown, state = session.current, "answer"
        if answer == "wrong":
            window.study.submit_choice(
                [i for i, t in enumerate(shown.choices) if t not in shown.answer.split("\n")][:1]
            )
        elif answer == "right":
            window.study.submit_truefalse(bool(shown.card.answer))
        elif answer == "flip":
            window.study.reveal()
        elif answer == "near":  # one letter short: graded right, with the difference shown
            window.study.input.edit.setText(shown.card.answers[0][:-1])
            window.study.input.check()
        else:
            state = "question"
        settle(QApplication.instance(), 2)
        shoot(window, out, f"study-{kind}-{state}-{scheme}")
        for _ in range(buried):
            session.undo()


def real_use_shots(window, core, session, out: Path, scheme: str) -> None:
    """800×600 with an 18 pt card font: a wrong typed answer, a cloze reveal and the Stats window."""
    from kquiz.ui import theme
    from kquiz.ui.stats.window import StatsWindow

    app = QApplication.instance()
    size = window.size()
    theme.apply(app, scheme, 18)
    window.resize(800, 600)
    for kind, name in (("typed", "typed-wrong"), ("cloze", "cloze-answer")):
        buried = find_card(window, session, kind)
        if session.current is None:
            continue
        if kind == "typed":
            window.study.input.edit.setText("the general anaesthetic")
            window.study.input.check()
        else:
            window.study.reveal()
        settle(app, 3)
        shoot(window, out, f"study-{name}-800x600-18pt-{scheme}")
        for _ in range(buried):
            session.undo()
        window.study.start(session)
    stats = StatsWindow(core)
    stats.resize(800, 600)
    stats.show()
    for _ in range(200):
        settle(app, 1)
        if stats.report is not None:
            break
    settle(app, 2)
    shoot(stats, out, f"stats-800x600-{scheme}")
    stats.close()
    theme.apply(app, scheme, core.settings().font_size)
    window.resize(size)
    settle(app, 2)


def browser_shot(window, *, out: Path, scheme: str) -> None:
    """The Browse window on every card, soonest due first, a studied card selected with its history."""
    from kquiz.app.cards import act, find_cards

    core = window.core
    if scheme == "light":  # marks to show: a flagged card and a suspended one
        studied = [r.key for r in find_cards(core, "-is:new")]
        act(core, "flag", studied[:1])
        act(core, "suspend", studied[1:2])
    window.open_browser()
    browser = window.browser
    browser.resize(1320, 760)  # its size on a desktop screen (the offscreen screen is only 800 wide)
    browser.search.setText("")
    settle(QApplication.instance(), 4)
    browser.table.sortByColumn(
        [c.name for c in browser.model.columns].index("due"), Qt.SortOrder.AscendingOrder
    )
    browser.table.selectRow(0)
    settle(QApplication.instance(), 2)
    shoot(browser, out, f"browser-{scheme}")
    browser.close()


def reload_banner_shot(out: Path, tmp: Path) -> None:
    """A deck saved with a slip while it is studied: the banner with the problem's line, caret and hint."""
    from tests.decks.slips import BASE  # the small deck of the slip corpus (tests/decks/slips.py)

    deck = tmp / "banner" / "decks" / "moons.yaml"
    deck.parent.mkdir(parents=True)
    deck.write_text(BASE, encoding="utf-8")
    core = open_core(
        tmp / "banner" / "data", clock=SystemClock(), extra_deck_dirs=[deck.parent], include_bundled=False
    )
    running = build_app(tmp / "banner" / "data", core=core)
    assert running is not None
    window = running.window
    window.resize(1000, 720)
    window.notice.hide()
    settle(running.app)  # the library loads in the background
    session = core.start_session(Selection(deck_ids=("moons",)))
    window.nav.session = session
    window.show_study(session)
    settle(running.app)
    broken = BASE.replace("front: Which moon of Jupiter", "front: Jupiter's moons: which")  # an unquoted ': '
    deck.write_text(broken, encoding="utf-8")
    banner = window.live_reload.banner
    for _ in range(100):  # the watcher waits for the file to settle, then reloads it
        settle(running.app, 1)
        if banner.isVisible():
            break
        time.sleep(0.05)
    assert banner.isVisible(), "the reload banner did not appear"
    settle(running.app)
    shoot(window, out, "live-reload-banner")
    running.close()


def reporting_shots(out: Path, tmp: Path) -> None:
    """The error dialog of an unexpected error (with Copy details) and a status-bar notice."""
    from kquiz.ui.errors import show_error

    data = tmp / "reporting" / "data"
    running = build_app(data, core=open_core(data, clock=SystemClock()))
    assert running is not None
    app, window = running.app, running.window
    window.resize(1100, 760)
    window.set_theme("light")
    settle(app)
    window.loader.load()  # File → Open folder… while the decks are still loading: a notice
    window.loader.add_folder(tmp)
    app.processEvents()
    assert "still loading" in window.statusBar().currentMessage()
    shoot(window, out, "status-notice-light")
    settle(app)

    def average_interval(days: list[int]) -> float:
        return sum(days) / len(days)

    try:
        average_interval([])
    except ZeroDivisionError as exc:
        box = show_error(exc, window)
    assert box is not None
    settle(app, 2)
    shoot(box, out, "error-dialog-light")
    box.accept()
    running.close()


def diagram_shots(out: Path, tmp: Path) -> None:
    """Cards with a diagram (issue 22), light and dark: one shown with its question, and two answered,
    scrolled down to the diagram that comes with the answer."""
    from kquiz.domain import CardKey

    data = tmp / "diagrams"
    core = open_core(data, clock=FixedClock(SystemClock().now()), seed=7)
    running = build_app(data, core=core)
    assert running is not None
    app, window = running.app, running.window
    shots = (
        ("question", CardKey("ketamine-foundations", "chem-s-potency"), None, (1100, 760)),
        ("answer", CardKey("ketamine-mechanisms", "mech-disinhibition"), 0, (1100, 900)),
        ("answer-bladder", CardKey("ketamine-risks", "risk-cystitis"), 0, (1100, 900)),
        ("occlusion-question", CardKey("ketamine-mechanisms", "mech-nmda-parts.pcp-site"), None, (1100, 760)),
        (
            "occlusion-hide-all",
            CardKey("ketamine-clinical", "clin-pk-metabolism-parts.norketamine"),
            None,
            (1100, 760),
        ),
        ("occlusion-answer", CardKey("ketamine-mechanisms", "mech-nmda-parts.pcp-site"), "flip", (1100, 760)),
    )
    for scheme in ("light", "dark"):
        window.set_theme(scheme)
        for name, key, choice, size in shots:
            window.resize(*size)
            session = core.start_session(Selection(keys=(key,)))
            window.nav.session = session
            window.show_study(session)
            settle(app, 3)
            if choice == "flip":
                window.study.reveal()
            elif choice is not None:
                shown = session.current
                right = [i for i, t in enumerate(shown.choices) if t in shown.answer.split("\n")]
                window.study.submit_choice(right[:1])
                settle(app, 3)
                window.study.scroll_area.ensureWidgetVisible(window.study.card.answer_image, 0, 0)
            settle(app, 3)
            shoot(window, out, f"study-diagram-{name}-{scheme}")
    running.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--banner-only", action="store_true", help="only the live-reload banner shot")
    parser.add_argument(
        "--reporting-only", action="store_true", help="only the error dialog and status-bar notice shots"
    )
    parser.add_argument("--diagrams-only", action="store_true", help="only the cards with a diagram")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.banner_only or args.reporting_only or args.diagrams_only:
        tmp = Path(tempfile.mkdtemp(prefix="kquiz-shots-"))
        try:
            only = reload_banner_shot if args.banner_only else reporting_shots
            (diagram_shots if args.diagrams_only else only)(args.out, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="kquiz-shots-"))
    try:
        data = tmp / "data"
        clock = FixedClock(SystemClock().now())  # moved on by hand, so the summary shows a real time
        core = open_core(data, clock=clock, seed=7)  # the bundled decks only
        running = build_app(data, core=core)
        assert running is not None
        app, window = running.app, running.window
        window.resize(1100, 760)
        settle(app)
        assert not core.library.failures and core.library.decks
        for scheme in ("light", "dark"):
            window.set_theme(scheme)
            window.notice.show()  # what a first start shows
            window.show_library()
            settle(app)
            shoot(window, args.out, f"library-{scheme}")
            window.notice.hide()  # out of the way of the cards (not saved as dismissed)
            window.help.toggle()
            shoot(window, args.out, f"help-{scheme}")
            window.help.toggle()
            session = core.start_session(Selection())
            window.nav.session = session
            window.show_study(session)
            study_shots(window, session, args.out, scheme)
            for rating in (3, 3, 1, 3, 4):  # a few answers, so the summary has something to show
                if session.current is None:
                    break
                if session.phase.name == "QUESTION":
                    session.reveal()
                clock.advance(seconds=23)
                session.rate(rating)
            real_use_shots(window, core, session, args.out, scheme)  # after a few answers: stats show them
            window.show_summary(session)
            shoot(window, args.out, f"summary-{scheme}")
            window.nav.open_settings()
            settle(app, 2)
            shoot(window.nav.settings_dialog, args.out, f"settings-{scheme}")
            window.nav.settings_dialog.reject()
            window.nav.open_about()
            settle(app, 2)
            shoot(window.nav.about_dialog, args.out, f"about-{scheme}")
            window.nav.about_dialog.reject()
            browser_shot(window, out=args.out, scheme=scheme)
        running.close()
        # the bundled decks and one deck that fails to load: listed with its file:line:col problems
        data2 = tmp / "data2"
        (data2 / "decks").mkdir(parents=True)
        shutil.copy(BROKEN / "broken.yaml", data2 / "decks" / "my-deck.yaml")  # the user's own decks folder
        core2 = open_core(data2, clock=SystemClock())
        running = build_app(data2, core=core2)
        assert running is not None
        running.window.resize(1100, 760)
        settle(running.app)
        assert len(core2.library.failures) == 1
        for scheme in ("light", "dark"):
            running.window.set_theme(scheme)
            running.window.show_library()
            settle(running.app)
            shoot(running.window, args.out, f"library-errors-{scheme}")
        running.close()
        reload_banner_shot(args.out, tmp)
        reporting_shots(args.out, tmp)
        diagram_shots(args.out, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
