"""Shared build steps: the PyInstaller run, a smoke check of the result, sizes and timing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import bundle_rules as rules

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "kquiz.spec"
# Scratch space (git-ignored). Not build/: setuptools wheel builds use that folder too.
WORK = ROOT / "packaging" / "_build"


@dataclass
class Build:
    """What one run of the build produced (for the closing summary)."""

    version: str
    dist: Path
    best: bool = False  # strongest compression (slow); default favours build time
    started: float = field(default_factory=time.monotonic)
    steps: list[tuple[str, float]] = field(default_factory=list)
    artifacts: list[Path] = field(default_factory=list)

    @property
    def bundle_dir(self) -> Path:
        return self.dist / rules.APP_NAME

    @property
    def executable(self) -> Path:
        name = rules.APP_NAME + (".exe" if sys.platform == "win32" else "")
        if sys.platform == "darwin":
            return self.dist / f"{rules.APP_NAME}.app" / "Contents" / "MacOS" / rules.APP_NAME
        return self.bundle_dir / name

    def step(self, label: str, started: float) -> None:
        seconds = time.monotonic() - started
        self.steps.append((label, seconds))
        log(f"{label}: {seconds:.1f} s")


def log(message: str) -> None:
    print(f"[build-installer] {message}", flush=True)


def run(cmd: list[str | os.PathLike[str]], **kwargs) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    printable = " ".join(str(part) for part in cmd)
    log(f"$ {printable}")
    return subprocess.run([str(part) for part in cmd], check=True, **kwargs)


def tree_size(path: Path) -> int:
    """Bytes used by the files under path (what `du` calls apparent size, symlinks not followed)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n_bytes: int) -> str:
    return f"{n_bytes / 2**20:.1f} MiB"


def check_version(version: str) -> None:
    """The installed kquiz metadata (copied into the bundle) must match pyproject.toml."""
    from importlib import metadata

    try:
        installed = metadata.version("kquiz")
    except metadata.PackageNotFoundError:
        raise SystemExit("build-installer: kquiz is not installed; run `pip install -e .` first") from None
    if installed != version:
        raise SystemExit(
            f"build-installer: installed kquiz metadata says {installed}, pyproject.toml says {version}; "
            "re-run `pip install -e .` so the bundle reports the right version"
        )


def freeze(build: Build, *, clean: bool) -> None:
    """Run PyInstaller on packaging/kquiz.spec into build.dist."""
    started = time.monotonic()
    work = WORK / "pyinstaller"
    for stale in (build.bundle_dir, build.dist / f"{rules.APP_NAME}.app"):
        if stale.exists():
            shutil.rmtree(stale)
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--workpath",
        work,
        "--distpath",
        build.dist,
        SPEC,
    ]
    if clean:
        cmd.insert(4, "--clean")
    run(cmd, cwd=ROOT)
    build.step("PyInstaller bundle", started)
    dropped = [
        p for p in build.bundle_dir.rglob("*") if not rules.keep(p.relative_to(build.bundle_dir).as_posix())
    ]
    if dropped:
        raise SystemExit(f"build-installer: excluded files slipped into the bundle: {dropped[:5]}")


def smoke_test(build: Build, *, self_test: bool) -> None:
    """The frozen app must start: `--version` prints the right version; `self-test` exits 0."""
    started = time.monotonic()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("KQUIZ_DATA_DIR", None)
    out = run([build.executable, "--version"], env=env, capture_output=True, text=True).stdout.strip()
    if out != f"kquiz {build.version}":
        raise SystemExit(f"build-installer: frozen app says {out!r}, expected 'kquiz {build.version}'")
    if self_test:
        run([build.executable, "self-test"], env=env)
    build.step("frozen app smoke test", started)


def summary(build: Build) -> None:
    total = time.monotonic() - build.started
    log("-" * 60)
    if build.bundle_dir.is_dir():
        log(
            f"bundle  {build.bundle_dir.relative_to(ROOT) if build.bundle_dir.is_relative_to(ROOT) else build.bundle_dir}"
            f"  {mib(tree_size(build.bundle_dir))} unpacked"
        )
    for artifact in build.artifacts:
        log(f"{artifact.name:<40} {mib(artifact.stat().st_size):>10}")
    for label, seconds in build.steps:
        log(f"  {label:<36} {seconds:7.1f} s")
    log(f"total build time {total:.1f} s")
