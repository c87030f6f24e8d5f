"""Fast checks that the spec, the bundle rules, the desktop entry and the icons agree with each other
and with the package (no PyInstaller run)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_rules as rules  # noqa: E402
from kquiz_release import libdeps  # noqa: E402

ASSETS = ROOT / "assets"
MAIN_CATEGORIES = {
    "AudioVideo",
    "Audio",
    "Video",
    "Development",
    "Education",
    "Game",
    "Graphics",
    "Network",
    "Office",
    "Science",
    "Settings",
    "System",
    "Utility",
}


def desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(ASSETS / "kquiz.desktop", encoding="utf-8")
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_entry_has_the_required_keys_and_points_at_our_command_and_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "kquiz"
    assert entry["Exec"].split()[0] == rules.APP_NAME == "kquiz"
    assert entry["Icon"] == rules.APP_NAME  # themed icon name: hicolor/*/apps/kquiz.png in the .deb
    assert entry["Terminal"] == "false"
    categories = entry["Categories"]
    assert categories.endswith(";")
    assert set(categories.rstrip(";").split(";")) & MAIN_CATEGORIES, (
        "no main category: the app hides in 'Other'"
    )
    assert entry["StartupWMClass"] == "kquiz"


def test_desktop_entry_exec_is_the_console_script_of_the_package() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"][desktop_entry()["Exec"].split()[0]] == "kquiz.cli.main:main"
    launcher = (ROOT / "packaging" / "launcher.py").read_text(encoding="utf-8")
    assert "from kquiz.cli.main import main" in launcher


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(ASSETS / "kquiz.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_icons_exist_at_the_sizes_the_installers_use() -> None:
    assert png_size(ASSETS / "kquiz.png") == (512, 512)
    assert png_size(ASSETS / "kquiz-256.png") == (256, 256)
    svg = ET.parse(ASSETS / "kquiz.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 512 512"


def test_windows_ico_holds_png_entries_from_16_to_256_px() -> None:
    data = (ASSETS / "kquiz.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.add(width or 256)
    assert {16, 32, 48, 256} <= sizes


def test_macos_icns_is_well_formed() -> None:
    data = (ASSETS / "kquiz.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, pos = set(), 8
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack(">I", data[pos + 4 : pos + 8])[0]
        assert length > 8 and data[pos + 8 : pos + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.add(kind)
        pos += length
    assert pos == len(data) and {b"ic07", b"ic08", b"ic09", b"ic10"} <= kinds


def test_spec_is_valid_python_and_everything_it_references_exists() -> None:
    spec = (ROOT / "packaging" / "kquiz.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= calls
    assert "launcher.py" in spec and (ROOT / "packaging" / "launcher.py").is_file()
    for name in ("kquiz.ico", "kquiz.icns", "kquiz.png", "kquiz.svg"):
        assert name in spec and (ASSETS / name).is_file()
    assert 'collect_submodules("kquiz"' in spec  # cli subcommands are imported by name
    assert "rules.excluded_modules(sys.platform)" in spec and "rules.keep" in spec


def test_bundled_decks_land_where_kquiz_paths_looks_for_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Load kquiz/paths.py from a fake bundle layout and ask it where the bundled decks are."""
    pairs = rules.deck_datas(ROOT)
    assert pairs and all(dest.startswith(rules.BUNDLED_DECKS_DEST) for _src, dest in pairs)
    assert {Path(src).name for src, _ in pairs} >= {p.name for p in (ROOT / "decks").glob("*.yaml")}
    fake_pkg = tmp_path / "_internal" / "kquiz"
    (tmp_path / "_internal" / rules.BUNDLED_DECKS_DEST).mkdir(parents=True)
    shutil.copy2(ROOT / "kquiz" / "paths.py", fake_pkg / "paths.py")
    spec = importlib.util.spec_from_file_location("frozen_kquiz_paths", fake_pkg / "paths.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "frozen_kquiz_paths", module)  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert module.bundled_decks_dir() == (tmp_path / "_internal" / rules.BUNDLED_DECKS_DEST).resolve()
    assert module.app_icon_file() is None
    (tmp_path / "_internal" / rules.ICON_DEST).mkdir(parents=True)
    shutil.copy2(ASSETS / "kquiz.png", tmp_path / "_internal" / rules.ICON_DEST / "kquiz.png")
    assert module.app_icon_file() == (tmp_path / "_internal" / rules.ICON_DEST / "kquiz.png").resolve()


def test_source_tree_app_icon_is_the_one_in_assets() -> None:
    from kquiz.paths import app_icon_file

    assert app_icon_file() == ASSETS / "kquiz.png"


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/lib/libQt6Qml.so.6",
        "PySide6/Qt/lib/libQt6QuickControls2.so.6",
        "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/QtQml.abi3.so",
        "PySide6/Qt6WebEngineCore.dll",
        "PySide6/Qt/qml/QtQuick/qmldir",
        "PySide6/Qt/lib/QtQuick.framework/Versions/A/QtQuick",
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "libgtk-3.so.0",
        "libgdk-3.so.0",
    ],
)
def test_bundle_rules_drop_what_kquiz_does_not_use(dest: str) -> None:
    assert not rules.keep(dest)


@pytest.mark.parametrize(
    "dest",
    [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Charts.so.6",
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",
        "PySide6/Qt/lib/libQt6DBus.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "PySide6/Qt/lib/libQt6WaylandClient.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/qwindows.dll",
        "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
        "PySide6/Qt/lib/QtCore.framework/QtCore",
        "kquiz/bundled_decks/risks.yaml",
        "kquiz/decks/deck.schema.json",
        "kquiz/assets/kquiz.png",
    ],
)
def test_bundle_rules_keep_what_kquiz_needs(dest: str) -> None:
    assert rules.keep(dest)


def _qt_modules_imported_by_kquiz() -> set[str]:
    found = set()
    for path in (ROOT / "kquiz").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found.update(n for n in names if n.startswith("PySide6."))
    return found


def test_no_qt_module_kquiz_imports_is_excluded_from_the_bundle() -> None:
    used = _qt_modules_imported_by_kquiz()
    assert {"PySide6.QtWidgets", "PySide6.QtCharts"} <= used
    for module in used:
        assert module not in rules.EXCLUDED_MODULES, f"{module} is used by kquiz but excluded"
        qt_name = module.split(".")[1][2:]  # PySide6.QtCharts -> Charts
        assert rules.keep(f"PySide6/{module.split('.')[1]}.abi3.so")
        assert rules.keep(f"PySide6/Qt/lib/libQt6{qt_name}.so.6"), f"libQt6{qt_name} would be dropped"
        assert rules.keep(f"PySide6/Qt6{qt_name}.dll")


def test_project_version_is_the_installed_kquiz_version() -> None:
    import kquiz

    assert rules.project_version(ROOT) == kquiz.__version__


def test_every_system_library_is_mapped_to_a_deb_dependency() -> None:
    packages = {alt.strip().split()[0] for dep in libdeps.DEB_DEPENDS for alt in dep.split("|")} | {"libc6"}
    assert set(libdeps.SYSTEM_PACKAGES.values()) - packages <= {
        "libopengl0",
        "libvulkan1",
        "libdrm2",
        "libgbm1",
    }
    assert libdeps.uncovered({"libGL.so.1": set(), "libc.so.6": set(), "libfoo.so.3": set()}) == [
        "libfoo.so.3"
    ]
    control = (ROOT / "packaging" / "linux" / "control.in").read_text(encoding="utf-8")
    for placeholder in ("@VERSION@", "@INSTALLED_SIZE@", "@DEPENDS@"):
        assert placeholder in control
    assert "Architecture: amd64" in control and "\nDescription: " in control


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_run_installer_script_installs_and_uninstalls_for_a_user(tmp_path: Path) -> None:
    """install.sh (run by the makeself .run) on a stand-in bundle: files, rewritten Exec, uninstall."""
    payload = tmp_path / "payload"
    (payload / "kquiz").mkdir(parents=True)
    fake = payload / "kquiz" / "kquiz"
    fake.write_text('#!/bin/sh\necho kquiz-fake "$@"\n')
    fake.chmod(0o755)
    (payload / "share").mkdir()
    for name in ("kquiz.desktop", "kquiz.png", "kquiz-256.png", "kquiz.svg"):
        shutil.copy2(ASSETS / name, payload / "share" / name)
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", payload / "install.sh")
    prefix = tmp_path / "prefix"
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        ["sh", str(payload / "install.sh"), "--prefix", str(prefix)], check=True, env=env, capture_output=True
    )
    app = prefix / "opt" / "kquiz"
    assert (
        subprocess.run(
            [str(prefix / "bin" / "kquiz"), "--version"], capture_output=True, text=True
        ).stdout.strip()
        == "kquiz-fake --version"
    )
    desktop = (prefix / "share" / "applications" / "kquiz.desktop").read_text()
    assert f"\nExec={app}/kquiz\n" in desktop and "\nIcon=kquiz\n" in desktop
    assert png_size(prefix / "share/icons/hicolor/256x256/apps/kquiz.png") == (256, 256)
    subprocess.run(["sh", str(app / "uninstall.sh")], check=True, env=env, capture_output=True)
    assert not app.exists() and not (prefix / "bin" / "kquiz").exists()
    assert not (prefix / "share" / "applications" / "kquiz.desktop").exists()


def test_release_workflow_builds_every_platform_with_the_one_build_command() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    oses = [entry["os"] for entry in build["strategy"]["matrix"]["include"]]
    assert any(o.startswith("ubuntu") for o in oses) and any(o.startswith("windows") for o in oses)
    assert sum(o.startswith("macos") for o in oses) == 2  # Apple silicon and Intel
    runs = [step.get("run", "") for step in build["steps"]]
    assert any(r.strip() == "python scripts/build-installer" for r in runs)
    assert any("kquiz self-test" in r for r in runs)
    assert workflow["jobs"]["release"]["needs"] == "build"


def test_inno_setup_script_matches_the_windows_build_step() -> None:
    iss = (ROOT / "packaging" / "windows" / "kquiz.iss").read_text(encoding="utf-8")
    windows = (ROOT / "packaging" / "kquiz_release" / "windows.py").read_text(encoding="utf-8")
    for define in ("AppVersion", "SourceDir", "OutputDir", "RepoRoot"):
        assert f"#ifndef {define}" in iss or f"#ifdef {define}" in iss
        assert f"/D{define}=" in windows
    assert "OutputBaseFilename=kquiz-{#AppVersion}-windows-x64-setup" in iss
    assert 'f"{rules.APP_NAME}-{build.version}-windows-x64-setup.exe"' in windows
    assert "{app}\\kquiz.exe" in iss and "assets\\kquiz.ico" in iss
