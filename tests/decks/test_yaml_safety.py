"""The YAML reader is safe by construction and says exactly where a file went wrong."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kquiz.decks import load_deck, load_text, yamlread
from kquiz.errors import DeckError
from tests.decks.helpers import BASIC, deck, only_problem


def test_libyaml_is_used() -> None:
    assert yamlread.HAVE_LIBYAML and yamlread._Parser.__name__ == "CSafeLoader"


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = "kquiz: 1\nid: bomb\ntitle: Bomb\n" + "\n".join(lines) + "\ncards: *a9\n"
    started = time.perf_counter()
    line, col, message = only_problem(text)
    assert time.perf_counter() - started < 1.0
    assert (line, col) == (9, 10)
    assert message == "aliases expand to too many nodes (more than 100,000); this looks like an alias bomb"


def test_recursive_alias_is_refused() -> None:
    assert only_problem("kquiz: 1\ncards: &x [*x]\n") == (
        2,
        12,
        "the alias '*x' refers to a node that contains it (recursive alias)",
    )


def test_small_aliases_and_merge_keys_work() -> None:
    text = deck(
        "  - &base {id: a, type: basic, topic: risks, front: F, back: B, tags: &t [x, y]}\n"
        "  - {<<: *base, id: b, tags: *t}\n"
    )
    cards = load_text(text).cards
    assert [(c.id, c.front, c.tags) for c in cards] == [("a", "F", ("x", "y")), ("b", "F", ("x", "y"))]
    assert cards[1].line == 12


TOO_DEEP = "the document is nested too deep (more than 32 levels of lists/mappings)"


@pytest.mark.parametrize(
    ("cards", "where"),
    [
        # libyaml's scanner reads packed brackets ahead and has its own ~1000-level limit, which fires
        # before kquiz sees level 33: kquiz's message and place must win with any PyYAML the pin allows
        ("[" * 5000 + "]" * 5000, (2, 39)),
        ("[" * 1200 + "]" * 1200, (2, 39)),
        ("[ " * 3000 + "]" * 3000, (2, 70)),
        ("{a: " * 2000 + "}" * 2000, (2, 132)),
        ("[" * 40 + "]" * 40, (2, 39)),  # under libyaml's limit: kquiz's own check alone
    ],
)
def test_nesting_depth_is_limited(cards: str, where: tuple[int, int]) -> None:
    assert only_problem("kquiz: 1\ncards: " + cards + "\n") == (*where, TOO_DEEP)


def test_block_nesting_depth_is_limited() -> None:
    text = "kquiz: 1\ncards:\n" + "".join("  " * i + "-\n" for i in range(1500))
    assert only_problem(text) == (34, 63, TOO_DEEP)


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/name:os.system", "!custom"])
def test_non_standard_tags_are_refused(tag: str) -> None:
    line, col, message = only_problem(f"kquiz: 1\nid: x\ntitle: {tag} [echo]\ncards: []\n")
    assert (line, col) == (3, 8)
    assert message.startswith(f"the tag '{tag}' is not allowed in a deck")


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    with pytest.raises(DeckError):
        load_text(f'kquiz: 1\nid: x\ntitle: !!python/object/apply:os.system ["touch {marker}"]\ncards: []\n')
    assert not marker.exists()


def test_duplicate_keys_are_refused_with_both_places() -> None:
    text = deck(BASIC.format(id="a") + "    front: again\n")
    assert only_problem(text) == (16, 5, "the key 'front' appears twice in this mapping (first at line 14)")


def test_second_document_is_refused() -> None:
    text = deck(BASIC.format(id="a"))
    assert only_problem(text + "---\n" + text) == (
        16,
        1,
        "a deck file holds one YAML document, but a second one starts here",
    )


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert only_problem(text) == (
        None,
        None,
        "the file is empty: a deck needs at least 'kquiz: 1', an id, a title and cards",
    )


def test_top_level_must_be_a_mapping() -> None:
    assert only_problem("- a\n- b\n") == (
        1,
        1,
        "a deck must be a mapping of 'key: value' lines starting with 'kquiz: 1', but this file holds a list",
    )


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    assert only_problem('kquiz: 1\nid: x\ntitle: "never closed\ncards: []\n') == (
        3,
        8,
        'the quote (") that starts this text is never closed',
    )


def test_tab_indentation_is_explained() -> None:
    line, col, message = only_problem("kquiz: 1\ncards:\n\t- id: c1\n")
    assert (line, col) == (3, 1)
    assert message == "this line is indented with a tab; YAML indentation must use spaces"


def test_very_long_text_is_refused() -> None:
    text = deck(BASIC.format(id="a").replace("back: Answer a", "back: " + "y" * 200_000))
    assert only_problem(text) == (15, 11, "this text is too long (200,000 characters; the limit is 100,000)")


def test_non_utf8_is_refused_with_its_place() -> None:
    data = deck(BASIC.format(id="a")).replace("Answer a", "Réponse").encode("latin-1")
    assert only_problem(data) == (
        15,
        12,
        "the file is not valid UTF-8 text (byte 0xE9 cannot be read); save it as UTF-8",
    )


def test_utf16_is_named() -> None:
    assert only_problem(deck(BASIC.format(id="a")).encode("utf-16")) == (
        None,
        None,
        "the file is UTF-16 text; save it as UTF-8",
    )


def test_nul_byte_is_refused() -> None:
    data = deck(BASIC.format(id="a")).replace("Answer a", "Ans\x00wer").encode()
    assert only_problem(data) == (
        15,
        14,
        "the file contains a NUL byte (is it binary?); a deck must be UTF-8 text",
    )


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(deck(BASIC.format(id="a")).encode() + b"#" * 3000)
    with pytest.raises(DeckError) as caught:
        load_deck(path, max_bytes=2048)
    (problem,) = caught.value.problems
    assert problem.message.startswith("the file is too large (")
    assert problem.message.endswith("; the limit is 2,048 bytes)")
    assert load_deck(path).id == "rules"  # the default cap is 10 MB


def test_unreadable_path_is_a_deck_error(tmp_path: Path) -> None:
    with pytest.raises(DeckError) as caught:
        load_deck(tmp_path / "missing.yaml")
    assert caught.value.problems[0].message.startswith("cannot read the file: ")


def test_values_follow_the_yaml_1_2_core_schema() -> None:
    doc = yamlread.read_yaml(
        "a: 2024-01-01\nb: 0x1F\nc: ~\nd: yes\ne: 1.5\nf: 'true'\ng: No\nh: 1:20\ni: true\nj: -7\nk: 1e3\nl: .5.\n"
    )
    assert doc.data == {
        "a": "2024-01-01",
        "b": 31,
        "c": None,
        "d": "yes",
        "e": 1.5,
        "f": "true",
        "g": "No",
        "h": "1:20",
        "i": True,
        "j": -7,
        "k": 1000.0,
        "l": ".5.",
    }
    assert doc.pos(("b",)) == (2, 4) and doc.key_pos(("b",)) == (2, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!int abc", "'abc' is not a valid !!int value"),
        ("!!bool maybe", "'maybe' is not a valid !!bool value"),
        ("!!float x", "'x' is not a valid !!float value"),
    ],
)
def test_bad_explicitly_tagged_values(value: str, message: str) -> None:
    assert only_problem(f"kquiz: 1\nid: x\ntitle: {value}\ncards: []\n") == (3, 8, message)


def test_explicit_str_and_non_specific_tags_give_text() -> None:
    doc = yamlread.read_yaml("a: !!str 12\nb: ! 12\nc: !!int '7'\n")
    assert doc.data == {"a": "12", "b": "12", "c": 7}


def test_windows_line_endings_and_columns_in_characters() -> None:
    text = deck(BASIC.format(id="a").replace("back: Answer a", 'back: ["é😀x", 7]')).replace("\n", "\r\n")
    assert only_problem(text) == (15, 11, "card 'a': 'back' must be text, not a list")
    doc = yamlread.read_yaml('a: ["é😀x", zz]\r\n')
    assert doc.pos(("a", 1)) == (1, 12)


def test_without_libyaml_it_warns_and_still_loads() -> None:
    import subprocess
    import sys

    sample = Path(__file__).resolve().parents[1] / "data" / "decks" / "sample.yaml"
    code = (
        "import yaml, warnings\n"
        "del yaml.CSafeLoader\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from kquiz.decks import load_deck, yamlread\n"
        "assert not yamlread.HAVE_LIBYAML\n"
        "assert any('without libyaml' in str(w.message) for w in caught), caught\n"
        f"deck = load_deck({str(sample)!r})\n"
        "print(len(deck.cards), [c.line for c in deck.cards])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "7 [20, 31, 39, 40, 48, 49, 54]"
