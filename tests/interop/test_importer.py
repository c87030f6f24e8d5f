"""End to end: files in, a deck the real loader and the JSON Schema accept out."""

from __future__ import annotations

import codecs
from pathlib import Path

import jsonschema
import pytest
import yaml

from kquiz.decks import SCHEMA_PATH, load_deck, schema
from kquiz.domain import ClozeCard, ReversedCard, TypedCard
from kquiz.errors import InteropError
from kquiz.interop import ImportFormat, ImportOptions, detect_format, import_file


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_import_writes_a_valid_readable_deck_with_the_schema_line(tmp_path: Path):
    source = _write(
        tmp_path / "ketamine_basics.csv",
        'question,answer,tags\nWhat does ketamine block?,"The NMDA receptor,\nmostly",mech\n',
    )
    out = tmp_path / "decks" / "basics.yaml"
    report = import_file(source, out)
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={Path(SCHEMA_PATH).resolve()}"
    assert "front: What does ketamine block?" in text
    assert "    back: |-\n      The NMDA receptor,\n      mostly\n" in text
    jsonschema.validate(yaml.safe_load(text), schema())
    deck = load_deck(out)
    assert (deck.id, deck.title, report.deck_id, report.cards) == ("basics", "Ketamine basics", "basics", 1)
    assert deck.cards[0].tags == ("mech",)
    assert [t.id for t in deck.topics] == ["general"]


def test_options_set_ids_titles_topic_and_schema_reference(tmp_path: Path):
    source = _write(tmp_path / "x.tsv", "a\tb\n")
    out = tmp_path / "out.yaml"
    import_file(
        source,
        out,
        ImportOptions(
            deck_id="my-deck",
            title="My deck",
            topic="risks",
            topic_title="Risks",
            schema_ref="./deck.schema.json",
        ),
    )
    deck = load_deck(out)
    assert (deck.id, deck.title, deck.topics[0].id, deck.topics[0].title) == (
        "my-deck",
        "My deck",
        "risks",
        "Risks",
    )
    assert out.read_text().startswith("# yaml-language-server: $schema=./deck.schema.json\n")
    relative = tmp_path / "rel.yaml"
    import_file(source, relative, ImportOptions(schema_ref="relative"))
    ref = relative.read_text().splitlines()[0].split("$schema=")[1]
    assert (tmp_path / ref).resolve() == Path(SCHEMA_PATH).resolve()


def test_anki_text_import_makes_topics_from_decks_and_cloze_reversed_typed_cards(tmp_path: Path):
    source = _write(
        tmp_path / "anki.txt",
        "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
        "Cloze\tKetamine::Mechanisms\t{{c2::Glutamate}} then {{c5::BDNF::a growth factor}}\tMore\tx\n"
        "Basic (and reversed card)\tKetamine::Names\tNMDA\tN-methyl-D-aspartate\t\n"
        "Basic (type in the answer)\tKetamine::Names\tS-enantiomer?\tesketamine\t\n",
    )
    out = tmp_path / "anki.yaml"
    report = import_file(source, out)
    assert report.format is ImportFormat.ANKI_TEXT and report.problems == ()
    deck = load_deck(out)
    assert [(t.id, t.title) for t in deck.topics] == [
        ("ketamine-mechanisms", "Ketamine / Mechanisms"),
        ("ketamine-names", "Ketamine / Names"),
    ]
    cloze, rev, typed = deck.cards
    assert (
        isinstance(cloze, ClozeCard) and cloze.text == "{{c1::Glutamate}} then {{c2::BDNF::a growth factor}}"
    )
    assert (
        cloze.explanation == "More" and cloze.tags == ("x",) and cloze.id.startswith("glutamate-then-bdnf-")
    )
    assert isinstance(rev, ReversedCard) and rev.topic == "ketamine-names"
    assert isinstance(typed, TypedCard) and typed.answers == ("esketamine",)


def test_quizlet_import_with_separators(tmp_path: Path):
    source = _write(tmp_path / "quizlet.txt", "ketamine=NMDA antagonist|esketamine=S-enantiomer|bad")
    report = import_file(source, tmp_path / "q.yaml", ImportOptions(term_sep="=", row_sep="|"))
    assert report.format is ImportFormat.QUIZLET and report.cards == 2
    assert [p.message.split(":")[0] for p in report.problems] == ["row 3"]


def test_format_detection():
    opts = ImportOptions()
    assert detect_format(Path("a.CSV"), "", opts) is ImportFormat.CSV
    assert detect_format(Path("a.tab"), "", opts) is ImportFormat.TSV
    assert detect_format(Path("a.txt"), "#separator:tab\nq\ta", opts) is ImportFormat.ANKI_TEXT
    assert detect_format(Path("a.txt"), "q<br>x\ta", opts) is ImportFormat.ANKI_TEXT
    assert detect_format(Path("a.txt"), "term\tdef", opts) is ImportFormat.QUIZLET
    assert detect_format(Path("a.csv"), "", ImportOptions(row_sep=";")) is ImportFormat.QUIZLET
    assert detect_format(Path("a.csv"), "", ImportOptions(format=ImportFormat.TSV)) is ImportFormat.TSV


def test_existing_output_is_refused_unless_forced(tmp_path: Path):
    source = _write(tmp_path / "a.csv", "q,a\n")
    out = _write(tmp_path / "deck.yaml", "precious: true\n")
    with pytest.raises(InteropError, match="already exists"):
        import_file(source, out)
    assert out.read_text() == "precious: true\n"
    import_file(source, out, overwrite=True)
    assert load_deck(out).cards[0].front == "q"


def test_no_usable_rows_writes_nothing_and_lists_the_problems(tmp_path: Path):
    source = _write(tmp_path / "a.csv", "front,back\nonly\n,x\n")
    out = tmp_path / "deck.yaml"
    with pytest.raises(InteropError) as info:
        import_file(source, out)
    assert "no usable rows; nothing was written" in str(info.value)
    assert [p.line for p in info.value.problems] == [2, 3]
    assert not out.exists()


def test_encodings_boms_and_bad_bytes(tmp_path: Path):
    utf16 = tmp_path / "excel.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "Frage\tAntwort\u00e4\n".encode("utf-16-le"))
    assert load_deck(import_file(utf16, tmp_path / "a.yaml").out).cards[0].back == "Antwort\u00e4"
    bom8 = _write(tmp_path / "bom.csv", "\ufeffq,a\n")
    assert load_deck(import_file(bom8, tmp_path / "b.yaml").out).cards[0].front == "q"
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"q,a\nq2,caf\xe9\n")
    with pytest.raises(InteropError) as info:
        import_file(latin, tmp_path / "c.yaml")
    assert info.value.problems[0].line == 2 and "--encoding" in str(info.value)
    report = import_file(latin, tmp_path / "c.yaml", ImportOptions(encoding="cp1252"))
    assert load_deck(report.out).cards[1].back == "caf\u00e9"


def test_missing_file_and_bad_ids_are_clear_errors(tmp_path: Path):
    with pytest.raises(InteropError, match="no such file"):
        import_file(tmp_path / "nope.csv", tmp_path / "d.yaml")
    source = _write(tmp_path / "a.csv", "q,a\n")
    with pytest.raises(InteropError, match="deck id 'Bad Id'"):
        import_file(source, tmp_path / "d.yaml", ImportOptions(deck_id="Bad Id"))
    with pytest.raises(InteropError, match="topic id"):
        import_file(source, tmp_path / "d.yaml", ImportOptions(topic="no spaces allowed"))


def test_a_card_the_loader_refuses_is_dropped_and_reported_at_its_line(tmp_path: Path):
    # A cloze marker with an empty answer is something the parser lets through but the loader refuses.
    source = _write(tmp_path / "a.csv", "front,back,type\ngood,row,\n{{c1::}} empty cloze,,cloze\n")
    report = import_file(source, tmp_path / "d.yaml")
    assert report.cards == 1
    assert [p.line for p in report.problems] == [3]
    assert "not imported" in report.problems[0].message
    assert [c.front for c in load_deck(report.out).cards] == ["good"]


def test_a_dropped_card_with_several_problems_counts_once(tmp_path: Path):
    # Found by benchmarks/fuzz_long.py: two malformed markers in one row were two problems, and the
    # report said 0 cards were written when 1 was.
    source = _write(tmp_path / "a.csv", "{{c1::{{c1::\n0,0\n")
    report = import_file(source, tmp_path / "d.yaml")
    assert report.cards == len(load_deck(report.out).cards) == 1
    [problem] = report.problems
    assert problem.line == 1 and problem.message.count("card 'c1-c1-") == 1
    assert problem.message.count("is not closed") == 2 and problem.message.endswith("not imported")
