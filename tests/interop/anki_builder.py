"""Packages built with the real Anki library, as a learner's Anki would export them."""

from __future__ import annotations

from pathlib import Path

import pytest

anki_collection = pytest.importorskip(
    "anki.collection", reason="the `anki` wheel is not installed for this platform (pip install anki)"
)
Collection = anki_collection.Collection

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16  # the bytes are copied, not decoded


def _add(col, notetype: str, fields: list[str], deck: str, tags: tuple[str, ...] = ()) -> int:
    note = col.new_note(col.models.by_name(notetype))
    for index, value in enumerate(fields):
        note.fields[index] = value
    note.tags = list(tags)
    col.add_note(note, col.decks.id(deck))
    return int(note.id)


def _vocab_type(col) -> None:
    """A note type of someone's own: its card asks the third field, so kquiz maps it by its fields."""
    models = col.models
    model = models.new("Vocab")
    for name in ("Word", "Meaning", "Example"):
        models.add_field(model, models.new_field(name))
    template = models.new_template("Card 1")
    template["qfmt"], template["afmt"] = "{{Example}}", "{{Word}}: {{Meaning}}"
    models.add_template(model, template)
    models.add(model)


def learner_package(folder: Path, *, colpkg: bool = False) -> Path:
    """Basic (with an image, in the top deck), Basic (and reversed card), type-in, a cloze with two
    blanks, a sound, tags, a subdeck, an unknown note type and one note that cannot be mapped."""
    folder.mkdir(parents=True, exist_ok=True)
    col = Collection(str(folder / "collection.anki2"))
    try:
        image = col.media.write_data("cell.png", PNG)
        _add(
            col,
            "Basic",
            [f'What is <b>ATP</b>?<br><img src="{image}">', "Energy&nbsp;currency"],
            "Bio",
            ("bio", "energy"),
        )
        _add(
            col,
            "Basic (and reversed card)",
            ["mitochondrion", "powerhouse of the cell"],
            "Bio::Cells",
            ("cells",),
        )
        _add(col, "Basic (type in the answer)", ["Capital of France?", "Paris"], "Bio::Cells")
        _add(
            col,
            "Cloze",
            ["{{c1::DNA}} and {{c2::RNA::nucleic}} carry genes", "<i>both</i> acids"],
            "Bio::Cells::Genes",
        )
        _add(col, "Basic", ["Say it", "hello [sound:hello.mp3]"], "Bio::Cells")
        _vocab_type(col)
        _add(col, "Vocab", ["Hund", "dog", "Der Hund bellt."], "Bio::Words")
        _add(col, "Vocab", ["", "", "Nur ein Beispiel."], "Bio::Words")
        if colpkg:
            out = folder / "learner.colpkg"
            col.export_collection_package(str(out), include_media=True, legacy=False)
            return out
        out = folder / "learner.apkg"
        options = anki_collection.ExportAnkiPackageOptions(
            with_media=True, with_scheduling=False, with_deck_configs=False, legacy=False
        )
        col.export_anki_package(out_path=str(out), options=options, limit=None)
        return out
    finally:
        if not colpkg:
            col.close()
