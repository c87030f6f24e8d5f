"""Reading an import file as text: size cap, BOMs, UTF-16 without a BOM, UTF-8 with a clear error for
anything else; binary files (zip, SQLite, PDF, spreadsheets, images) recognised and named."""

from __future__ import annotations

import codecs
import zipfile
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


ANKI_PACKAGE = "an Anki package"
_ANKI_ENTRIES = {"collection.anki2", "collection.anki21", "collection.anki21b"}
_MAGIC = (
    (b"SQLite format 3\x00", "an SQLite database (an Anki collection? export a package from Anki instead)"),
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls/.doc): save it as CSV UTF-8 or Unicode Text"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``data`` looks like BOM-less UTF-16 of mostly ASCII text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff_file(path: Path) -> str | None:
    """What a binary import file is (``ANKI_PACKAGE`` for an Anki package), or None for text."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None  # read_text reports it
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (OSError, zipfile.BadZipFile):
            return "a damaged zip archive"
        if names & _ANKI_ENTRIES:
            return ANKI_PACKAGE
        if "[Content_Types].xml" in names:
            return "an Office document (an Excel workbook?): save it as CSV UTF-8 or Unicode Text"
        if "mimetype" in names:
            return "an OpenDocument file (a spreadsheet?): save it as CSV"
        return "a zip archive, not a text export or an Anki package"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if b"\x00" in head and not any(head.startswith(bom) for bom, _ in _BOMS) and not utf16_without_bom(head):
        return "a binary file"
    return None


def decode_text(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode ``data``: a given encoding, else by its BOM (UTF-8/16/32), else UTF-16 recognised by its
    zero bytes, else strict UTF-8.

    Line endings are normalised to ``\\n``. Undecodable bytes raise InteropError naming the line.
    """
    return decode_text_with_encoding(data, path, encoding)[0]


def decode_text_with_encoding(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """As ``decode_text``, with the encoding used ('utf-16' for either byte order)."""
    if encoding is None:
        encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None) or (
            utf16_without_bom(data) or "utf-8"
        )
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
    lowered = encoding.lower().replace("_", "-")
    used = next((name for name in ("utf-16", "utf-8") if lowered.startswith(name)), encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n"), used


def read_text(path: Path, encoding: str | None = None, *, max_bytes: int = MAX_IMPORT_BYTES) -> str:
    return read_text_with_encoding(path, encoding, max_bytes=max_bytes)[0]


def read_text_with_encoding(
    path: Path, encoding: str | None = None, *, max_bytes: int = MAX_IMPORT_BYTES
) -> tuple[str, str]:
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
    return decode_text_with_encoding(data, str(path), encoding)


def unescape_separator(value: str) -> str:
    r"""Turn what a person types on a command line (``\t``, ``\n``, ``tab``, ``newline``) into text."""
    named = {"tab": "\t", "newline": "\n", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|"}
    if value.lower() in named:
        return named[value.lower()]
    out = value.replace("\\t", "\t").replace("\\n", "\n").replace("\\r", "")
    if not out:
        raise InteropError("a separator cannot be empty")
    return out
