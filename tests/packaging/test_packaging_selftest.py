"""`kquiz self-test` in the source tree: passes end to end, and reports a broken step as FAILED."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kquiz.cli import cmd_selftest
from kquiz.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
STEPS = (
    "bundled deck files",
    "app icon",
    "progress store",
    "load bundled decks",
    "study basic",
    "study reversed",
    "study cloze",
    "study choice",
    "study truefalse",
    "study typed",
    "reviews are durable",
    "main window",
    "stats chart",
)


def test_self_test_passes_in_the_source_tree(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    env.pop("KQUIZ_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "kquiz", "self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kquiz ") and "offscreen" in lines[0]
    for step in STEPS:
        assert any(line.strip().startswith(step) and " ok " in line for line in lines), (
            f"{step}\n{result.stdout}"
        )
    assert "FAILED" not in result.stdout
    assert lines[-1] == "self-test passed"
    assert list(tmp_path.iterdir()) == [], "self-test wrote outside its temporary folder"


def test_self_test_reports_the_failing_step_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "no-decks"
    empty.mkdir()
    monkeypatch.setattr(cmd_selftest, "bundled_decks_dir", lambda: empty)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("KQUIZ_CACHE_DIR", raising=False)
    assert main(["self-test"]) == 1
    assert "KQUIZ_CACHE_DIR" not in os.environ  # the temporary cache folder does not leak out
    out = capsys.readouterr().out
    assert f"bundled deck files     FAILED: no deck files in {empty}" in out
    assert "app icon" not in out  # stops at the first failure
    assert out.rstrip().endswith("self-test FAILED")


def test_cloze_blanks_reads_answers_with_and_without_hints() -> None:
    text = "Ketamine blocks {{c1::NMDA}} receptors; it was first made in {{c2::1962::a year}}."
    assert cmd_selftest.cloze_blanks(text) == ["NMDA", "1962"]


def test_a_wrongly_graded_answer_fails_the_study_step(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If grading (or the deck text) broke, the self-test must say so instead of passing."""
    monkeypatch.setattr(cmd_selftest, "cloze_blanks", lambda text: ["certainly not the answer"])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("KQUIZ_CACHE_DIR", raising=False)
    assert main(["self-test"]) == 1
    out = capsys.readouterr().out
    assert "study cloze            FAILED: a correct answer to " in out
    assert "study session          FAILED: studying a cloze card failed (see above)" in out
    assert "main window" not in out
