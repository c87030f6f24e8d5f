"""Regenerate the test-mode pictures in docs/screenshots/: the test window, its results, and page 1
and the first key page of a printed worksheet (pdftoppm from poppler-utils, 60 dpi).

    python3 scripts/test_mode_shots.py [--out docs/screenshots]

Runs offscreen on a throw-away data folder with the bundled decks; the seed is fixed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from kquiz.app import Selection, open_core  # noqa: E402
from kquiz.app.quiz import QuestionKind, start_test  # noqa: E402
from kquiz.ui import theme  # noqa: E402
from kquiz.ui.test.window import TestWindow  # noqa: E402

SEED = 2718


def shoot(widget, path: Path) -> None:
    for _ in range(5):
        QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(["kquiz"])
    theme.apply(app, "light")
    tmp = Path(tempfile.mkdtemp(prefix="kquiz-test-shots-"))
    try:
        with open_core(tmp / "data", seed=1) as core:
            core.load_library()
            test = start_test(core, Selection(("ketamine-mechanisms",)), count=20, seed=SEED)
            window = TestWindow(core, test)
            window.resize(820, 560)
            window.show()
            window.start()
            for q in test.questions[:6]:  # a few answered, some wrong
                if q.kind == QuestionKind.CHOICE:
                    window.command(
                        str(q.correct[0] + 1 if q.number % 3 else (q.correct[0] + 1) % len(q.options) + 1)
                    )
                elif q.kind == QuestionKind.TRUEFALSE:
                    window.command("t" if (q.answer == "True") == bool(q.number % 3) else "f")
                elif window.typed is not None:
                    window.typed.setText(q.accepted[0] if q.number % 3 else "glycine")
                window.command("next")
            shown = next(i for i, q in enumerate(test.questions) if q.kind == QuestionKind.CHOICE)
            window.show_question(shown)
            shoot(window, args.out / "test-light.png")
            window.submit()
            shoot(window, args.out / "test-results-light.png")
            window.result = window.result  # keep the window from asking on close
            window.hide()
        pdf = tmp / "worksheet.pdf"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kquiz",
                "print",
                str(ROOT / "decks" / "mechanisms.yaml"),
                "--out",
                str(pdf),
                "--questions",
                "20",
                "--seed",
                str(SEED),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        print(done.stdout.strip())
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
        key_page = next(
            n
            for n in range(1, count + 1)
            if "Answer key"
            in subprocess.run(
                ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True
            ).stdout
        )
        for page, name in ((1, "worksheet-page1"), (key_page, "worksheet-key")):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-singlefile",
                    str(pdf),
                    str(args.out / name),
                ],
                check=True,
            )
            print(args.out / f"{name}.png")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
