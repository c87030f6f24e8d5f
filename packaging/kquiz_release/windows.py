"""Windows artifacts: a zip of the bundle and an Inno Setup installer (packaging/windows/kquiz.iss)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import bundle_rules as rules

from .common import ROOT, Build, log, run

ISS = ROOT / "packaging" / "windows" / "kquiz.iss"


def _find_iscc() -> str | None:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    # Windows environment names are case-insensitive; this is their usual spelling
    program_dirs = (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles"))  # noqa: SIM112
    for base in program_dirs:
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    return None


def build_all(build: Build) -> None:
    started = time.monotonic()
    base = build.dist / f"{rules.APP_NAME}-{build.version}-windows-x64"
    archive = Path(shutil.make_archive(str(base), "zip", root_dir=build.dist, base_dir=rules.APP_NAME))
    build.artifacts.append(archive)
    build.step("zip", started)

    started = time.monotonic()
    iscc = _find_iscc()
    if not iscc:
        log("Inno Setup (ISCC.exe) not found: skipping the setup.exe")
        return
    run(
        [
            iscc,
            "/Q",
            f"/DAppVersion={build.version}",
            f"/DSourceDir={build.bundle_dir}",
            f"/DOutputDir={build.dist}",
            f"/DRepoRoot={ROOT}",
            ISS,
        ]
    )
    build.artifacts.append(build.dist / f"{rules.APP_NAME}-{build.version}-windows-x64-setup.exe")
    build.step("Inno Setup installer", started)
