"""Hostile decks are refused cleanly: a precise problem, never a traceback, in bounded time and memory.

The corpus lives in tests/data/hostile/ (regenerate with scripts/make_hostile_corpus.py); the
inputs too big to commit (a 50 MB file, multi-megabyte strings) and symlinks are made here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kquiz.decks import load_deck, load_folder
from kquiz.errors import DeckError

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
GOOD_DECK = """kquiz: 1
id: good-one
title: A good deck
topics:
  - {id: risks, title: Risks}
sources:
  - {id: s1, title: An article, publisher: Someone, sections: [Intro]}
cards:
  - id: c1
    type: basic
    topic: risks
    front: What is a good deck?
    back: One that loads.
    source: {id: s1, section: Intro}
"""

# file -> (words one of which the message must contain, whether a line:col is expected)
EXPECTED: dict[str, tuple[tuple[str, ...], bool]] = {
    "alias_bomb.yaml": (("alias",), True),
    "alias_recursive.yaml": (("alias", "recurs"), True),
    "deep_nesting.yaml": (("nest", "deep"), True),
    "deep_mappings.yaml": (("nest", "deep"), True),
    "python_object_tag.yaml": (("tag",), True),
    "python_name_tag.yaml": (("tag",), True),
    "tabs_for_indent.yaml": (("tab",), True),
    "duplicate_keys.yaml": (("duplicate", "twice"), True),
    "top_level_list.yaml": (("mapping",), True),
    "top_level_scalar.yaml": (("mapping",), True),
    "empty.yaml": (("empty",), False),
    "only_comments.yaml": (("empty",), False),
    "multi_document.yaml": (("document",), True),
    "wrong_types.yaml": (("must be", "should be", "expected", "is not of type"), True),
    "wrong_version.yaml": (("version", "kquiz"), True),
    "missing_version.yaml": (("kquiz",), True),
    "bad_id_slug.yaml": (("id",), True),
    "unknown_card_type.yaml": (("type",), True),
    "missing_required.yaml": (("prompt", "choices", "missing", "required"), True),
    "duplicate_card_ids.yaml": (("duplicate", "twice", "unique", "already"), True),
    "unknown_topic.yaml": (("topic",), True),
    "unknown_source.yaml": (("source",), True),
    "unknown_section.yaml": (("section",), True),
    "image_dotdot.yaml": (("image", "outside", "folder"), True),
    "image_absolute.yaml": (("image", "absolute", "outside"), True),
    "image_missing.yaml": (("image", "not found", "exist"), True),
    "image_url.yaml": (("image", "url", "relative", "outside", "not found", "exist"), True),
    "cloze_unclosed.yaml": (("cloze", "marker", "{{"), True),
    "cloze_gap.yaml": (("cloze", "c2", "gap", "number"), True),
    "cloze_none.yaml": (("cloze", "marker", "blank"), True),
    "choice_no_correct.yaml": (("correct",), True),
    "choice_single.yaml": (("at least 2", "2 choices", "two"), True),
    "choice_duplicate_texts.yaml": (("duplicate", "twice", "same"), True),
    "yaml_syntax_error.yaml": (("yaml", "quot", "scan", "syntax", "end of"), True),
    "unknown_field.yaml": (("onclick", "unknown", "not allowed", "additional"), True),
    "many_problems.yaml": (("the 800 cards from line 205 on were not checked",), True),
    "alias_text_bomb.yaml": (("aliases expand to too much text",), True),
    "long_integer.yaml": (("5,000 digits",), True),
    "invalid_utf8.yaml": (("utf-8",), False),
    "utf16_le_bom.yaml": (("utf-8", "utf-16"), False),
    "nul_bytes.yaml": (("nul", "null", "control", "\\x00", "special character", "binary"), False),
    "binary_garbage.yaml": (("utf-8", "binary", "nul", "null", "control"), False),
    "latin1.yaml": (("utf-8",), False),
}


def _problems(path: Path) -> list:
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    problems = caught.value.problems
    assert problems, f"{path.name}: DeckError without problems"
    return problems


def test_corpus_is_complete() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir() if p.suffix == ".yaml"}
    assert len(on_disk) >= 25
    assert on_disk == set(EXPECTED), "every corpus file has an expectation and vice versa"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_deck_is_refused_with_a_clear_problem(name: str) -> None:
    words, positioned = EXPECTED[name]
    path = HOSTILE / name
    started = time.perf_counter()
    problems = _problems(path)
    elapsed = time.perf_counter() - started
    assert elapsed < 5.0, f"{name} took {elapsed:.1f}s"
    text = " | ".join(str(p) for p in problems).lower()
    assert any(w.lower() in text for w in words), f"{name}: {text}"
    assert "traceback" not in text
    for problem in problems:
        assert Path(problem.path).name == name
        assert problem.message and problem.message[0] != " "
    if positioned:
        assert any(p.line is not None and p.line >= 1 for p in problems), f"{name}: no position: {text}"
        first = next(p for p in problems if p.line is not None)
        assert str(first).startswith(f"{first.path}:{first.line}:")


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f'kquiz: 1\nid: evil\ntitle: !!python/object/apply:os.system ["touch {marker}"]\ncards: []\n',
        encoding="utf-8",
    )
    with pytest.raises(DeckError):
        load_deck(evil)
    assert not marker.exists()


def test_good_deck_loads_beside_the_whole_hostile_corpus(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    shutil.copytree(HOSTILE, folder)
    (folder / "good.yaml").write_text(GOOD_DECK, encoding="utf-8")
    result = load_folder(folder)
    assert [d.id for d in result.decks] == ["good-one"]
    failed = {Path(err.problems[0].path).name for err in result.errors}
    assert failed == set(EXPECTED)


def test_fifty_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    chunk = GOOD_DECK + "# " + "x" * 1000 + "\n"
    with big.open("w", encoding="utf-8") as out:
        out.write(chunk)
        while out.tell() < 50 * 2**20:
            out.write("# " + "filler " * 140 + "\n")
    started = time.perf_counter()
    problems = _problems(big)
    assert time.perf_counter() - started < 2.0
    assert any(
        "mb" in str(p).lower() or "size" in str(p).lower() or "large" in str(p).lower() for p in problems
    )


def test_huge_string_is_refused_or_loaded_cleanly_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "huge_string.yaml"
    path.write_text(GOOD_DECK.replace("One that loads.", "y" * (6 * 2**20)), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DeckError) as caught:
        load_deck(path)
    assert time.perf_counter() - started < 5.0
    problem = caught.value.problems[0]
    assert problem.line is not None and "long" in problem.message.lower()


def test_symlinked_image_escaping_the_deck_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    folder = tmp_path / "deck"
    (folder / "images").mkdir(parents=True)
    os.symlink(outside, folder / "images" / "sneaky.png")
    deck = folder / "deck.yaml"
    deck.write_text(GOOD_DECK + "    image: images/sneaky.png\n", encoding="utf-8")
    problems = _problems(deck)
    assert any("image" in p.message.lower() and p.line == 15 for p in problems), [str(p) for p in problems]


def test_validate_command_survives_the_corpus_under_a_memory_limit(tmp_path: Path) -> None:
    """The whole corpus through the CLI in a child process capped at 1 GiB of address space."""
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30));"
        "from kquiz.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "validate", "--format", "json", str(HOSTILE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    reported = {Path(item["path"]).name for item in json.loads(proc.stdout)}
    assert reported == set(EXPECTED)
