"""CSV and TSV parsing: delimiters, header detection, quoting, and bad rows with their line numbers."""

from __future__ import annotations

import pytest

from kquiz.errors import InteropError
from kquiz.interop.delimited import parse_delimited, sniff_delimiter
from kquiz.interop.model import ImportFormat


def test_header_row_is_detected_and_columns_mapped_by_name():
    text = "Tags;Answer;Question\nmech pharm;NMDA;Which receptor?\n"
    result = parse_delimited(text, "x.csv")
    assert result.details == {"delimiter": "semicolon", "header": "line 1"}
    (note,) = result.notes
    assert (note.front, note.back, note.tags, note.line) == ("Which receptor?", "NMDA", ("mech", "pharm"), 2)


def test_without_header_columns_are_front_back_tags():
    result = parse_delimited("What is it?,A drug,a b\nSecond,Two\n", "x.csv")
    assert result.details["header"] == "none"
    assert [(n.front, n.back, n.tags, n.line) for n in result.notes] == [
        ("What is it?", "A drug", ("a", "b"), 1),
        ("Second", "Two", (), 2),
    ]


def test_quoted_fields_with_delimiters_and_newlines_keep_the_right_start_lines():
    text = 'front,back\n"Line one\nline two","Yes, it is"\nnext,row\n'
    result = parse_delimited(text, "x.csv")
    assert [(n.front, n.back, n.line) for n in result.notes] == [
        ("Line one\nline two", "Yes, it is", 2),
        ("next", "row", 4),
    ]


def test_bad_rows_are_reported_with_line_numbers_and_good_rows_kept():
    text = "front,back\nok,fine\nonly-one-column\n,no front\nno back,\n\nlast,good\n"
    result = parse_delimited(text, "deck.csv")
    assert [n.front for n in result.notes] == ["ok", "last"]
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "only one column: a card needs a front and a back (check the delimiter)"),
        (4, "the front (question) is empty"),
        (5, "the back (answer) is empty"),
    ]
    assert (
        str(result.problems[0])
        == "deck.csv:3:1: only one column: a card needs a front and a back (check the delimiter)"
    )


def test_tsv_uses_tab_even_when_text_has_commas():
    result = parse_delimited("a, b, c\td, e\n", "x.tsv", fmt=ImportFormat.TSV)
    assert [(n.front, n.back) for n in result.notes] == [("a, b, c", "d, e")]
    assert result.format is ImportFormat.TSV


def test_sniffer_picks_semicolon_and_pipe():
    assert sniff_delimiter("a;b\nc;d\ne;f\n") == ";"
    assert sniff_delimiter("a|b\nc|d\n") == "|"
    assert sniff_delimiter("single column\n") == ","


def test_given_delimiter_wins_over_sniffing():
    result = parse_delimited("a:b\nc:d\n", "x.csv", delimiter=":")
    assert [(n.front, n.back) for n in result.notes] == [("a", "b"), ("c", "d")]


def test_header_can_be_forced_off_and_on():
    forced_off = parse_delimited("front,back\nq,a\n", "x.csv", header=False)
    assert [n.front for n in forced_off.notes] == ["front", "q"]
    forced_on = parse_delimited("foo,bar\nq,a\n", "x.csv", header=True)  # names we do not know
    assert [(n.front, n.back) for n in forced_on.notes] == [("q", "a")]
    assert "line 1 (foo,bar) is a header row (--header), not a card: skipped" in forced_on.warnings[0].message


def test_extra_header_columns_id_topic_type_explanation_note():
    text = (
        "id,type,front,back,topic,explanation,note\n"
        "my-card,reversed,Q,A,Risks,Because,Careful\n"
        ",cloze,The {{c1::NMDA}} receptor,,,,\n"
        "bad id!,basic,Q2,A2,,,\n"
        ",quiz,Q3,A3,,,\n"
    )
    result = parse_delimited(text, "x.csv")
    first, second = result.notes
    assert (first.card_id, first.kind, first.topic, first.explanation, first.note) == (
        "my-card",
        "reversed",
        "Risks",
        "Because",
        "Careful",
    )
    assert (second.kind, second.front, second.card_id) == ("cloze", "The {{c1::NMDA}} receptor", None)
    assert [(p.line, p.message.split(" (")[0]) for p in result.problems] == [
        (4, "id 'bad id!' is not a valid card id"),
        (5, "unknown card type 'quiz'"),
    ]


def test_cloze_without_marker_is_a_problem_and_cloze_is_detected_without_type_column():
    result = parse_delimited("front,back,tags,type\nplain text,,,cloze\n{{c1::Auto}} cloze,,,\n", "x.csv")
    assert [n.kind for n in result.notes] == ["cloze"]
    assert result.problems[0].line == 2
    assert "cloze card needs" in result.problems[0].message


def test_unnamed_extra_columns_are_reported_once_as_a_warning():
    result = parse_delimited("q,a,t,extra1\nq2,a2,t2,extra2\n", "x.csv")
    assert len(result.notes) == 2
    assert len(result.warnings) == 1
    assert result.warnings[0].line == 1 and "column(s) 4" in result.warnings[0].message


def test_an_oversized_field_is_an_interop_error_with_its_line():
    text = "a,b\n" + "c," + "x" * 200_000 + "\n"
    with pytest.raises(InteropError) as info:
        parse_delimited(text, "big.csv")
    assert info.value.problems[0].line == 2


def test_bad_delimiter_argument():
    with pytest.raises(InteropError, match="one character"):
        parse_delimited("a,b", "x.csv", delimiter=";;")
