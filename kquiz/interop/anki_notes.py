"""Anki notes (``RawNote``) to import rows (``ImportedNote``): the note-type mapping.

* kquiz's own note types (``kquiz Basic``, ``kquiz Reversed``, ``kquiz Cloze``, ``kquiz Quiz``,
  ``kquiz Typed``) map back exactly: the ``kquiz ID`` field gives the card id, choices are put back in
  the deck's order, the Source field becomes the card's citations.
* A cloze note type gives a cloze card (Text; Back Extra and other fields become the explanation).
* Other note types are read from the question templates of the cards the note has: a card asking the
  first field is a basic card, one asking the second a reversed card (Basic (and reversed card) gives
  both), ``{{type:Field}}`` a typed card.
* A note type whose templates say neither is mapped by its fields (first → front, second → back, the
  rest → explanation), with one warning per note type; a note that still has no front and back is a
  problem of its own (``note N (nid:...)``: what Anki's browser finds with that search).
* HTML becomes text as in the text importer; an image in the question becomes the card's image
  (``ImageCopier`` copies it next to the new deck), other images stay as ``[image: path]`` markers
  (the file copied too); sounds become ``[sound: x.mp3]`` markers and are reported as skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kquiz.errors import Problem
from kquiz.interop.anki_models import ID_FIELD, MODELS, choice_order
from kquiz.interop.anki_package import RawNote
from kquiz.interop.html_text import html_to_text_media
from kquiz.interop.ids import is_valid_id
from kquiz.interop.model import ImportedNote

_FIELD_REF = re.compile(r"\{\{([^#/^!{}][^{}]*)\}\}")
_CLOZE = re.compile(r"\{\{c(\d+)::")
_LI = re.compile(r"<li\b[^>]*>(.*?)</li>", re.IGNORECASE | re.DOTALL)
_KQUIZ_TYPES = {*MODELS, "kquiz Basic (and reversed card)"}  # and v1's two-card reversed type
_KNOWN_EXTRAS = {"Add Reverse"}  # a flag field of "Basic (optional reversed card)", not content
CopyImage = Callable[[str], str | None]  # media file name -> path in the new deck (None: missing)


@dataclass
class Mapped:
    notes: list[ImportedNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    by_fields: Counter[str] = field(default_factory=Counter)


class _Note:
    """One note being mapped: its fields as text, and what it reports."""

    def __init__(self, raw: RawNote, line: int, path: str, copy: CopyImage, out: Mapped) -> None:
        self.raw, self.line, self.path, self.copy, self.out = raw, line, path, copy, out
        self.where = f"note {line} (nid:{raw.nid}, {raw.notetype!r})"
        self.image: str | None = None

    def warn(self, message: str) -> None:
        warning = Problem(self.path, f"{self.where}: {message}", self.line, 1)
        if warning not in self.out.warnings:  # a note making two cards reads its fields twice
            self.out.warnings.append(warning)

    def problem(self, message: str) -> None:
        self.out.problems.append(Problem(self.path, f"{self.where}: {message}; not imported", self.line, 1))

    def text(self, html: str, *, question: bool = False) -> str:
        text, images, sounds = html_to_text_media(html)
        for name in sounds:
            self.warn(f"sound {name!r} skipped (kquiz plays no sounds); shown as [sound: {name}]")
        for name in images:
            copied = self.copy(name)
            if copied is None:
                self.warn(f"image {name!r} is not in the package; left as the marker [image: {name}]")
            elif question and self.image is None:
                self.image = copied
                text = text.replace(f"[image: {name}]", "", 1)
            else:
                text = text.replace(f"[image: {name}]", f"[image: {copied}]", 1)
                self.warn(f"image {name!r} copied to {copied}; a card shows one image, with its question")
        return re.sub(r"[ \t]+\n|\n[ \t]+", "\n", text).strip()

    def named(self, name: str, **kw: bool) -> str:
        return self.text(self.raw.field(name), **kw)

    def base(self, front: str, **kw: object) -> ImportedNote:
        tags = tuple(t.replace(",", "_") for t in self.raw.tags if t.replace(",", "_"))
        topic = self.raw.deck or None
        note = ImportedNote(line=self.line, front=front, tags=tags, topic=topic, stable_key=self.raw.guid)
        return _replace(note, image=self.image, **kw)


def _replace(imported: ImportedNote, /, **kw: object) -> ImportedNote:
    from dataclasses import replace

    return replace(imported, **kw)  # type: ignore[arg-type]  # keys checked by the dataclass at run time


def map_notes(notes: tuple[RawNote, ...], path: str, copy: CopyImage) -> Mapped:
    out = Mapped()
    for line, raw in enumerate(notes, start=1):
        note = _Note(raw, line, path, copy, out)
        if raw.notetype in _KQUIZ_TYPES:
            _kquiz(note)
        elif raw.is_cloze:
            _cloze(note)
        else:
            _standard(note)
    for notetype, count in out.by_fields.items():
        out.warnings.append(
            Problem(
                path,
                f"note type {notetype!r} is not one kquiz knows: {count} note(s) mapped by their fields "
                "(first → front, second → back, the rest → explanation)",
            )
        )
    return out


def _kquiz_id(note: _Note) -> tuple[str, str] | None:
    deck_id, _, card_id = note.raw.field(ID_FIELD).strip().rpartition("/")
    return (deck_id, card_id) if is_valid_id(card_id) else None


def _kquiz(note: _Note) -> None:
    raw, ids = note.raw, _kquiz_id(note)
    kw: dict[str, object] = {
        "card_id": ids[1] if ids else None,
        "note": note.named("Note"),
        "citations": _citations(note.named("Source")),
    }
    name = raw.notetype
    if name == "kquiz Cloze":
        text = note.named("Text", question=True)
        if len(_CLOZE.findall(text)) > 1 and set(_CLOZE.findall(text)) == {"1"}:  # kquiz merged them
            counter = iter(range(1, 1000))
            text = _CLOZE.sub(lambda m: f"{{{{c{next(counter)}::", text)
        _add(note, note.base(text, kind="cloze", explanation=note.named("Back Extra"), **kw))
        return
    kw["explanation"] = note.named("Explanation")
    if name == "kquiz Quiz" and raw.field("Kind") == "truefalse":
        statement = re.sub(r"^True or false\?\s*", "", note.named("Question", question=True))
        answer = "true" if note.named("Answer").lower() == "true" else "false"
        _add(note, note.base(statement, back=answer, kind="truefalse", **kw))
    elif name == "kquiz Quiz":
        prompt = note.named("Question", question=True)
        shown = [note.text(item) for item in _LI.findall(raw.field("Options"))]
        right = {ord(m[0]) - 65 for m in re.findall(r"(?m)^([A-Z])\. ", note.named("Answer"))}
        choices = [(text, k in right) for k, text in enumerate(shown)]
        if ids:  # put the options back in the deck's order
            order = choice_order(ids[0], ids[1], len(choices))
            original = [("", False)] * len(choices)
            for k, index in enumerate(order):
                original[index] = choices[k]
            choices = original
        _add(note, note.base(prompt, kind="choice", choices=tuple(choices), **kw))
    elif name == "kquiz Typed":
        also = note.named("Also accepted")
        answers = also.split("\n") if "\n" in also or ID_FIELD in raw.field_names else also.split(", ")
        answers = [a.strip() for a in answers if a.strip()]
        back = note.named("Answer")
        _add(
            note,
            note.base(
                note.named("Question", question=True), back=back, kind="typed", answers=tuple(answers), **kw
            ),
        )
    else:  # kquiz Basic, kquiz Reversed (and v1's "kquiz Basic (and reversed card)")
        kind = "basic" if name == "kquiz Basic" else "reversed"
        front = note.named("Front", question=kind == "basic")
        back = note.named("Back", question=kind == "reversed")
        _add(note, note.base(front, back=back, kind=kind, **kw))


def _citations(line: str) -> tuple[tuple[str, str], ...]:
    cited = []
    for part in (p.strip() for p in line.split("; ")):
        if part:
            title, _, section = part.partition(" — ")
            cited.append((title.strip(), section.strip()))
    return tuple(cited)


def _cloze(note: _Note) -> None:
    raw = note.raw
    if "image-occlusion:" in (raw.fields[0] if raw.fields else ""):
        note.problem("an image occlusion note: kquiz has no such card")
        return
    text = note.text(raw.fields[0] if raw.fields else "", question=True)
    if not _CLOZE.search(text):
        note.problem("a cloze note without a {{c1::...}} blank in its first field")
        return
    extra = "\n\n".join(t for t in (note.text(f) for f in raw.fields[1:]) if t)
    _add(note, note.base(text, kind="cloze", explanation=extra))


def _first_field(question: str, names: tuple[str, ...]) -> tuple[int | None, int | None]:
    """(index of the first field a question template shows, index of its {{type:...}} field)."""
    shown: int | None = None
    typed: int | None = None
    for ref in _FIELD_REF.findall(question):
        kind, _, name = ref.strip().rpartition(":")
        if name.strip() not in names:
            continue
        index = names.index(name.strip())
        if kind.strip() == "type":
            typed = index if typed is None else typed
        elif shown is None:
            shown = index
    return shown, typed


def _standard(note: _Note) -> None:
    raw = note.raw
    kinds: list[tuple[str, int, int]] = []  # (kind, question field, answer field)
    for question in raw.questions:
        shown, typed = _first_field(question, raw.field_names)
        if typed is not None and shown is not None and shown != typed:
            kinds.append(("typed", shown, typed))
        elif shown in (0, 1) and len(raw.fields) > 1:
            kinds.append(("basic", 0, 1) if shown == 0 else ("reversed", 0, 1))
    if not kinds:
        note.out.by_fields[raw.notetype] += 1
        kinds = [("basic", 0, 1)]
    used = {i for _, a, b in kinds for i in (a, b)}
    for n, (kind, q, a) in enumerate(dict.fromkeys(kinds)):
        if len(raw.fields) <= max(q, a):
            note.problem(f"only {len(raw.fields)} field(s): a card needs a front and a back")
            return
        note.image = None  # each card takes the image of the side it asks
        front = note.text(raw.fields[q], question=kind != "reversed")
        back = note.text(raw.fields[a], question=kind == "reversed")
        if not front or not back:
            empty = raw.field_names[q] if not front else raw.field_names[a]
            note.problem(f"the field {empty!r} is empty")
            return
        extra = [
            note.text(f)
            for i, f in enumerate(raw.fields)
            if i not in used and raw.field_names[i] not in _KNOWN_EXTRAS
        ]
        explanation = "\n\n".join(t for t in extra if t)
        key = raw.guid if n == 0 else f"{raw.guid}/{kind}"
        _add(note, note.base(front, back=back, kind=kind, explanation=explanation, stable_key=key))


def _add(note: _Note, imported: ImportedNote) -> None:
    note.out.notes.append(imported)
