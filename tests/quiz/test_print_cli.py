"""``kquiz print``: a real PDF (text checked with pdftotext when installed) and HTML, seeded."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from kquiz.app.quiz import AnswersMode, worksheet_from_files

DECKS = Path(__file__).resolve().parents[2] / "decks"


def kquiz(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kquiz", "print", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def flat(text: str) -> str:
    """Text as pdftotext gives it, minus line breaks, ligatures (ﬀ → ff) and spacing differences."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def test_a_40_question_pdf_has_every_question_and_key_entry(tmp_path):
    out = tmp_path / "quiz.pdf"
    done = kquiz(str(DECKS), "--out", str(out), "--questions", "40", "--seed", "1234", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "40 questions, seed 1234" in done.stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/FontFile2" in data  # fonts embedded
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = pdf_text(out)
    sheet = worksheet_from_files([DECKS], count=40, seed=1234)
    pages = text.split("\f")
    first_key = next(i for i, page in enumerate(pages) if "Answer key" in page)
    questions, answers = flat("\n".join(pages[:first_key])), flat("\n".join(pages[first_key:]))
    assert "Name:" in questions and "Date:" in questions and "seed 1234" in questions
    at = 0
    for q in sheet.questions:  # every question, in order, with its options
        found = questions.find(f"{q.number}. {flat(q.prompt)[:60]}", at)
        assert found >= at, q.prompt
        at = found
        for letter, option in zip("ABCDEFGH", q.options, strict=False):
            assert f"{letter}. {flat(option)[:40]}" in questions
    assert "Answer key" not in questions and flat(pages[first_key]).startswith("Answer key")
    at = 0
    for entry in sheet.key:  # every key entry, in order, with its explanation and source
        found = answers.find(f"{entry.number}. {flat(entry.answer)[:50]}", at)
        assert found >= at, entry.answer
        at = found
        assert flat(entry.explanation)[:60] in answers
        assert flat(entry.source)[:50] in answers


def test_same_seed_same_paper_and_html(tmp_path):
    runs = []
    for name in ("a", "b"):
        assert (
            kquiz(str(DECKS / "risks.yaml"), "-o", f"{name}.pdf", "--seed", "5", cwd=tmp_path).returncode == 0
        )
        assert (
            kquiz(str(DECKS / "risks.yaml"), "-o", f"{name}.html", "--seed", "5", cwd=tmp_path).returncode
            == 0
        )
        runs.append(name)
    assert (tmp_path / "a.html").read_text() == (tmp_path / "b.html").read_text()
    html = (tmp_path / "a.html").read_text()
    assert (
        html.startswith("<!DOCTYPE html>") and "page-break-before:always" in html and "20 questions" in html
    )
    if shutil.which("pdftotext"):
        assert pdf_text(tmp_path / "a.pdf") == pdf_text(tmp_path / "b.pdf")
    other = kquiz(str(DECKS / "risks.yaml"), "-o", "c.html", "--seed", "6", cwd=tmp_path)
    assert other.returncode == 0 and (tmp_path / "c.html").read_text() != html


def test_answers_inline_or_none_and_a_topic(tmp_path):
    inline = worksheet_from_files([DECKS], count=10, seed=3, answers=AnswersMode.INLINE)
    assert inline.key == () and all(q.inline is not None for q in inline.questions)
    assert (
        kquiz(str(DECKS), "-o", "none.html", "--answers", "none", "--seed", "3", cwd=tmp_path).returncode == 0
    )
    assert "Answer key" not in (tmp_path / "none.html").read_text()
    topic = kquiz(str(DECKS / "clinical.yaml"), "-o", "t.html", "--topic", "trials", "-n", "5", cwd=tmp_path)
    assert topic.returncode == 0, topic.stderr
    bad = kquiz(str(DECKS), "-o", "x.pdf", "--topic", "no-such-topic", cwd=tmp_path)
    assert bad.returncode == 1 and "no-such-topic" in bad.stderr and not (tmp_path / "x.pdf").exists()
    assert kquiz(str(tmp_path / "missing.yaml"), "-o", "x.pdf", cwd=tmp_path).returncode == 2
