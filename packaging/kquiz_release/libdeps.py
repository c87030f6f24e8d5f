"""Which system libraries the Linux bundle still needs, and the glibc it was built against.

PyInstaller copies most shared libraries into the bundle but deliberately leaves out the C library
and the graphics stack (libGL, libEGL, Wayland). `ldd` on every ELF file, with the bundle's own
folders first on the search path, lists exactly those; the .deb must depend on a package for each.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

# soname prefix -> Debian package (with the Ubuntu 24.04 "t64" name first where it differs).
SYSTEM_PACKAGES: dict[str, str] = {
    "libc.so": "libc6",
    "libm.so": "libc6",
    "libdl.so": "libc6",
    "libpthread.so": "libc6",
    "librt.so": "libc6",
    "libutil.so": "libc6",
    "libresolv.so": "libc6",
    "libanl.so": "libc6",
    "ld-linux": "libc6",
    "libGL.so": "libgl1",
    "libGLX.so": "libgl1",
    "libGLdispatch.so": "libgl1",
    "libEGL.so": "libegl1",
    "libOpenGL.so": "libopengl0",
    "libxcb.so": "libxcb1",
    "libwayland-client.so": "libwayland-client0",
    "libwayland-cursor.so": "libwayland-cursor0",
    "libwayland-egl.so": "libwayland-egl1",
    "libvulkan.so": "libvulkan1",
    "libdrm.so": "libdrm2",
    "libgbm.so": "libgbm1",
}

# What the .deb depends on: the libraries above plus the runtime data Qt's bundled libraries read from
# the system (XKB keymaps via libxkbcommon0, fonts via libfontconfig1, D-Bus, GLib) and the XCB
# cursor library Qt >= 6.5 requires on X11.
DEB_DEPENDS: tuple[str, ...] = (
    "libgl1",
    "libegl1",
    "libxcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0t64 | libglib2.0-0",
    "libxcb-cursor0",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)

_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
_GLIBC = re.compile(r"GLIBC_(\d+)\.(\d+)")


def elf_files(bundle: Path) -> list[Path]:
    found = []
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def system_libraries(bundle: Path) -> dict[str, set[str]]:
    """soname -> resolved path ("not found" if missing) for every library the bundle takes from the OS."""
    internal = bundle / "_internal"
    search = [internal, internal / "PySide6" / "Qt" / "lib"]
    env = dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(str(p) for p in search))
    needed: dict[str, set[str]] = {}
    for elf in elf_files(bundle):
        out = subprocess.run(["ldd", str(elf)], env=env, capture_output=True, text=True).stdout
        for line in out.splitlines():
            match = _LDD_LINE.match(line)
            if not match:
                continue
            soname, where = match.groups()
            if where != "not found" and Path(where).resolve().is_relative_to(bundle.resolve()):
                continue
            needed.setdefault(soname, set()).add(where)
    return needed


def uncovered(needed: dict[str, set[str]]) -> list[str]:
    """System libraries the .deb's Depends do not account for."""
    return sorted(s for s in needed if not any(s.startswith(prefix) for prefix in SYSTEM_PACKAGES))


def min_glibc(bundle: Path) -> str:
    """Highest GLIBC_x.y symbol version any ELF in the bundle needs (the oldest glibc it runs on)."""
    best = (2, 17)
    for elf in elf_files(bundle):
        out = subprocess.run(["objdump", "-T", str(elf)], capture_output=True, text=True).stdout
        for major, minor in _GLIBC.findall(out):
            best = max(best, (int(major), int(minor)))
    return f"{best[0]}.{best[1]}"
