"""Reading Anki packages (``.apkg``, ``.colpkg``) with the real ``anki`` library.

The package is imported into a new collection in a temporary folder (Anki reads every package
version: legacy ``collection.anki2``, ``collection.anki21`` and zstd-compressed ``collection.anki21b``),
then its notes, note types, decks and media are read into plain data (``RawNote``); mapping them to
kquiz cards is ``kquiz.interop.anki_notes``. The ``anki`` library is the optional extra
``kquiz[anki]``: without it, reading a package says how to install it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kquiz.errors import InteropError

PACKAGE_SUFFIXES = (".apkg", ".colpkg")
INSTALL_HINT = (
    "reading Anki packages (.apkg, .colpkg) needs the anki library: pip install 'kquiz[anki]' "
    "(or pip install anki, into the same Python as kquiz); it has wheels for x86-64 and ARM64. "
    "Or export from Anki as 'Notes in Plain Text' and import that file"
)


@dataclass(frozen=True, slots=True)
class RawNote:
    """One note as Anki stores it: fields are HTML; ``questions`` are the question templates of the
    cards this note has (cloze: its one template); ``deck`` is the deck of its first card."""

    nid: int
    guid: str
    notetype: str
    is_cloze: bool
    field_names: tuple[str, ...]
    fields: tuple[str, ...]
    tags: tuple[str, ...]
    deck: str
    questions: tuple[str, ...]

    def field(self, name: str) -> str:
        return self.fields[self.field_names.index(name)] if name in self.field_names else ""


@dataclass(frozen=True, slots=True)
class RawPackage:
    notes: tuple[RawNote, ...]
    media_dir: Path  # the collection's media folder (exists while the package is open)


def _anki_collection() -> Any:  # the anki.collection module (imported on first use)
    try:
        import anki.collection
    except ImportError as exc:
        raise InteropError(f"{INSTALL_HINT} ({exc})") from None
    return anki.collection


@contextmanager
def open_package(path: Path) -> Iterator[RawPackage]:
    """Import ``path`` into a throw-away collection and yield what it holds."""
    module = _anki_collection()
    with tempfile.TemporaryDirectory(prefix="kquiz-anki-") as tmp:
        col = module.Collection(str(Path(tmp) / "collection.anki2"))
        try:
            for entry in col.models.all_names_and_ids():  # the stock types: imported names stay as-is
                if not col.models.use_count(col.models.get(entry.id)):
                    col.models.remove(entry.id)
            request = module.ImportAnkiPackageRequest(
                package_path=str(path.resolve()),
                options=module.ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False),
            )
            try:
                col.import_anki_package(request)
            except Exception as exc:  # anki.errors.* (BackendError subclasses) carry Anki's message
                raise InteropError(f"{path}: Anki cannot read this package ({exc})") from None
            yield RawPackage(tuple(_notes(col)), Path(col.media.dir()))
        finally:
            col.close()


def _notes(col: Any) -> Iterator[RawNote]:  # an anki.collection.Collection
    deck_names = {d.id: d.name for d in col.decks.all_names_and_ids()}
    for nid in sorted(col.find_notes("")):  # creation order
        note = col.get_note(nid)
        notetype = note.note_type() or {}
        templates = {t["ord"]: t["qfmt"] for t in notetype.get("tmpls", [])}
        is_cloze = notetype.get("type") == 1
        cards = sorted(note.cards(), key=lambda c: c.ord)
        questions = (
            tuple(templates.values())[:1]
            if is_cloze
            else tuple(templates[c.ord] for c in cards if c.ord in templates)
        )
        yield RawNote(
            nid=int(nid),
            guid=note.guid,
            notetype=re.sub(r"\+$", "", notetype.get("name", "")),
            is_cloze=is_cloze,
            field_names=tuple(f["name"] for f in notetype.get("flds", [])),
            fields=tuple(note.fields),
            tags=tuple(note.tags),
            deck=deck_names.get(cards[0].did, "") if cards else "",
            questions=questions,
        )
