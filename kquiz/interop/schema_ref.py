"""The ``# yaml-language-server: $schema=...`` line editors use for completion and error squiggles.

The YAML language server (VS Code's YAML extension, and other editors using it) accepts a URL, an
absolute path, or a path relative to the YAML file. ``resolve_schema_ref``:

* ``None`` or ``"installed"``: the absolute path of the schema shipped inside the installed kquiz
  (``kquiz.decks.SCHEMA_PATH``): works at once on this machine.
* ``"relative"``: that same file as a path relative to the deck's folder (decks kept next to a kquiz
  checkout, e.g. in its ``decks/`` folder).
* anything else is used as given: a URL, or e.g. ``./deck.schema.json`` after ``kquiz schema --out
  deck.schema.json`` in the deck folder — the stable choice for decks shared with other people.
"""

from __future__ import annotations

import os
from pathlib import Path

MODELINE = "yaml-language-server: $schema="


def installed_schema_path() -> Path:
    from kquiz.decks import SCHEMA_PATH

    return Path(SCHEMA_PATH).resolve()


def resolve_schema_ref(choice: str | None, deck_path: Path | None = None) -> str:
    if choice in (None, "", "installed"):
        path = installed_schema_path()
        return path.as_uri() if os.name == "nt" else str(path)
    if choice == "relative":
        folder = (deck_path.parent if deck_path else Path(".")).resolve()
        try:
            return Path(os.path.relpath(installed_schema_path(), folder)).as_posix()
        except ValueError:  # another drive on Windows
            return installed_schema_path().as_uri()
    return choice


def schema_comment(ref: str) -> str:
    return f"{MODELINE}{ref}"
