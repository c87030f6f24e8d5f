"""Load deck files into Deck objects, reporting every problem with its line and column."""

from __future__ import annotations

import codecs
import gc
import hashlib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kquiz.decks.build import deck_from_data
from kquiz.domain import Deck
from kquiz.errors import DeckError, Problem

if TYPE_CHECKING:
    from kquiz.decks.yamlread import Document

# The YAML reader (PyYAML), the schema and the rule checks are imported on the first parse, not with
# the package: a start whose decks all come from the compiled cache (kquiz/decks/cache.py) never
# needs them, and they cost ~70 ms of every start.

MAX_BYTES = 10 * 2**20
DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class FolderLoad:
    """The decks that loaded and, separately, one DeckError per file that did not."""

    decks: tuple[Deck, ...]
    errors: tuple[DeckError, ...]
    deferred: tuple[Path, ...] = ()  # files over ``defer_over`` bytes, not read this time


def _size_words(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def load_deck(
    path: Path | str,
    *,
    max_bytes: int = MAX_BYTES,
    cache_dir: Path | None = None,
    cache_secret: bytes | None = None,
) -> Deck:
    """Load and validate one deck file. Raises DeckError listing every problem found.

    With ``cache_dir`` an unchanged file loads from the compiled cache (kquiz/decks/cache.py), whose
    entries are authenticated with ``cache_secret`` when given.
    """
    display = os.fspath(path)
    file = Path(path).absolute()
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block the read, or never end
            raise DeckError([Problem(display, "this is not a regular file (a pipe, a device or a socket)")])
        size = info.st_size
        if size > max_bytes:
            raise DeckError(
                [
                    Problem(
                        display,
                        f"the file is too large ({_size_words(size)}; the limit is {_size_words(max_bytes)})",
                    )
                ]
            )
        with file.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DeckError([Problem(display, f"cannot read the file: {exc.strerror or exc}")]) from None
    if len(data) > max_bytes:
        raise DeckError([Problem(display, f"the file is too large (over {_size_words(max_bytes)})")])
    abs_path = str(file.resolve())
    if cache_dir is not None:
        from kquiz.decks.cache import load_cached

        return load_cached(
            data,
            abs_path,
            Path(cache_dir),
            lambda: _load(data, display, file.parent, abs_path),
            file.parent,
            display,
            cache_secret,
        )
    return _load(data, display, file.parent, abs_path)


def load_text(text: str | bytes, path: str = "<string>", *, base_dir: Path | None = None) -> Deck:
    """Load a deck from memory. Images are only checked on disk when ``base_dir`` is given."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    return _load(data, path, base_dir, None)


def _load(data: bytes, display: str, base_dir: Path | None, abs_path: str | None) -> Deck:
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_checked(data, display, base_dir, abs_path)
    except DeckError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise DeckError(
            [Problem(display, f"the deck is too complex to read ({type(exc).__name__})")]
        ) from None
    except Exception as exc:  # never a traceback for a bad file: report it as a deck problem
        raise DeckError(
            [Problem(display, f"unexpected problem reading the deck: {type(exc).__name__}: {exc}")]
        ) from None
    finally:
        if enabled:
            gc.enable()


def _decode(data: bytes, display: str) -> str:
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise DeckError([Problem(display, "the file is UTF-32 text; save it as UTF-8")])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DeckError([Problem(display, "the file is UTF-16 text; save it as UTF-8")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise DeckError(
            [
                Problem(
                    display,
                    "the file contains a NUL byte (is it binary?); a deck must be UTF-8 text",
                    line,
                    col,
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise DeckError(
            [
                Problem(
                    display,
                    f"the file is not valid UTF-8 text (byte 0x{bad} cannot be read); save it as UTF-8",
                    line,
                    col,
                )
            ]
        ) from None
    bom = text.find("\ufeff")
    if bom >= 0:
        line = text.count("\n", 0, bom) + 1
        raise DeckError(
            [
                Problem(
                    display,
                    "an invisible byte-order mark (U+FEFF) is here, inside the file",
                    line,
                    bom - text.rfind("\n", 0, bom),
                    excerpt=text[text.rfind("\n", 0, bom) + 1 :].split("\n", 1)[0],
                    hint="delete it (it comes from pasting or joining files; "
                    "an editor that shows invisible characters reveals it)",
                )
            ]
        )
    return text


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def _load_checked(data: bytes, display: str, base_dir: Path | None, abs_path: str | None) -> Deck:
    from kquiz.decks.rules import MAX_FOUND, last_problem, rule_problems
    from kquiz.decks.schemacheck import CardGate, schema_problems
    from kquiz.decks.yamlread import YamlProblem, read_yaml

    content_hash = hashlib.sha256(data).hexdigest()
    gate = CardGate(MAX_FOUND)
    text = _decode(data, display)
    try:
        doc = read_yaml(text, gate)  # past MAX_FOUND bad cards the rest is not built
        gate.finish(doc.data)
    except YamlProblem as exc:
        line, col = exc.pos if exc.pos else (None, None)
        raise DeckError(
            [Problem(display, exc.message, line, col, hint=exc.hint, excerpt=_source_line(text, line))]
        ) from None
    if not isinstance(doc.data, dict):
        pos = doc.pos(()) or (1, 1)
        raise DeckError(
            [
                Problem(
                    display,
                    "a deck must be a mapping of 'key: value' lines starting with "
                    f"'kquiz: 1', but this file holds {_what(doc.data)}",
                    *pos,
                )
            ]
        )
    if "cards" in doc.data and doc.data["cards"] is None:
        doc.data["cards"] = []  # a bare 'cards:' while writing: an empty list, as the docs promise
    from kquiz.decks.advice import (
        absorb,
        anchor_problems,
        comment_problems,
        duplicate_problems,
        hint_for,
        without_follow_ons,
    )

    hinted, blocks = duplicate_problems(doc)
    schema_found, schema_more = schema_problems(doc, MAX_FOUND, gate)
    rules_found, rules_more = rule_problems(doc, base_dir, MAX_FOUND)
    found = without_follow_ons(doc, schema_found, rules_found)
    found = absorb(hinted, blocks, found)  # a card that lost its '- ': one problem, not one per field
    hinted += anchor_problems(doc) + comment_problems(doc)
    more = schema_more + rules_more + doc.more
    if (
        hinted or found or more or doc.skipped
    ):  # the lines are split only for a deck with problems (quoted for the caret)
        lines = doc.lines()
        hinted += [
            (message, pos, path, hint_for(doc, message, path, lines[pos[0] - 1] if pos else ""))
            for message, pos, path in found
        ]
        problems = _found(doc, display, hinted, lines)
        _forget_lines()
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        more += max(0, len(problems) - MAX_FOUND)
        if more or doc.skipped:
            problems = problems[:MAX_FOUND] + [last_problem(display, more, doc.skipped, doc.skipped_line)]
        raise DeckError(problems)
    return deck_from_data(doc.data, doc.item_lines(("cards",)), path=abs_path, content_hash=content_hash)


def _forget_lines() -> None:
    """Drop the long lines the advice functions remembered (they may be megabytes)."""
    from kquiz.decks.advice import _key_value
    from kquiz.decks.yamladvice import quote_hint

    _key_value.cache_clear()
    quote_hint.cache_clear()


def _what(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single line of text"
    return f"a single value ({value!r})"


def _found(
    doc: Document,
    display: str,
    items: Iterable[tuple[str, Any, tuple[Any, ...], str | None]],
    lines: list[str],
) -> list[Problem]:
    from kquiz.decks.schemacheck import card_id_at

    out = []
    for message, pos, path, hint in items:
        line, col = pos if pos else (None, None)
        excerpt = lines[line - 1] if line is not None and 0 < line <= len(lines) else None
        out.append(Problem(display, message, line, col, card_id_at(doc.data, path), hint, excerpt))
    return out


def _source_line(text: str, line: int | None) -> str | None:
    from kquiz.decks.yamladvice import lines_of

    if line is None:
        return None
    lines = lines_of(text)
    return lines[line - 1] if 0 < line <= len(lines) else None


def find_deck_files(paths: Iterable[Path | str]) -> list[Path]:
    """Deck files among ``paths``: files as given, folders searched recursively for *.yaml/*.yml.

    Hidden files and folders (names starting with '.') are skipped; missing paths are ignored
    (callers that take paths from a person check existence first and say so).
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for entry in map(Path, paths):
        if entry.is_dir():
            candidates = sorted(
                p
                for p in entry.rglob("*")
                if p.suffix.lower() in DECK_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(entry).parts)
            )
        elif entry.exists():
            candidates = [entry]
        else:
            continue
        for file in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


_ID_LINE = re.compile(rb"^id\s*:", re.MULTILINE)


def load_folder(
    folder: Path | str,
    *,
    max_bytes: int = MAX_BYTES,
    cache_dir: Path | None = None,
    defer_over: int | None = None,
    cache_secret: bytes | None = None,
) -> FolderLoad:
    """Load every deck under ``folder``; broken decks are reported, the good ones still load.

    A deck whose id is already used by an earlier file (in sorted order) is reported, not loaded.
    A missing folder holds no decks. With ``defer_over``, bigger files are listed in ``deferred``
    instead of read (a first, quick pass that shows the other decks at once).
    """
    decks: list[Deck] = []
    errors: list[DeckError] = []
    deferred: list[Path] = []
    owners: dict[str, Path] = {}
    for file in find_deck_files([folder]):
        if defer_over is not None:
            try:
                if file.stat().st_size > defer_over:
                    deferred.append(file)
                    continue
            except OSError:
                pass  # load_deck says what is wrong with it
        try:
            deck = load_deck(file, max_bytes=max_bytes, cache_dir=cache_dir, cache_secret=cache_secret)
        except DeckError as exc:
            errors.append(exc)
            continue
        except (MemoryError, RecursionError) as exc:  # one file never takes the other decks with it
            errors.append(
                DeckError([Problem(os.fspath(file), f"the deck is too big to read ({type(exc).__name__})")])
            )
            continue
        if deck.id in owners:
            line = deck_id_line(file)
            errors.append(
                DeckError(
                    [
                        Problem(
                            os.fspath(file),
                            f"deck id '{deck.id}' is already used by {owners[deck.id]}; every deck needs its own id",
                            line,
                            1 if line else None,
                        )
                    ]
                )
            )
            continue
        owners[deck.id] = file
        decks.append(deck)
    return FolderLoad(tuple(decks), tuple(errors), tuple(deferred))


def deck_id_line(file: Path) -> int | None:
    """The line of the top-level ``id:`` in a deck file (for problems about the deck id), if any."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    match = _ID_LINE.search(data)
    return data.count(b"\n", 0, match.start()) + 1 if match else None
