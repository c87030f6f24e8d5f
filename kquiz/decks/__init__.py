"""Deck format v1: load and validate YAML decks into domain objects (no Qt, no storage).

load_deck(path)            -> Deck        (DeckError lists every problem with line:col)
load_text(text, path=...)  -> Deck
load_folder(folder)        -> FolderLoad(decks, errors)
find_deck_files(paths)     -> list[Path]
schema() / SCHEMA_PATH     the JSON Schema that defines the structure
"""

from typing import Any

from kquiz.decks.build import card_content_hash, deck_from_dict, deck_to_dict
from kquiz.decks.cloze import ClozePart, cloze_parts, render_cloze
from kquiz.decks.loader import MAX_BYTES, FolderLoad, find_deck_files, load_deck, load_folder, load_text

FORMAT_VERSION = 1

# Imported on first use (PEP 562): the schema checker and the YAML reader are only needed to parse
# a deck, and a start whose decks come from the compiled cache never parses one.
_LAZY = {
    "SCHEMA_PATH": "kquiz.decks.schemacheck",
    "schema": "kquiz.decks.schemacheck",
    "HAVE_LIBYAML": "kquiz.decks.yamlread",
}


def __getattr__(name: str) -> Any:  # a lazily imported name: any of the values exported below
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kquiz.decks' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "FORMAT_VERSION",
    "HAVE_LIBYAML",
    "MAX_BYTES",
    "SCHEMA_PATH",
    "ClozePart",
    "FolderLoad",
    "card_content_hash",
    "cloze_parts",
    "deck_from_dict",
    "deck_to_dict",
    "find_deck_files",
    "load_deck",
    "load_folder",
    "load_text",
    "render_cloze",
    "schema",
]
