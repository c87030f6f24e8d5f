"""Export to .apkg and import into a real Anki collection (the ``anki`` wheel), twice.

The second export, after editing the deck, must update the notes already in Anki, not add copies.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from kquiz.app.authoring import export_anki
from kquiz.interop.anki_models import stable_id

anki_collection = pytest.importorskip(
    "anki.collection", reason="the `anki` wheel is not installed for this platform (pip install anki)"
)
Collection = anki_collection.Collection
ImportAnkiPackageRequest = anki_collection.ImportAnkiPackageRequest
ImportAnkiPackageOptions = anki_collection.ImportAnkiPackageOptions


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


DECK = """\
kquiz: 1
id: anki-test
title: "Ketamine <test> deck"
topics:
  - {id: mech, title: Mechanisms}
  - {id: risks, title: Risks & harms}
sources:
  - id: s1
    title: An article
    sections: [Intro]
cards:
  - id: b1
    type: basic
    topic: mech
    front: "What does ketamine block?"
    back: "BACK_TEXT"
    explanation: "It is an open-channel blocker.\\nSecond line."
    note: "Sources overstate this."
    source: {id: s1, section: Intro}
    tags: [receptors, pharm::nmda]
    image: images/pic.png
    alt: A picture
  - id: r1
    type: reversed
    topic: mech
    front: NMDA
    back: N-methyl-D-aspartate
  - id: c1
    type: cloze
    topic: mech
    text: "Ketamine blocks {{c1::NMDA}} and raises {{c2::glutamate::a transmitter}}."
  - id: m1
    type: choice
    topic: risks
    prompt: Which is a common short-term effect?
    choices:
      - {text: Dissociation, correct: true}
      - {text: Hair loss}
  - id: t1
    type: truefalse
    topic: risks
    statement: Ketamine is an opioid.
    answer: false
  - id: y1
    type: typed
    topic: risks
    prompt: The S-enantiomer is called?
    answers: [esketamine, S-ketamine]
"""


def _deck(folder: Path, back: str) -> Path:
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "pic.png").write_bytes(_png())
    path = folder / "deck.yaml"
    path.write_text(DECK.replace("BACK_TEXT", back), encoding="utf-8")
    return path


def _import(col, apkg: Path):
    request = ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions())
    return col.import_anki_package(request).log  # default options: update notes "if newer", as in Anki


def _notes(col) -> dict[str, object]:
    return {col.get_note(nid).guid: col.get_note(nid) for nid in col.find_notes("")}


def test_export_imports_into_anki_with_fields_tags_decks_media_and_updates_on_reexport(tmp_path: Path):
    import genanki

    deck_path = _deck(tmp_path, "The NMDA receptor")
    apkg = tmp_path / "out.apkg"
    result = export_anki([deck_path], apkg, timestamp=1_700_000_000)
    assert (result.notes, result.media) == (6, 1)

    (tmp_path / "anki").mkdir()
    col = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        log = _import(col, apkg)
        assert len(log.new) == 6 and len(log.updated) == 0
        assert col.note_count() == 6
        assert col.card_count() == 6  # the reversed card is one Anki card, asked back-first
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {
            "Ketamine <test> deck",
            "Ketamine <test> deck::Mechanisms",
            "Ketamine <test> deck::Risks & harms",
        } <= names

        notes = _notes(col)
        basic = notes[genanki.guid_for("anki-test", "b1")]
        assert basic.note_type()["name"] == "kquiz Basic"
        assert basic.note_type()["id"] == stable_id("kquiz-model:kquiz Basic:v2")
        assert basic["Front"] == "What does ketamine block?"
        assert basic["Back"] == "The NMDA receptor"
        assert basic["Explanation"] == "It is an open-channel blocker.<br>Second line."
        assert basic["Note"] == "Sources overstate this."
        assert basic["Source"] == "An article — Intro"
        assert basic["kquiz ID"] == "anki-test/b1"
        assert sorted(basic.tags) == ["pharm::nmda", "receptors"]
        media_name = basic["Image"].split('"')[1]
        assert (Path(col.media.dir()) / media_name).read_bytes() == _png()
        card = basic.cards()[0]
        assert col.decks.name(card.did) == "Ketamine <test> deck::Mechanisms"
        assert "What does ketamine block?" in card.question() and media_name in card.question()
        assert "The NMDA receptor" in card.answer()

        cloze = notes[genanki.guid_for("anki-test", "c1")]
        assert cloze["Text"] == "Ketamine blocks {{c1::NMDA}} and raises {{c1::glutamate::a transmitter}}."
        assert len(cloze.cards()) == 1  # kquiz asks all blanks together
        assert "[a transmitter]" in cloze.cards()[0].question()

        choice = notes[genanki.guid_for("anki-test", "m1")]
        assert choice.note_type()["name"] == "kquiz Quiz"
        # shuffled by the card's ids (this card keeps its order, on every export): see test_anki_package
        assert choice["Options"] == "<li>Dissociation</li><li>Hair loss</li>"
        assert choice["Answer"] == "A. Dissociation"
        truefalse = notes[genanki.guid_for("anki-test", "t1")]
        assert (truefalse["Answer"], truefalse["Kind"]) == ("False", "truefalse")
        assert col.decks.name(truefalse.cards()[0].did) == "Ketamine <test> deck::Risks & harms"
        typed = notes[genanki.guid_for("anki-test", "y1")]
        assert (typed["Answer"], typed["Also accepted"]) == ("esketamine", "S-ketamine")
        assert "[[type:Answer]]" in typed.cards()[0].question()
        reversed_note = notes[genanki.guid_for("anki-test", "r1")]
        assert reversed_note.note_type()["name"] == "kquiz Reversed"
        (reversed_card,) = reversed_note.cards()
        assert "N-methyl-D-aspartate" in reversed_card.question()
        assert "NMDA" not in reversed_card.question() and "NMDA" in reversed_card.answer()

        # Edit the deck, export again (later), import again: updated in place, nothing duplicated.
        _deck(tmp_path, "The NMDA receptor (an open-channel block)")
        export_anki([deck_path], apkg, timestamp=1_700_000_600)
        log = _import(col, apkg)
        assert len(log.new) == 0
        assert len(log.updated) >= 1
        assert col.note_count() == 6 and col.card_count() == 6
        assert len(col.models.all_names_and_ids()) == len({m.name for m in col.models.all_names_and_ids()})
        basic = _notes(col)[genanki.guid_for("anki-test", "b1")]
        assert basic["Back"] == "The NMDA receptor (an open-channel block)"
        kquiz_types = [m.name for m in col.models.all_names_and_ids() if m.name.startswith("kquiz")]
        assert len(kquiz_types) == len(set(kquiz_types)) == 5
    finally:
        col.close()
