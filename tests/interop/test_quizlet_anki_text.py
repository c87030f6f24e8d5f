"""Quizlet export and Anki "Notes in Plain Text" parsing, and the HTML-to-text conversion."""

from __future__ import annotations

import pytest

from kquiz.errors import InteropError
from kquiz.interop.anki_text import parse_anki_text
from kquiz.interop.html_text import html_to_text, looks_like_html, text_to_html
from kquiz.interop.quizlet import parse_quizlet

# ---- Quizlet --------------------------------------------------------------------------------------


def test_quizlet_default_tab_and_newline():
    result = parse_quizlet("ketamine\tNMDA antagonist\nesketamine\tS-enantiomer\n", "q.txt")
    assert [(n.front, n.back, n.line) for n in result.notes] == [
        ("ketamine", "NMDA antagonist", 1),
        ("esketamine", "S-enantiomer", 2),
    ]
    assert result.problems == ()


def test_quizlet_custom_separators_split_at_first_term_separator():
    text = "NMDA - a glutamate receptor - the main target;;PCP - phencyclidine;;"
    result = parse_quizlet(text, "q.txt", term_sep=" - ", row_sep=";;")
    assert [(n.front, n.back) for n in result.notes] == [
        ("NMDA", "a glutamate receptor - the main target"),
        ("PCP", "phencyclidine"),
    ]


def test_quizlet_multiline_definitions_with_blank_line_row_separator_keep_line_numbers():
    text = "term one,line a\nline b\n\nterm two,def\n\nno separator here\n\n,empty term\n\nterm,\n"
    result = parse_quizlet(text, "q.txt", term_sep=",", row_sep="\n\n")
    assert [(n.front, n.back, n.line) for n in result.notes] == [
        ("term one", "line a\nline b", 1),
        ("term two", "def", 4),
    ]
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (6, "row 3"),
        (8, "row 4"),
        (10, "row 5"),
    ]
    assert "no term separator" in result.problems[0].message
    assert "term is empty" in result.problems[1].message
    assert "definition is empty" in result.problems[2].message


def test_quizlet_rejects_equal_or_empty_separators():
    with pytest.raises(InteropError):
        parse_quizlet("a b", "q.txt", term_sep="\n", row_sep="\n")
    with pytest.raises(InteropError):
        parse_quizlet("a b", "q.txt", term_sep="", row_sep="\n")


# ---- Anki text ------------------------------------------------------------------------------------

ANKI_EXPORT = (  # as Anki writes it: rows padded to the widest note type, tags in the last column
    "#separator:tab\n"
    "#html:true\n"
    "#guid column:1\n"
    "#notetype column:2\n"
    "#deck column:3\n"
    "#tags column:7\n"
    "Ab1+x\tBasic\tKetamine::Mechanisms\tWhat does ketamine block?\tThe <b>NMDA</b> receptor<br>mostly\t\tmech pharm\n"
    "Cd2!y\tCloze\tKetamine::Mechanisms\t{{c1::Glutamate}} rises, then {{c3::BDNF}}\tExtra &amp; more\t\t\n"
    "Ef3#z\tBasic (and reversed card)\tKetamine\tNMDA\tN-methyl-D-aspartate\t\t\n"
    "Gh4$w\tBasic (optional reversed card)\tKetamine\tPCP\tphencyclidine\ty\t\n"
    "Ij5%v\tBasic (type in the answer)\tKetamine\tS-enantiomer?\tesketamine\t\t\n"
    "Kl6^u\tBasic\tKetamine\t\tno front\t\t\n"
    "Mn7&t\tCloze\tKetamine\tno marker here\t\t\t\n"
    '"Op8*s"\tBasic\tKetamine\t"multi\nline <img src=""pic.jpg"">"\tback [sound:a.mp3]\t\t\n'
)


def test_anki_text_headers_html_notetypes_decks_tags_and_guids():
    result = parse_anki_text(ANKI_EXPORT, "notes.txt")
    assert result.details == {"separator": "tab", "html": "true", "header lines": "6"}
    basic, cloze, rev, optional, typed, multi = result.notes
    assert (basic.front, basic.back, basic.tags, basic.topic, basic.stable_key, basic.line) == (
        "What does ketamine block?",
        "The NMDA receptor\nmostly",
        ("mech", "pharm"),
        "Ketamine / Mechanisms",
        "Ab1+x",
        7,
    )
    assert (cloze.kind, cloze.front, cloze.explanation) == (
        "cloze",
        "{{c1::Glutamate}} rises, then {{c3::BDNF}}",
        "Extra & more",
    )
    assert rev.kind == "reversed"
    assert (optional.kind, optional.explanation) == ("reversed", "")
    assert (typed.kind, typed.back) == ("typed", "esketamine")
    assert multi.front == "multi line [image: pic.jpg]" and multi.line == 14
    assert [(p.line, p.message) for p in result.problems] == [
        (12, "the first field (front) is empty"),
        (13, "a cloze note without a {{c1::...}} marker in its text"),
    ]
    assert [(w.line, w.message.split(" is not")[0]) for w in result.warnings] == [
        (14, "media 'pic.jpg'"),
        (14, "media 'a.mp3'"),
    ]


def test_anki_text_html_false_keeps_markup_as_text_and_named_separators():
    text = '#separator:Semicolon\n#html:false\na <b>;"x &amp; y"\n'
    (note,) = parse_anki_text(text, "n.txt").notes
    assert (note.front, note.back) == ("a <b>", "x &amp; y")
    pipe = parse_anki_text("#separator:pipe\nq|a\n", "n.txt").notes[0]
    assert (pipe.front, pipe.back, pipe.line) == ("q", "a", 2)
    char = parse_anki_text("#separator:@\nq@a\n", "n.txt").notes[0]
    assert (char.front, char.back) == ("q", "a")


def test_anki_text_without_headers_sniffs_tab_and_detects_html():
    text = "Front<br>two\tBack &nbsp;x\nplain\tline\n"
    result = parse_anki_text(text, "old.txt")
    assert [(n.front, n.back) for n in result.notes] == [("Front\ntwo", "Back x"), ("plain", "line")]
    assert result.details["html"] == "auto"


def test_anki_text_extra_fields_go_to_the_explanation_and_comment_lines_are_reported():
    text = "#separator:comma\nq,a,more,\n# a comment,x\n"
    result = parse_anki_text(text, "n.txt")
    (note,) = result.notes
    assert note.explanation == "more"
    assert result.warnings[0].line == 3 and "comment" in result.warnings[0].message


@pytest.mark.parametrize(
    "header,message",
    [
        ("#separator:double\n", "unknown #separator"),
        ("#html:maybe\n", "true or false"),
        ("#tags column:zero\n", "not a column number"),
    ],
)
def test_anki_text_bad_headers_are_clear_errors(header, message):
    with pytest.raises(InteropError, match=message):
        parse_anki_text(header + "a\tb\n", "n.txt")


# ---- HTML -----------------------------------------------------------------------------------------


def test_html_to_text_breaks_blocks_entities_lists_and_scripts():
    text, media = html_to_text(
        "<div>One&nbsp;two</div><div>three <i>four</i></div><ul><li>a</li><li>b</li></ul>"
        "x &lt;y&gt; &#8211; z<br/>end<script>alert(1)</script><style>p{}</style>"
    )
    assert text == "One two\nthree four\n- a\n- b\nx <y> \u2013 z\nend"
    assert media == []


def test_html_whitespace_collapses_like_a_browser():
    assert html_to_text("a\n   b\t c")[0] == "a b c"
    assert html_to_text("<p>x</p>\n\n\n<p>y</p>")[0] == "x\n\ny"


def test_looks_like_html_and_back():
    assert looks_like_html("a<br>b") and looks_like_html("x &amp; y") and looks_like_html("</b>")
    assert not looks_like_html("dose < 1 mg/kg and x > y")
    assert text_to_html("a < b & c\nd") == "a &lt; b &amp; c<br>d"
