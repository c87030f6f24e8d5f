"""Turning a row of cells into an ImportedNote, shared by the CSV/TSV and Anki-text parsers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kquiz.errors import Problem
from kquiz.interop.ids import is_valid_id
from kquiz.interop.model import ImportedNote

# Header names a person might use, mapped to our column roles.
HEADER_NAMES: dict[str, str] = {
    "front": "front",
    "question": "front",
    "term": "front",
    "prompt": "front",
    "text": "front",
    "word": "front",
    "back": "back",
    "answer": "back",
    "definition": "back",
    "meaning": "back",
    "tags": "tags",
    "tag": "tags",
    "labels": "tags",
    "explanation": "explanation",
    "extra": "explanation",
    "back extra": "explanation",
    "note": "note",
    "notes": "note",
    "topic": "topic",
    "deck": "topic",
    "category": "topic",
    "id": "id",
    "card id": "id",
    "type": "type",
    "card type": "type",
}
# The same in other languages (German, French, Spanish, Italian, Portuguese, Dutch, Scandinavian,
# Polish, Finnish), as spreadsheets and other apps write them.
_FOREIGN = {
    "front": "frage begriff vorderseite wort terme recto mot pregunta término termino anverso palabra "
    "domanda termine fronte parola pergunta termo frente palavra vraag voorkant woord fråga spørgsmål "
    "spørsmål pytanie pojęcie kysymys sana",
    "back": "antwort definition rückseite bedeutung réponse reponse définition verso sens respuesta "
    "definición definicion reverso significado risposta definizione retro significato resposta "
    "definição definicao antwoord definitie achterkant betekenis svar odpowiedź vastaus",
    "tags": "schlagwörter stichwörter étiquettes etiquettes etiquetas etichette",
    "explanation": "erklärung erläuterung explication explicación explicacion spiegazione explicação uitleg",
    "note": "notiz anmerkung remarque nota opmerking",
    "topic": "thema thème theme tema kategorie catégorie categorie categoría categoria",
}
for _role, _names in _FOREIGN.items():
    for _name in _names.split():
        HEADER_NAMES.setdefault(_name, _role)
_CLOZE = re.compile(r"\{\{c\d+::")


@dataclass(frozen=True, slots=True)
class Layout:
    """Which cell holds what (0-based indexes)."""

    front: int = 0
    back: int | None = 1
    tags: int | None = 2
    explanation: int | None = None
    note: int | None = None
    topic: int | None = None
    id: int | None = None
    type: int | None = None

    def used(self) -> set[int]:
        return {
            i
            for i in (
                self.front,
                self.back,
                self.tags,
                self.explanation,
                self.note,
                self.topic,
                self.id,
                self.type,
            )
            if i is not None
        }


def header_layout(cells: list[str]) -> Layout | None:
    """The layout named by a header row, or None when the row is not a header.

    A row is a header when every non-empty cell is a known column name and one of them names the front.
    """
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = " ".join(cell.strip().lower().replace("_", " ").split())
        if not name:
            continue
        role = HEADER_NAMES.get(name)
        if role is None:
            return None
        roles.setdefault(role, index)
    front = roles.pop("front", None)
    if front is None:
        return None
    return Layout(front, **{role: roles.get(role) for role in Layout.__dataclass_fields__ if role != "front"})


def _label(cell: str) -> bool:
    """A cell that reads like a column name: one to three words, no digits, no sentence end."""
    words = cell.split()
    return 0 < len(words) <= 3 and len(cell) <= 30 and not re.search(r"[\d?!.:;]\s*$|\d", cell)


def header_reason(cells: list[str], named: Layout | None, rest: list[list[str]]) -> str:
    """Why the first row is a header ('' when it is a card): it names the columns, or it is unlike
    the rows after it (labels over questions, or over texts several times longer)."""
    if named is not None:
        return "it names the columns"
    first = [c.strip() for c in cells]
    rest = [r for r in rest if any(c.strip() for c in r)]
    if len(rest) < 2 or not all(_label(c) for c in first[:2]) or len(first) < 2:
        return ""
    fronts = [r[0].strip() for r in rest if r]
    if sum(f.endswith("?") for f in fronts) >= 0.6 * len(fronts):
        return "short labels above questions"
    for index, label in enumerate(first[:2]):
        cells_below = [r[index].strip() for r in rest if len(r) > index and r[index].strip()]
        if cells_below and sum(map(len, cells_below)) / len(cells_below) >= 3 * max(len(label), 4):
            return "short labels above much longer texts"
    return ""


def split_tags(value: str) -> tuple[str, ...]:
    tags: list[str] = []
    for tag in re.split(r"[\s,;]+", value.strip()):
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def row_to_note(
    cells: list[str], layout: Layout, line: int, path: str
) -> tuple[ImportedNote | None, Problem | None]:
    """Build a note from one row, or say why the row cannot be used."""

    def cell(index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    front, back = cell(layout.front), cell(layout.back)
    kind = cell(layout.type).lower() or ("cloze" if _CLOZE.search(front) else "basic")
    if kind not in {"basic", "reversed", "cloze", "typed"}:
        return None, Problem(
            path, f"unknown card type {kind!r} (use basic, reversed, cloze or typed)", line, 1
        )
    if not any(c.strip() for c in cells):
        return None, None  # a blank line carries nothing
    if not front:
        return None, Problem(path, "the front (question) is empty", line, 1)
    if kind == "cloze" and not _CLOZE.search(front):
        return None, Problem(path, "a cloze card needs a {{c1::...}} marker in its text", line, 1)
    if kind != "cloze" and not back:
        if layout.back is None or layout.back >= len(cells):
            message = "only one column: a card needs a front and a back (check the delimiter)"
        else:
            message = "the back (answer) is empty"
        return None, Problem(path, message, line, 1)
    card_id = cell(layout.id) or None
    if card_id is not None and not is_valid_id(card_id):
        return None, Problem(
            path,
            f"id {card_id!r} is not a valid card id (letters, digits, '.', '-' and '_', at most 64)",
            line,
            1,
        )
    note = ImportedNote(
        line=line,
        front=front,
        back=back,
        kind=kind,
        tags=split_tags(cell(layout.tags)),
        explanation=cell(layout.explanation),
        note=cell(layout.note),
        topic=cell(layout.topic) or None,
        card_id=card_id,
    )
    return note, None
