"""macOS artifact: a compressed .dmg holding kquiz.app and a link to /Applications (hdiutil)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import bundle_rules as rules

from .common import WORK, Build, run


def build_all(build: Build) -> None:
    started = time.monotonic()
    app = build.dist / f"{rules.APP_NAME}.app"
    if not app.is_dir():
        raise SystemExit(f"build-installer: {app} is missing; the spec's BUNDLE step did not run")
    staging = WORK / "dmg-root"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    run(["ditto", app, staging / app.name])  # ditto keeps symlinks, resource forks and signatures
    os.symlink("/Applications", staging / "Applications")
    out = build.dist / f"{rules.APP_NAME}-{build.version}-macos-{os.uname().machine}.dmg"
    if out.exists():
        out.unlink()
    cmd = [
        "hdiutil",
        "create",
        "-volname",
        f"kquiz {build.version}",
        "-srcfolder",
        staging,
        "-fs",
        "HFS+",
        "-format",
        "UDZO",
        "-ov",
        out,
    ]
    for attempt in range(3):  # hdiutil fails now and then with "Resource busy" on CI runners
        try:
            run(cmd)
            break
        except subprocess.CalledProcessError:
            if attempt == 2:
                raise
            time.sleep(5)
    build.artifacts.append(out)
    build.step(".dmg (hdiutil)", started)
