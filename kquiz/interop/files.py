"""Writing output files safely: a temporary file in the same folder, fsync, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kquiz.errors import InteropError


def atomic_write(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that a reader (or a crash) never sees a half-written file."""
    if not overwrite and path.exists():
        raise InteropError(f"{path}: already exists; choose another name (or pass --force to replace it)")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if not overwrite:
                # link() fails if the name appeared meanwhile: never replace a file the user did not offer
                try:
                    os.link(tmp_name, path)
                except FileExistsError:
                    raise
                except OSError:  # a file system without hard links
                    if path.exists():
                        raise FileExistsError(path) from None
                    os.replace(tmp_name, path)
            else:
                os.replace(tmp_name, path)
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
    except FileExistsError:
        raise InteropError(
            f"{path}: already exists; choose another name (or pass --force to replace it)"
        ) from None
    except OSError as exc:
        raise InteropError(f"{path}: cannot write the file ({exc.strerror or exc})") from None
