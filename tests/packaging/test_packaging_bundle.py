"""The real thing: build the installers, then run the frozen app from the bundle, from the .deb
unpacked into a scratch root, from the tar.gz and from the .run installer.

Slow (a PyInstaller build and three archives: ~2-5 minutes), so it only runs with KQUIZ_TEST_BUNDLE=1:
    KQUIZ_TEST_BUNDLE=1 python3 -m pytest tests/packaging -m bundle -q
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_rules as rules  # noqa: E402

pytestmark = [
    pytest.mark.bundle,
    pytest.mark.skipif(os.environ.get("KQUIZ_TEST_BUNDLE") != "1", reason="set KQUIZ_TEST_BUNDLE=1 to build"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux installers are checked here"),
]
MAX_BUNDLE_MIB = 170


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    for name in ("KQUIZ_DATA_DIR", "KQUIZ_CACHE_DIR", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


def _self_test(executable: Path, home: Path) -> str:
    result = subprocess.run(
        [str(executable), "self-test"], env=_env(home), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen bundle," in result.stdout and result.stdout.rstrip().endswith("self-test passed")
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build-installer"), "--dist", str(out)],
        cwd=ROOT,
        check=True,
        timeout=1800,
    )
    return out


def _du_mib(path: Path) -> float:
    """Disk usage like `du -sm` (allocated blocks), in MiB."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*") if not p.is_symlink()) / 2**20


def test_bundle_is_small_and_holds_the_app_data(dist: Path) -> None:
    bundle = dist / rules.APP_NAME
    size = _du_mib(bundle)
    print(f"\nbundle {bundle}: {size:.1f} MiB on disk")
    assert size <= MAX_BUNDLE_MIB, f"bundle is {size:.1f} MiB (> {MAX_BUNDLE_MIB})"
    internal = bundle / "_internal"
    decks = sorted(p.name for p in (internal / rules.BUNDLED_DECKS_DEST).glob("*.yaml"))
    assert decks == sorted(p.name for p in (ROOT / "decks").glob("*.yaml"))
    assert (internal / "kquiz" / "decks" / "deck.schema.json").is_file()
    assert (internal / rules.ICON_DEST / "kquiz.png").is_file()
    leftovers = [p for p in bundle.rglob("*") if not rules.keep(p.relative_to(bundle).as_posix())]
    assert leftovers == []
    assert not list(internal.rglob("*virtualkeyboard*")) and not list(internal.rglob("libqgtk3*"))
    assert not list(internal.rglob("*.qm")) and not list(internal.rglob("libQt6Qml*"))


def test_frozen_app_passes_its_self_test(dist: Path, tmp_path: Path) -> None:
    out = _self_test(dist / rules.APP_NAME / rules.APP_NAME, tmp_path)
    assert str(dist / rules.APP_NAME / "_internal" / rules.BUNDLED_DECKS_DEST) in out
    assert list(tmp_path.iterdir()) == [], "the self-test wrote into HOME"


def test_deb_unpacks_into_a_scratch_root_and_runs_from_there(dist: Path, tmp_path: Path) -> None:
    version = rules.project_version(ROOT)
    deb = dist / f"kquiz_{version}_amd64.deb"
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Depends"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert f"Version: {version}" in fields and "Architecture: amd64" in fields
    for package in (
        "libc6 (>=",
        "libgl1",
        "libegl1",
        "libxkbcommon-x11-0",
        "libfontconfig1",
        "libxcb-cursor0",
    ):
        assert package in fields
    assert os.readlink(root / "usr" / "bin" / "kquiz") == "/opt/kquiz/kquiz"
    assert (root / "usr/share/applications/kquiz.desktop").read_text() == (
        ROOT / "assets/kquiz.desktop"
    ).read_text()
    assert (root / "usr/share/icons/hicolor/256x256/apps/kquiz.png").is_file()
    assert (root / "usr/share/icons/hicolor/scalable/apps/kquiz.svg").is_file()
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert all(" root/root " in line for line in listing.splitlines())  # --root-owner-group
    home = tmp_path / "home"
    home.mkdir()
    out = _self_test(root / "opt" / "kquiz" / "kquiz", home)
    assert str(root / "opt" / "kquiz") in out


def test_tarball_unpacks_and_runs(dist: Path, tmp_path: Path) -> None:
    version = rules.project_version(ROOT)
    with tarfile.open(dist / f"kquiz-{version}-linux-x86_64.tar.gz") as tar:
        tar.extractall(tmp_path / "x", filter="tar")
    top = tmp_path / "x" / f"kquiz-{version}"
    assert (top / "install.sh").is_file() and (top / "share" / "kquiz.desktop").is_file()
    home = tmp_path / "home"
    home.mkdir()
    _self_test(top / "kquiz" / "kquiz", home)


def test_run_installer_installs_a_working_app(dist: Path, tmp_path: Path) -> None:
    if shutil.which("makeself") is None:
        pytest.skip("makeself not installed: no .run built")
    version = rules.project_version(ROOT)
    home, prefix = tmp_path / "home", tmp_path / "prefix"
    home.mkdir()
    subprocess.run(
        [str(dist / f"kquiz-{version}-linux-x86_64.run"), "--quiet", "--", "--prefix", str(prefix)],
        check=True,
        env=_env(home),
        capture_output=True,
        timeout=600,
    )
    version_out = subprocess.run(
        [str(prefix / "bin" / "kquiz"), "--version"],
        env=_env(home),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version_out == f"kquiz {version}"
    assert (prefix / "share" / "applications" / "kquiz.desktop").is_file()
