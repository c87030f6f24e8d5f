"""Export decks to an Anki package (.apkg) with genanki.

* Each kquiz deck becomes an Anki deck named by its title, each topic a sub-deck
  ``Deck title::Topic title``. Deck ids come from the kquiz deck and topic *ids* (not the titles),
  so renaming a title does not make a new Anki deck.
* Note GUIDs are ``genanki.guid_for(deck id, card id)``: importing the package of an edited deck
  updates the notes already in Anki (Anki's default: "update if newer") instead of duplicating them.
* Card text is plain text in kquiz; it is HTML-escaped, line breaks become ``<br>``. A sound marker
  (``[sound:x.mp3]``) in a text is escaped so that Anki shows it instead of looking for the file, and
  reported, as is an image placeholder (``[image: x.png]``) or ``<img>`` text: only a card's ``image``
  travels as media.
* A cloze card's blanks are one item in kquiz, so they all become ``c1`` (one Anki card showing every
  blank at once).
* A reversed card is one Anki card asked back-first (``kquiz Reversed``), as kquiz asks it.
* A choice card's options are shuffled by ``anki_models.choice_order`` (seeded by the deck and card
  ids), so the right letter is spread over A, B, C... and stays the same on every re-export.
* Images are copied into the package under a content-addressed name (``kquiz-<sha>.<ext>``).
* Every note carries ``deck id/card id`` in its ``kquiz ID`` field, so ``kquiz import`` of the package
  gives the same card ids back.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki

from kquiz.domain import (
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    OcclusionCard,
    ReversedCard,
    TrueFalseCard,
    TypedCard,
)
from kquiz.errors import InteropError
from kquiz.interop import anki_models as models
from kquiz.interop.files import atomic_write
from kquiz.interop.html_text import text_to_html

_CLOZE_NUMBER = re.compile(r"\{\{c\d+::")
_SOUND = re.compile(r"\[sound:([^\]]*)\]")
_IMAGE_TEXT = re.compile(r"\[image: ?([^\]]*)\]|<img\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ExportReport:
    out: Path
    notes: int
    decks: tuple[str, ...]  # Anki deck names
    media: int
    warnings: tuple[str, ...] = ()  # text that cannot travel as media (sounds, image placeholders)


def anki_tags(card: Card) -> list[str]:
    return [re.sub(r"\s+", "_", tag.strip()) for tag in card.tags if tag.strip()]


class _Media:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}

    def add(self, deck: Deck, relative: str) -> str:
        base = Path(deck.path).parent if deck.path else Path(".")
        source = base / relative
        try:
            data = source.read_bytes()
        except OSError as exc:
            raise InteropError(
                f"{deck.path}: image {relative!r} cannot be read ({exc.strerror or exc})"
            ) from None
        name = f"kquiz-{hashlib.sha256(data).hexdigest()[:16]}{source.suffix.lower()}"
        if name not in self.files:
            target = self.folder / name
            shutil.copyfile(source, target)
            self.files[name] = target
        return name


class _Fields:
    """Turns a card's texts into Anki fields, noting what cannot travel (sounds, images in the text)."""

    def __init__(self, deck: Deck) -> None:
        self.deck = deck
        self.warnings: list[str] = []

    def __call__(self, card: Card, text: str) -> str:
        where = f"{self.deck.path or self.deck.id}: card {card.id!r}"
        for name in _SOUND.findall(text):
            self.warnings.append(
                f"{where}: sound {name!r} is text in kquiz; exported as text, not as a sound to play"
            )
        for match in _IMAGE_TEXT.finditer(text):
            self.warnings.append(
                f"{where}: {match.group(0)!r} in the text is not exported as an image "
                "(give the card an 'image:' field)"
            )
        return text_to_html(text).replace("[sound:", "&#91;sound:")


def _note_fields(deck: Deck, card: Card, image_html: str, h: _Fields) -> tuple[genanki.Model, list[str]]:
    kquiz_id = f"{deck.id}/{card.id}"
    source = text_to_html(deck.cited(card))
    extras = [image_html, h(card, card.explanation), h(card, card.note), source, kquiz_id]
    if isinstance(card, ClozeCard):
        text = _CLOZE_NUMBER.sub("{{c1::", card.text)
        return models.CLOZE, [
            h(card, text),
            h(card, card.explanation),
            image_html,
            h(card, card.note),
            source,
            kquiz_id,
        ]
    if isinstance(card, ChoiceCard):
        shown = [card.choices[i] for i in models.choice_order(deck.id, card.id, len(card.choices))]
        options = "".join(f"<li>{h(card, choice.text)}</li>" for choice in shown)
        right = [f"{chr(65 + k)}. {h(card, c.text)}" for k, c in enumerate(shown) if c.correct]
        return models.QUIZ, [h(card, card.prompt), options, "<br>".join(right), "choice", *extras]
    if isinstance(card, TrueFalseCard):
        question = f"True or false?<br>{h(card, card.statement)}"
        return models.QUIZ, [
            question,
            "<li>True</li><li>False</li>",
            "True" if card.answer else "False",
            "truefalse",
            *extras,
        ]
    if isinstance(card, TypedCard):
        also = "<br>".join(h(card, a) for a in card.answers[1:])
        return models.TYPED, [h(card, card.prompt), h(card, card.answers[0]), also, *extras]
    if isinstance(card, OcclusionCard):  # genanki has no image-occlusion note type: the label on the back
        region = card.region()
        front = f"What is hidden in region '{h(card, region.name)}' of the picture?"
        return models.BASIC, [front, h(card, region.answer), *extras]
    model = models.REVERSED if isinstance(card, ReversedCard) else models.BASIC
    return model, [h(card, card.front), h(card, card.back), *extras]


def build_package(decks: Sequence[Deck], media_dir: Path) -> tuple[genanki.Package, ExportReport]:
    if not decks:
        raise InteropError("nothing to export: no decks given")
    ids = [deck.id for deck in decks]
    if len(set(ids)) != len(ids):
        raise InteropError(f"two decks have the same id {next(i for i in ids if ids.count(i) > 1)!r}")
    media = _Media(media_dir)
    anki_decks: list[genanki.Deck] = []
    notes = 0
    warnings: list[str] = []
    for deck in decks:
        fields = _Fields(deck)
        parent = genanki.Deck(
            models.stable_id(f"kquiz-deck:{deck.id}"), deck.title, description=text_to_html(deck.description)
        )
        anki_decks.append(parent)
        subdecks: dict[str, genanki.Deck] = {}
        for card in deck.cards:
            topic = deck.topic(card.topic)
            if card.topic not in subdecks:
                name = f"{deck.title}::{topic.title if topic else card.topic}"
                subdecks[card.topic] = genanki.Deck(
                    models.stable_id(f"kquiz-deck:{deck.id}::{card.topic}"), name
                )
                anki_decks.append(subdecks[card.topic])
            image_html = f'<img src="{media.add(deck, card.image)}">' if card.image else ""
            model, values = _note_fields(deck, card, image_html, fields)
            subdecks[card.topic].add_note(
                genanki.Note(
                    model=model,
                    fields=values,
                    tags=anki_tags(card),
                    guid=genanki.guid_for(deck.id, card.id),
                )
            )
            notes += 1
        warnings += fields.warnings
    package = genanki.Package(anki_decks, media_files=[str(p) for p in media.files.values()])
    names = tuple(d.name for d in anki_decks)
    return package, ExportReport(Path(), notes, names, len(media.files), tuple(warnings))


def export_apkg(decks: Sequence[Deck], out: Path, *, timestamp: float | None = None) -> ExportReport:
    """Write ``out`` (atomically). ``timestamp`` is the notes' modification time (default: now);
    Anki updates an existing note on import when the package's note is newer."""
    with tempfile.TemporaryDirectory(prefix="kquiz-apkg-") as tmp:
        package, report = build_package(decks, Path(tmp))
        target = Path(tmp) / "out.apkg"
        package.write_to_file(str(target), timestamp=time.time() if timestamp is None else timestamp)
        atomic_write(out, target.read_bytes())
    return ExportReport(out, report.notes, report.decks, report.media, report.warnings)
