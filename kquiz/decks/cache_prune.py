"""Keep the compiled deck cache bounded: least recently used entries go when it outgrows ``MAX_BYTES``.

An entry's last use is the later of its access and modification times. A cache hit marks the entry
used (``touch``: the access time set at most once a day, so a warm start costs no metadata write per
deck and noatime mounts still age correctly). ``prune`` runs after an entry was written, that is
after a cold load that parsed YAML anyway (never on a warm start): one scan of the folder, then the
oldest entries are deleted until the folder's entries fit. Temporary files left by a killed write
(``*.tmp`` older than an hour) go too. Every error is ignored: the cache is only an optimisation.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

MAX_BYTES = 512 * 2**20  # the entries of one cache folder together (a 100,000-card deck's is ~40 MB)
TOUCH_EVERY = 24 * 3600  # seconds: a hit older than this marks the entry used again
STALE_TMP = 3600  # seconds: a temporary file this old belongs to a write that died


def last_used(stat: os.stat_result) -> float:
    return max(stat.st_atime, stat.st_mtime)


def touch(file: Path, now: float | None = None) -> None:
    """Mark a cache hit as a use (a metadata write at most once a day per entry)."""
    try:
        stat = file.stat()
        now = time.time() if now is None else now
        if now - last_used(stat) > TOUCH_EVERY:
            os.utime(file, (now, stat.st_mtime))
    except OSError:
        pass


def prune(
    cache_dir: Path, keep: Path | None = None, *, suffix: str, max_bytes: int | None = None
) -> list[Path]:
    """Delete the least recently used ``*suffix`` entries (never ``keep``, the entry just written)
    until the rest fit in ``max_bytes`` (default ``MAX_BYTES``); and stale temporary files. Returns
    what was deleted."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    now = time.time()
    entries: list[tuple[float, int, str]] = []
    removed: list[Path] = []
    try:
        with os.scandir(cache_dir) as scan:
            for item in scan:
                if not item.is_file(follow_symlinks=False):
                    continue
                stat = item.stat(follow_symlinks=False)
                if item.name.endswith(suffix):
                    entries.append((last_used(stat), stat.st_size, item.path))
                elif item.name.endswith(".tmp") and now - stat.st_mtime > STALE_TMP and _unlink(item.path):
                    removed.append(Path(item.path))
    except OSError:
        return removed
    total = sum(size for _used, size, _path in entries)
    keep_name = str(keep) if keep is not None else None
    for _used, size, path in sorted(entries):
        if total <= limit:
            break
        if path != keep_name and _unlink(path):
            total -= size
            removed.append(Path(path))
    return removed


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True
