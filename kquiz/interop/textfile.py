"""Reading an import file as text: size cap, BOMs, UTF-8 with a clear error for anything else."""

from __future__ import annotations

import codecs
from pathlib import Path

from kquiz.errors import InteropError, Problem

MAX_IMPORT_BYTES = 50 * 2**20

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode ``data``: a given encoding, else by its BOM (UTF-8/16/32), else strict UTF-8.

    Line endings are normalised to ``\\n``. Undecodable bytes raise InteropError naming the line.
    """
    if encoding is None:
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InteropError(f"unknown text encoding {encoding!r}") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problem = Problem(
            path,
            f"this file is not valid {encoding} text (byte 0x{data[exc.start]:02x}); save it as UTF-8, "
            "or pass --encoding (for example --encoding cp1252)",
            line,
            1,
        )
        raise InteropError(str(problem), [problem]) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problem = Problem(path, "this file contains NUL bytes: it is not a text export", line, 1)
        raise InteropError(str(problem), [problem])
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, encoding: str | None = None, *, max_bytes: int = MAX_IMPORT_BYTES) -> str:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InteropError(
                f"{path}: the file is {size / 2**20:.1f} MiB; imports are limited to "
                f"{max_bytes / 2**20:.0f} MiB"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InteropError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InteropError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InteropError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    return decode_text(data, str(path), encoding)


def unescape_separator(value: str) -> str:
    r"""Turn what a person types on a command line (``\t``, ``\n``, ``tab``, ``newline``) into text."""
    named = {"tab": "\t", "newline": "\n", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|"}
    if value.lower() in named:
        return named[value.lower()]
    out = value.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "")
    if not out:
        raise InteropError("a separator cannot be empty")
    return out
