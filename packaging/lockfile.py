"""requirements/lock.txt: the exact versions of the last green CI run, for every platform.

    python3 packaging/lockfile.py compare requirements/lock.txt   # installed vs locked, exit 1 if they differ
    python3 packaging/lockfile.py check requirements/lock.txt     # only the packages a release bundles

The lock is written by ``scripts/lock`` (``uv pip compile --universal``): one ``name==version`` a line,
with an environment marker where a package is only needed on some platforms. ``scripts/build-installer``
refuses to freeze an environment whose bundled packages differ from it, so a release is built from
what CI tested. See requirements/README.md.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.utils import canonicalize_name

# What goes into the standalone bundle: kquiz's runtime dependencies (and theirs) plus the freezer.
BUNDLED_ROOTS = ("kquiz", "pyinstaller", "pyinstaller-hooks-contrib")


@dataclass(frozen=True)
class Pin:
    name: str
    version: str


def read_lock(path: Path) -> dict[str, Pin]:
    """The pins that apply to this platform and Python, by canonical name."""
    pins: dict[str, Pin] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement, _, marker = line.partition(";")
        name, sep, version = requirement.strip().partition("==")
        if not sep:
            raise ValueError(f"{path}:{number}: expected 'name==version', found {raw.strip()!r}")
        if marker.strip() and not Marker(marker.strip()).evaluate():
            continue
        pins[canonicalize_name(name)] = Pin(name.strip(), version.strip())
    return pins


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def bundled_names() -> set[str]:
    """kquiz, the freezer and everything they require here, following installed metadata."""
    seen: set[str] = set()
    todo = [canonicalize_name(n) for n in BUNDLED_ROOTS]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for spec in requires:
            requirement, _, marker = spec.partition(";")
            if "extra ==" in marker or (marker.strip() and not Marker(marker.strip()).evaluate()):
                continue
            base = requirement.strip().split("[")[0]
            for stop in "<>=!~ (":
                base = base.split(stop)[0]
            todo.append(canonicalize_name(base))
    return seen


def differences(lock: Path, only: set[str] | None = None) -> list[str]:
    """One line per installed package whose version is not the locked one (kquiz itself excluded)."""
    pins, have = read_lock(lock), installed()
    lines = []
    for name, version in sorted(have.items()):
        if name == "kquiz" or (only is not None and name not in only):
            continue
        pin = pins.get(name)
        if pin is None:
            if only is not None:
                lines.append(f"{name} {version}: not in the lock")
        elif pin.version != version:
            lines.append(f"{name} {version}: the lock has {pin.version}")
    return lines


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("compare", "check"):
        print(__doc__, file=sys.stderr)
        return 2
    lock = Path(argv[1])
    diff = differences(lock, bundled_names() if argv[0] == "check" else None)
    for line in diff:
        print(f"   {line}")
    if not diff:
        print(f"   every installed package is at the version in {lock}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
