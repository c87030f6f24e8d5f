"""Property: for any text, every import parser returns a result or raises InteropError — nothing else.

And whatever rows a parser accepts, the deck writer turns into a deck the real loader accepts
(or reports the row), so an import can never write an invalid deck.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kquiz.errors import InteropError
from kquiz.interop import ImportOptions, import_text
from kquiz.interop.anki_text import parse_anki_text
from kquiz.interop.delimited import parse_delimited
from kquiz.interop.html_text import html_to_text
from kquiz.interop.model import ImportFormat, ParseResult
from kquiz.interop.quizlet import parse_quizlet

# Text built from the characters that matter to these formats, plus anything else.
_SPECIAL = st.sampled_from(
    [
        "\t",
        ",",
        ";",
        "|",
        "\n",
        '"',
        "#",
        ":",
        "<br>",
        "<b>",
        "&amp;",
        "{{c1::",
        "}}",
        "::",
        "#separator:tab\n",
        "#html:true\n",
        "#tags column:2\n",
        "\x00",
        "&#0;",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=8), _SPECIAL), max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ok(call) -> None:
    try:
        result = call()
    except InteropError:
        return
    assert isinstance(result, ParseResult)
    for note in result.notes:
        assert note.front.strip() and note.line >= 1


@FUZZ
@given(TEXT, st.sampled_from([None, ",", "\t", ";", "|"]), st.sampled_from([None, True, False]))
def test_delimited_parser_never_escapes(text, delimiter, header):
    _ok(lambda: parse_delimited(text, "f.csv", delimiter=delimiter, header=header))


@FUZZ
@given(TEXT, st.sampled_from(["\t", ",", " - ", "="]), st.sampled_from(["\n", ";", "\n\n"]))
def test_quizlet_parser_never_escapes(text, term_sep, row_sep):
    _ok(lambda: parse_quizlet(text, "q.txt", term_sep=term_sep, row_sep=row_sep))


@FUZZ
@given(TEXT)
def test_anki_text_parser_never_escapes(text):
    _ok(lambda: parse_anki_text(text, "a.txt"))


@FUZZ
@given(TEXT)
def test_html_to_text_always_returns_text(text):
    plain, media = html_to_text(text)
    assert isinstance(plain, str) and isinstance(media, list)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from(list(ImportFormat)))
def test_whole_import_yields_a_loadable_deck_or_an_interop_error(text, fmt):
    from kquiz.decks import load_text

    out = Path("/nonexistent-kquiz-fuzz/deck.yaml")
    try:
        report = import_text(text, Path("in.txt"), out, ImportOptions(format=fmt))
    except InteropError:
        return
    deck = load_text(report.text, str(out), base_dir=out.parent)
    assert len(deck.cards) == report.cards >= 1


@FUZZ
@given(st.lists(st.one_of(TEXT, st.text()), min_size=1, max_size=4))
@example(["a\u2028b\nc", "x\n\u2029", "a\x85b\nc"])  # Unicode line breaks: text to us, breaks to YAML
@example(["- dash\n- x", "# hash\nx", "...\n---\nx", "a\nb\n\n", " lead\n trail "])
def test_the_deck_emitter_round_trips_any_text_exactly(texts):
    import yaml

    from kquiz.interop.yaml_emit import dump_deck

    doc = {
        "kquiz": 1,
        "id": "x",
        "title": "t",
        "topics": [{"id": "g", "title": "G"}],
        "cards": [
            {"id": f"c{i}", "type": "basic", "topic": "g", "front": t, "back": t, "tags": [t]}
            for i, t in enumerate(texts)
        ],
    }
    assert yaml.load(dump_deck(doc, ["header"]), Loader=yaml.CSafeLoader) == doc
