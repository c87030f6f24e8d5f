"""``kquiz import deck.apkg --out deck.yaml``: an Anki package into a kquiz deck.

Anki decks become topics: the deck every note sits under (when they share one) gives the kquiz deck's
title, the sub-decks below it the topic titles (``A::B`` → ``A / B``). Images are copied into a folder
next to the new deck (``<deck name>-media/``) and referenced from the cards; files written by a failed
import are removed again. Everything else as for text imports (``kquiz.interop.importer``).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

from kquiz.errors import InteropError
from kquiz.interop.anki_notes import map_notes
from kquiz.interop.anki_package import open_package
from kquiz.interop.model import ImportedNote, ImportFormat, ParseResult


class _Images:
    """Copies media files into ``folder`` (next to the deck) once each, under a safe unique name."""

    def __init__(self, media_dir: Path, out: Path) -> None:
        self.media_dir = media_dir
        self.folder_name = f"{out.stem}-media"
        self.folder = out.parent / self.folder_name
        self.copied: dict[str, str] = {}
        self.created: list[Path] = []

    def __call__(self, name: str) -> str | None:
        if name in self.copied:
            return self.copied[name]
        source = self.media_dir / Path(name).name
        if not Path(name).name or not source.is_file():
            return None
        data = source.read_bytes()
        target = self.folder / Path(name).name
        if target.exists() and target.read_bytes() != data:
            target = self.folder / f"{target.stem}-{hashlib.sha256(data).hexdigest()[:8]}{target.suffix}"
        if not target.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.created.append(target)
        self.copied[name] = f"{self.folder_name}/{target.name}"
        return self.copied[name]

    def remove_created(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)
        if self.folder.is_dir() and not any(self.folder.iterdir()):
            self.folder.rmdir()


def _root(notes: list[ImportedNote]) -> str:
    """The top-level Anki deck every note is under, or '' when they are under several."""
    roots = {(n.topic or "").split("::")[0] for n in notes}
    return roots.pop() if len(roots) == 1 else ""


def _topics(notes: list[ImportedNote], root: str) -> list[ImportedNote]:
    out = []
    for note in notes:
        name = note.topic or ""
        if root:
            name = name[len(root) :].removeprefix("::")
        out.append(replace(note, topic=name.replace("::", " / ") or None))
    return out


def parse_package(source: Path, out: Path) -> tuple[ParseResult, str, _Images]:
    """Read ``source``; returns the rows, the title its decks suggest ('' if none) and the image
    copier (whose files must be removed if the import fails)."""
    with open_package(source) as package:
        images = _Images(package.media_dir, out)
        try:
            mapped = map_notes(package.notes, str(source), images)
        except BaseException:
            images.remove_created()
            raise
    if not package.notes:
        raise InteropError(f"{source}: the package holds no notes; nothing was written")
    root = _root(mapped.notes)
    notes = _topics(mapped.notes, root)
    details = {
        "notes": str(len(package.notes)),
        "cards": str(len(notes)),
        "images copied": str(len(images.created)),
    }
    result = ParseResult(
        ImportFormat.ANKI_PACKAGE, tuple(notes), tuple(mapped.problems), tuple(mapped.warnings), details
    )
    return result, root, images
