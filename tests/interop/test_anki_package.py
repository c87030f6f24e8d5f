"""Anki packages into kquiz decks, read with the real Anki library: a learner's package, and the
bundled decks exported and imported back (read at test time: they change as they are written)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from kquiz.app.authoring import ImportOptions, export_anki, import_deck
from kquiz.cli.main import main
from kquiz.decks import load_deck
from kquiz.domain import ClozeCard, OcclusionCard, ReversedCard, TypedCard
from kquiz.errors import InteropError

from .anki_builder import PNG, Collection, learner_package

BUNDLED = sorted((Path(__file__).parents[2] / "decks").glob("*.yaml"))
TEXTS = (
    "front",
    "back",
    "text",
    "prompt",
    "statement",
    "answer",
    "answers",
    "choices",
    "explanation",
    "note",
)


def test_a_learners_package_imports_cards_topics_tags_images_and_reports_the_rest(tmp_path: Path):
    apkg = learner_package(tmp_path / "anki")
    out = tmp_path / "deck" / "bio.yaml"
    report = import_deck(apkg, out)
    deck = load_deck(out)
    cards = list(deck.cards)
    assert (report.format.value, report.cards, deck.title) == ("anki-package", 7, "Bio")
    basic, forward, backward, typed, cloze, sound, vocab = cards
    assert (basic.front, basic.back, basic.tags) == ("What is ATP?", "Energy currency", ("bio", "energy"))
    assert basic.image == "bio-media/cell.png" and (out.parent / basic.image).read_bytes() == PNG
    assert deck.topic(basic.topic).title == "General"  # the top deck itself
    assert (forward.type.value, forward.front, forward.back) == (
        "basic",
        "mitochondrion",
        "powerhouse of the cell",
    )
    assert isinstance(backward, ReversedCard) and backward.front == "mitochondrion"  # Anki's second card
    assert forward.id != backward.id and deck.topic(backward.topic).title == "Cells"
    assert isinstance(typed, TypedCard) and typed.answers == ("Paris",)
    assert isinstance(cloze, ClozeCard) and cloze.text == "{{c1::DNA}} and {{c2::RNA::nucleic}} carry genes"
    assert cloze.explanation == "both acids" and deck.topic(cloze.topic).title == "Cells / Genes"
    assert sound.back == "hello [sound: hello.mp3]"
    assert (vocab.front, vocab.back, vocab.explanation) == ("Hund", "dog", "Der Hund bellt.")
    warnings = [str(w) for w in report.warnings]
    assert any("sound 'hello.mp3' skipped" in w and "note 5 (nid:" in w for w in warnings)
    assert any(
        "note type 'Vocab' is not one kquiz knows: 2 note(s) mapped by their fields" in w for w in warnings
    )
    (problem,) = report.problems
    assert "note 7 (nid:" in str(problem) and "the field 'Word' is empty; not imported" in str(problem)

    again = import_deck(apkg, out, overwrite=True)  # the same ids on a second import: progress is kept
    assert [c.id for c in load_deck(out).cards] == [c.id for c in cards] and again.cards == 7


def test_a_collection_package_imports_too(tmp_path: Path):
    colpkg = learner_package(tmp_path / "anki", colpkg=True)
    report = import_deck(colpkg, tmp_path / "all.yaml")
    assert report.cards == 7 and (tmp_path / "all-media" / "cell.png").read_bytes() == PNG


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_decks_exported_and_imported_back_give_the_same_cards(tmp_path: Path, path: Path):
    original = load_deck(path)
    apkg = tmp_path / "deck.apkg"
    export_anki([path], apkg)
    report = import_deck(apkg, tmp_path / "back.yaml", ImportOptions(deck_id=original.id))
    assert (report.problems, report.warnings) == ((), ())
    back = load_deck(tmp_path / "back.yaml")
    assert back.title == original.title
    again = {card.id: card for card in back.cards}
    # genanki has no image-occlusion note type: an occlusion region goes out as a basic card whose
    # back is the hidden label (with the picture), and comes back as one
    kept = [card for card in original.cards if not isinstance(card, OcclusionCard)]
    ids = {card.id for card in kept}
    assert [i for i in again if i in ids] == [card.id for card in kept]
    for card in original.cards:
        if isinstance(card, OcclusionCard):
            assert again[card.id].back == card.region().answer
    for card in kept:
        twin = again[card.id]
        assert twin.type == card.type, card.id
        for name in TEXTS:
            assert getattr(twin, name, None) == getattr(card, name, None), (card.id, name)
        assert set(twin.tags) == set(card.tags)  # Anki sorts tags
        assert back.topic(twin.topic).title == original.topic(card.topic).title
        cited = [(back.source(c.source_id).title, c.section) for c in twin.citations]
        assert cited == [(original.source(c.source_id).title, c.section) for c in card.citations]


def _answer_letters(apkg: Path, folder: Path) -> dict[str, str]:
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    try:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        col.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(apkg), options=ImportAnkiPackageOptions())
        )
        notes = [col.get_note(nid) for nid in col.find_notes('"note:kquiz Quiz" Kind:choice')]
        return {note["kquiz ID"]: note["Answer"] for note in notes}
    finally:
        col.close()


def test_choice_answers_are_spread_over_the_letters_and_stay_on_re_export(tmp_path: Path):
    first, second = tmp_path / "1.apkg", tmp_path / "2.apkg"
    export_anki(BUNDLED, first)
    export_anki(BUNDLED, second)
    answers = _answer_letters(first, tmp_path / "a")
    assert answers == _answer_letters(second, tmp_path / "b")  # the same letters every time
    single = [a for a in answers.values() if "<br>" not in a]
    letters = Counter(a[0] for a in single)
    n = len(single)
    assert n >= 20 and set(letters) == {"A", "B", "C", "D"}  # the bundled choice cards have 4 options
    assert max(letters.values()) <= 0.4 * n  # no letter is "the answer"
    chi2 = sum((count - n / 4) ** 2 / (n / 4) for count in letters.values())
    assert chi2 < 16.27  # even: a uniform draw exceeds this once in a thousand


def test_without_the_anki_library_a_package_says_how_to_get_it(tmp_path: Path, monkeypatch, capsys):
    apkg = learner_package(tmp_path / "anki")
    monkeypatch.setitem(sys.modules, "anki.collection", None)  # as if anki were not installed
    with pytest.raises(InteropError, match=r"pip install 'kquiz\[anki\]'"):
        import_deck(apkg, tmp_path / "x.yaml")
    assert main(["import", str(apkg), "--out", str(tmp_path / "x.yaml")]) == 1
    assert "kquiz[anki]" in capsys.readouterr().err and not (tmp_path / "x.yaml").exists()


def test_kquiz_import_of_a_package_on_the_command_line(tmp_path: Path, capsys):
    apkg = learner_package(tmp_path / "anki")
    assert main(["import", str(apkg), "--out", str(tmp_path / "bio.yaml")]) == 1  # one note skipped
    captured = capsys.readouterr()
    assert "Imported 7 card(s)" in captured.out and "anki-package" in captured.out
    assert "skipped: " in captured.err and "the field 'Word' is empty" in captured.err


def test_sounds_and_image_placeholders_in_a_text_are_exported_as_text_and_reported(tmp_path: Path):
    deck = tmp_path / "sounds.yaml"
    deck.write_text(
        "kquiz: 1\nid: sounds\ntitle: Sounds\ntopics: [{id: t, title: T}]\ncards:\n"
        "  - {id: s1, type: basic, topic: t, front: Say it, back: 'hello [sound:hello.mp3]'}\n"
        "  - {id: s2, type: basic, topic: t, front: 'Look [image: cell.png]', back: a cell}\n",
        encoding="utf-8",
    )
    result = export_anki([deck], tmp_path / "sounds.apkg")
    assert len(result.warnings) == 2
    assert "card 's1': sound 'hello.mp3' is text in kquiz" in result.warnings[0]
    assert "card 's2': '[image: cell.png]' in the text is not exported as an image" in result.warnings[1]
    report = import_deck(tmp_path / "sounds.apkg", tmp_path / "back.yaml", ImportOptions(deck_id="sounds"))
    assert load_deck(tmp_path / "back.yaml").cards[0].back == "hello [sound:hello.mp3]"  # type: ignore[union-attr]
    assert report.warnings == ()  # Anki saw text, not a sound to play
