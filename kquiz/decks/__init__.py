"""Deck format v1: load and validate YAML decks into domain objects (no Qt, no storage).

    load_deck(path)            -> Deck        (DeckError lists every problem with line:col)
    load_text(text, path=...)  -> Deck
    load_folder(folder)        -> FolderLoad(decks, errors)
    find_deck_files(paths)     -> list[Path]
    schema() / SCHEMA_PATH     the JSON Schema that defines the structure
"""

from kquiz.decks.build import card_content_hash, deck_from_dict, deck_to_dict
from kquiz.decks.cloze import ClozePart, cloze_parts, render_cloze
from kquiz.decks.loader import MAX_BYTES, FolderLoad, find_deck_files, load_deck, load_folder, load_text
from kquiz.decks.schemacheck import SCHEMA_PATH, schema
from kquiz.decks.yamlread import HAVE_LIBYAML

FORMAT_VERSION = 1

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
