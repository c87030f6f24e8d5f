"""Regenerate docs/screenshots/: every screen of the desktop app, light and dark.

    python3 scripts/screenshots.py [--out docs/screenshots]

Runs offscreen on a throw-away data folder with the bundled decks (plus a small deck with an
image and a broken deck, so those states are shown too). Nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from kquiz.app import Selection, open_core  # noqa: E402
from kquiz.clock import SystemClock  # noqa: E402
from kquiz.ui.launch import build_app  # noqa: E402
from kquiz.ui.workers import wait_idle  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "ui"


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="kquiz-shots-"))
    try:
        data = tmp / "data"
        extra = tmp / "extra"
        shutil.copytree(SAMPLE / "deck", extra / "sample")
        core = open_core(data, clock=SystemClock(), seed=7, extra_deck_dirs=[extra])
        running = build_app(data, core=core)
        assert running is not None
        app, window = running.app, running.window
        window.resize(1100, 760)
        settle(app)
        for scheme in ("light", "dark"):
            window.set_theme(scheme)
            window.show_library()
            settle(app)
            shoot(window, args.out, f"library-{scheme}")
            window.help.toggle()
            shoot(window, args.out, f"help-{scheme}")
            window.help.toggle()
            session = core.start_session(Selection())
            window.nav.session = session
            window.show_study(session)
            for kind, answer in (("basic", None), ("choice", None), ("choice", "wrong"),
                                 ("truefalse", "right"), ("typed", None), ("typed", "bladdr"),
                                 ("cloze", "flip"), ("basic", "flip")):
                buried = find_card(window, session, kind)
                if session.current is None:
                    continue
                state = "question"
                if answer == "wrong":
                    window.study.submit_choice([i for i, t in enumerate(session.current.choices)
                                                if t not in session.current.answer.split("\n")][:1])
                    state = "answer"
                elif answer == "right":
                    window.study.submit_truefalse(bool(session.current.card.answer))
                    state = "answer"
                elif answer == "flip":
                    window.study.reveal()
                    state = "answer"
                elif answer:
                    window.study.input.edit.setText(
                        answer if kind == "typed" else session.current.card.answers[0])
                    window.study.input.check()
                    state = "answer"
                settle(app, 2)
                shoot(window, args.out, f"study-{kind}-{state}-{scheme}")
                for _ in range(buried):
                    session.undo()
            for rating in (3, 3, 1, 3, 4):  # a few answers, so the summary has something to show
                if session.current is None:
                    break
                if session.phase.name == "QUESTION":
                    session.reveal()
                session.rate(rating)
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
        running.close()
        # a library with a deck that failed to load
        data2 = tmp / "data2"
        core2 = open_core(data2, clock=SystemClock(), include_bundled=False,
                          extra_deck_dirs=[SAMPLE / "deck", SAMPLE / "broken"])
        running = build_app(data2, core=core2)
        assert running is not None
        running.window.resize(1100, 620)
        running.window.set_theme("light")
        settle(running.app)
        shoot(running.window, args.out, "library-errors-light")
        running.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
