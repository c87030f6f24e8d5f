"""Text imports that do not guess wrong: UTF-16 "Unicode Text", binary files, Anki's #columns header,
header rows in other languages or unlike the rest, sound markers. Every skipped row is named by line."""

from __future__ import annotations

import codecs
import sqlite3
import zipfile
from pathlib import Path

import pytest

from kquiz.app.authoring import ImportOptions, import_deck
from kquiz.decks import load_deck
from kquiz.errors import InteropError

TABLE = "Front\tBack\tTags\nWhat does ketamine block?\tNMDA receptors\tpharm mech\nS-enantiomer?\tesketamine\tnames\n"


def _cards(path: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.front, c.back, c.tags) for c in load_deck(path).cards]  # type: ignore[union-attr]


@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_excel_unicode_text_is_read_as_a_table_not_as_quizlet(tmp_path: Path, bom: bool):
    data = TABLE.replace("\n", "\r\n").encode("utf-16-le")
    source = tmp_path / "cards.txt"
    source.write_bytes((codecs.BOM_UTF16_LE if bom else b"") + data)
    report = import_deck(source, tmp_path / "deck.yaml")
    assert report.format.value == "tsv" and report.details["encoding"] == "utf-16"
    assert _cards(tmp_path / "deck.yaml") == [
        ("What does ketamine block?", "NMDA receptors", ("pharm", "mech")),
        ("S-enantiomer?", "esketamine", ("names",)),
    ]
    same_as_tsv = tmp_path / "cards.tsv"
    same_as_tsv.write_bytes(source.read_bytes())
    import_deck(same_as_tsv, tmp_path / "tsv.yaml")
    assert _cards(tmp_path / "tsv.yaml") == _cards(tmp_path / "deck.yaml")


def test_three_tab_columns_in_a_utf8_txt_are_a_table(tmp_path: Path):
    source = tmp_path / "cards.txt"
    source.write_text(TABLE.split("\n", 1)[1], encoding="utf-8")  # no header row
    report = import_deck(source, tmp_path / "deck.yaml")
    assert report.format.value == "tsv" and _cards(tmp_path / "deck.yaml")[0][2] == ("pharm", "mech")


def _sqlite(path: Path) -> None:
    sqlite3.connect(path).execute("create table t (x)").connection.close()


@pytest.mark.parametrize(
    ("name", "write", "says"),
    [
        ("deck.apkg", lambda p: p.write_bytes(b"not a zip"), "not a zip archive, so not an Anki package"),
        ("cards.zip", lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "a zip archive, not a text"),
        (
            "book.xlsx",
            lambda p: zipfile.ZipFile(p, "w").writestr("[Content_Types].xml", "x"),
            "save it as CSV",
        ),
        ("collection.anki2", _sqlite, "an SQLite database"),
        ("notes.txt", lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x01"), "a PDF document"),
        ("x.txt", lambda p: p.write_bytes(bytes(range(256))), "a binary file"),
    ],
)
def test_binary_files_are_named_not_blamed_on_the_encoding(tmp_path: Path, name, write, says):
    source = tmp_path / name
    write(source)
    with pytest.raises(InteropError) as info:
        import_deck(source, tmp_path / "deck.yaml")
    assert says in str(info.value) and "--encoding" not in str(info.value)
    assert not (tmp_path / "deck.yaml").exists()


def test_anki_columns_header_names_the_tags_and_deck_columns(tmp_path: Path):
    source = tmp_path / "notes.txt"
    source.write_text(
        "#separator:tab\n#html:true\n#columns:Front\tBack\tDeck\tTags\n"
        "Q1\tA<br>one\tKetamine::Risks\tharm bladder\nQ2\tA2\tKetamine::Risks\t\n",
        encoding="utf-8",
    )
    report = import_deck(source, tmp_path / "deck.yaml")
    deck = load_deck(tmp_path / "deck.yaml")
    first = deck.cards[0]
    assert (first.front, first.back, first.tags, first.explanation) == (
        "Q1",
        "A\none",
        ("harm", "bladder"),
        "",
    )
    assert deck.topic(first.topic).title == "Ketamine / Risks" and report.cards == 2


@pytest.mark.parametrize(
    "header", ["Frage;Antwort", "Pregunta;Respuesta", "Vraag;Antwoord", "Question;Réponse"]
)
def test_a_header_row_in_another_language_is_skipped_with_a_note(tmp_path: Path, header: str):
    source = tmp_path / "karten.csv"
    source.write_text(
        f"{header}\nWas blockiert Ketamin?;NMDA-Rezeptoren\nWie heißt das S-Enantiomer?;Esketamin\n"
    )
    report = import_deck(source, tmp_path / "deck.yaml")
    assert [c[0] for c in _cards(tmp_path / "deck.yaml")] == [
        "Was blockiert Ketamin?",
        "Wie heißt das S-Enantiomer?",
    ]
    (note,) = report.warnings
    assert (
        note.line == 1
        and f"line 1 ({header}) is a header row" in note.message
        and "--no-header" in note.message
    )


def test_a_first_row_unlike_the_rest_is_a_header_and_the_flags_decide(tmp_path: Path):
    source = tmp_path / "karten.csv"
    source.write_text("Spalte A,Spalte B\nWas blockiert Ketamin?,NMDA\nWas ist Esketamin?,Ein Enantiomer\n")
    report = import_deck(source, tmp_path / "a.yaml")
    assert report.cards == 2 and "short labels above questions" in report.warnings[0].message
    kept = import_deck(source, tmp_path / "b.yaml", ImportOptions(header=False))
    assert kept.cards == 3 and _cards(tmp_path / "b.yaml")[0][:2] == ("Spalte A", "Spalte B")
    plain = tmp_path / "plain.csv"
    plain.write_text("Hund,dog\nKatze,cat\nMaus,mouse\n")  # no header: every row is a card
    assert import_deck(plain, tmp_path / "c.yaml").cards == 3
    assert import_deck(plain, tmp_path / "d.yaml", ImportOptions(header=True)).cards == 2


def test_sound_markers_become_placeholders_reported_by_line(tmp_path: Path):
    source = tmp_path / "words.txt"
    source.write_text("Hund\tdog [sound:hund.mp3]\nKatze\tcat\n", encoding="utf-8")
    report = import_deck(source, tmp_path / "deck.yaml")
    assert _cards(tmp_path / "deck.yaml")[0][1] == "dog [sound: hund.mp3]"
    (warning,) = report.warnings
    assert warning.line == 1 and "sound 'hund.mp3' cannot be played" in warning.message
