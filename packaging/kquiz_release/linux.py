"""Linux artifacts: tar.gz of the bundle, a .deb (dpkg-deb -Zzstd) and a self-extracting .run (makeself)."""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import time
from pathlib import Path

import bundle_rules as rules

from .common import ROOT, WORK, Build, log, run, tree_size
from .libdeps import DEB_DEPENDS, min_glibc, system_libraries, uncovered

ASSETS = ROOT / "assets"
LINUX = ROOT / "packaging" / "linux"
ARCH = "linux-x86_64"


def _normalise_modes(root: Path) -> None:
    """0755 for folders and executables, 0644 for the rest (what dpkg and tar users expect)."""
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        executable = path.is_dir() or mode & stat.S_IXUSR
        path.chmod(0o755 if executable else 0o644)


def _share_files(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("kquiz.desktop", "kquiz.png", "kquiz-256.png", "kquiz.svg"):
        shutil.copy2(ASSETS / name, dest / name)


def check_system_libraries(build: Build) -> str:
    """Fail if the bundle needs a system library the .deb does not depend on; returns the minimum glibc."""
    started = time.monotonic()
    needed = system_libraries(build.bundle_dir)
    missing = uncovered(needed)
    if missing:
        raise SystemExit(
            f"build-installer: the bundle needs system libraries not in the .deb Depends: {missing}"
        )
    glibc = min_glibc(build.bundle_dir)
    log(f"system libraries used: {', '.join(sorted(needed))}; needs glibc >= {glibc}")
    build.step("system library check (ldd)", started)
    return glibc


def make_tarball(build: Build) -> Path:
    """kquiz-<version>-linux-x86_64.tar.gz: kquiz-<version>/{kquiz/, share/, install.sh}."""
    started = time.monotonic()
    top = f"{rules.APP_NAME}-{build.version}"
    out = build.dist / f"{top}-{ARCH}.tar.gz"
    staging = WORK / "linux-share"
    shutil.rmtree(staging, ignore_errors=True)
    _share_files(staging)

    def reset(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        info.mode = 0o755 if info.isdir() or info.mode & stat.S_IXUSR else 0o644
        return info

    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(build.bundle_dir, arcname=f"{top}/{rules.APP_NAME}", filter=reset)
        tar.add(staging, arcname=f"{top}/share", filter=reset)
        tar.add(LINUX / "install.sh", arcname=f"{top}/install.sh", filter=reset)
    build.artifacts.append(out)
    build.step("tar.gz", started)
    return out


def make_deb(build: Build, glibc: str) -> Path | None:
    """kquiz_<version>_amd64.deb: /opt/kquiz, /usr/bin/kquiz, desktop entry and icons."""
    started = time.monotonic()
    if not shutil.which("dpkg-deb"):
        log("dpkg-deb not found: skipping the .deb")
        return None
    root = WORK / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(build.bundle_dir, root / "opt" / rules.APP_NAME, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"/opt/{rules.APP_NAME}/{rules.APP_NAME}", root / "usr" / "bin" / rules.APP_NAME)
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(ASSETS / "kquiz.desktop", share / "applications" / "kquiz.desktop")
    icons = share / "icons" / "hicolor"
    for size_dir, name, target in (
        ("256x256", "kquiz-256.png", "kquiz.png"),
        ("512x512", "kquiz.png", "kquiz.png"),
        ("scalable", "kquiz.svg", "kquiz.svg"),
    ):
        (icons / size_dir / "apps").mkdir(parents=True)
        shutil.copy2(ASSETS / name, icons / size_dir / "apps" / target)
    (share / "doc" / rules.APP_NAME).mkdir(parents=True)
    shutil.copy2(LINUX / "copyright", share / "doc" / rules.APP_NAME / "copyright")
    _normalise_modes(root)

    installed_kib = (tree_size(root) + 1023) // 1024
    control = (LINUX / "control.in").read_text(encoding="utf-8")
    control = (
        control.replace("@VERSION@", build.version)
        .replace("@INSTALLED_SIZE@", str(installed_kib))
        .replace("@DEPENDS@", ", ".join((f"libc6 (>= {glibc})", *DEB_DEPENDS)))
    )
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    (debian / "control").chmod(0o644)

    out = build.dist / f"{rules.APP_NAME}_{build.version}_amd64.deb"
    level = "19" if build.best else "9"  # zstd -9: ~15 s, ~14% larger than -19 (minutes)
    run(["dpkg-deb", "--root-owner-group", "-Zzstd", f"-z{level}", "--build", root, out])
    run(["dpkg-deb", "--info", out], capture_output=True)
    build.artifacts.append(out)
    build.step(".deb (dpkg-deb -Zzstd)", started)
    return out


def make_run(build: Build) -> Path | None:
    """kquiz-<version>-linux-x86_64.run via makeself, if it is installed."""
    started = time.monotonic()
    makeself = shutil.which("makeself") or shutil.which("makeself.sh")
    if not makeself:
        log("makeself not found: skipping the .run installer")
        return None
    staging = WORK / "run-root"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(build.bundle_dir, staging / rules.APP_NAME, symlinks=True)
    _share_files(staging / "share")
    shutil.copy2(LINUX / "install.sh", staging / "install.sh")
    _normalise_modes(staging)
    out = build.dist / f"{rules.APP_NAME}-{build.version}-{ARCH}.run"
    # gzip, not zstd: the .run must unpack on any Linux, and zstd is not installed everywhere.
    run(
        [
            makeself,
            "--gzip",
            "--complevel",
            "9" if build.best else "6",
            "--sha256",
            "--nox11",
            "--tar-quietly",
            staging,
            out,
            f"kquiz {build.version}",
            "./install.sh",
        ],
        capture_output=True,
    )
    build.artifacts.append(out)
    build.step(".run (makeself)", started)
    return out


def build_all(build: Build) -> None:
    glibc = check_system_libraries(build)
    make_tarball(build)
    make_deb(build, glibc)
    make_run(build)
