"""What goes into the frozen kquiz bundle and what is left out.

Shared by ``packaging/kquiz.spec`` (which filters PyInstaller's analysis with it),
``scripts/build-installer`` (which checks the result) and ``tests/packaging``.
kquiz is a Qt Widgets app (QtCore/Gui/Widgets, QtCharts, QtSvg); everything else
PySide6 can drag in is dead weight in an installer.
"""

from __future__ import annotations

import re
from pathlib import Path

APP_NAME = "kquiz"
BUNDLE_ID = "org.kquiz.kquiz"
# Where decks/ lands inside the bundle; kquiz.paths.bundled_decks_dir() looks here first.
BUNDLED_DECKS_DEST = "kquiz/bundled_decks"
# Where the app icon lands inside the bundle (next to the package, for the window icon).
ICON_DEST = "kquiz/assets"

# Python modules never imported by kquiz at run time (PyInstaller ``excludes``).
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "idlelib",
    "pydoc_data",
    "lib2to3",
    "unittest",
    "torch",
    "numpy",
    "pandas",
    "matplotlib",
    "scipy",
    "IPython",
    "tqdm",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "anki",
    "setuptools",
    "pip",
    "kquiz._build_hooks",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtVirtualKeyboard",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtWebView",
    "PySide6.QtHttpServer",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DAnimation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtSpatialAudio",
    "PySide6.QtTextToSpeech",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtSerialBus",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtStateMachine",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtAxContainer",
    "PySide6.QtNetworkAuth",
    "PySide6.QtConcurrent",
)

# Qt libraries kquiz never loads once the plugins below are gone (name after "Qt6"/"Qt").
_UNUSED_QT = (
    "Qml|Quick|VirtualKeyboard|Pdf|WebEngine|WebChannel|WebSockets|WebView|3D|Multimedia"
    "|SpatialAudio|TextToSpeech|Positioning|Location|Sensors|SerialPort|SerialBus|Bluetooth|Nfc"
    "|RemoteObjects|Scxml|StateMachine|DataVisualization|Graphs|Designer|UiTools|Help|Sql|Test"
    "|ShaderTools|Labs|EglFSDeviceIntegration|EglFsKmsSupport"
)

# Collected files (binaries and data) to drop, matched against the destination path
# with forward slashes. Plugins first, then the libraries only they pulled in.
_DROP_PATTERNS: tuple[str, ...] = (
    r"(^|/)translations/",  # Qt's own .qm files: kquiz is English-only
    r"/plugins/platforminputcontexts/.*virtualkeyboard",  # virtual keyboard -> QML/Quick chain
    r"/plugins/platformthemes/.*gtk3",  # GTK theme plugin -> all of GTK
    r"/plugins/imageformats/.*qpdf",  # PDF image plugin -> QtPdf
    r"/plugins/(qmltooling|multimedia|position|sensors|geoservices|texttospeech|sceneparsers"
    r"|renderers|renderplugins|geometryloaders|assetimporters|canbus|designer|webview"
    r"|sqldrivers|scxmldatamodel|networkinformation|tls|egldeviceintegrations)/",  # QLocalServer needs none
    # Embedded-device platforms (framebuffer, EGLFS, VNC, Vulkan display) and TUIO touch over UDP:
    # a desktop app needs xcb, wayland and offscreen (self-test) only.
    r"/plugins/platforms/.*(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)",
    r"/plugins/generic/.*tuiotouch",
    rf"(^|/)(lib)?Qt6?({_UNUSED_QT})[^/]*\.(so[.0-9]*|dll|dylib)$",  # Linux/Windows libraries
    rf"(^|/)Qt({_UNUSED_QT})[^/]*\.framework/",  # macOS frameworks
    r"(^|/)Qt/qml/",  # QML modules
    r"(^|/)(lib)?(gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|pango[a-z0-9]*-1\.0"
    r"|cairo|cairo-gobject|epoxy|harfbuzz-gobject|rsvg-2)\.so",  # GTK theme plugin's libraries
)
DROP_RE = re.compile("|".join(f"(?:{p})" for p in _DROP_PATTERNS))


def keep(dest: str) -> bool:
    """True if a collected file (destination path inside the bundle) belongs in kquiz."""
    return DROP_RE.search(dest.replace("\\", "/")) is None


def deck_datas(repo_root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for every file under ``decks/``."""
    decks = repo_root / "decks"
    pairs = []
    for path in sorted(decks.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            rel_parent = path.parent.relative_to(decks).as_posix()
            dest = BUNDLED_DECKS_DEST if rel_parent == "." else f"{BUNDLED_DECKS_DEST}/{rel_parent}"
            pairs.append((str(path), dest))
    return pairs


def project_version(repo_root: Path) -> str:
    """The version in pyproject.toml (the one source of truth for the bundle and installers)."""
    import tomllib

    with open(repo_root / "pyproject.toml", "rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def install_qt_plugin_filter() -> None:
    """Stop PyInstaller's Qt hooks from collecting dropped plugins at all.

    Filtering ``Analysis.binaries`` afterwards is not enough: by then PyInstaller has already
    followed each plugin's library dependencies (the GTK theme plugin drags in GTK, Pango, Cairo,
    ATK ...). Wrapping the hook helper that lists a plugin folder keeps those out of the analysis.
    """
    from PyInstaller.utils.hooks import qt

    original = qt.QtLibraryInfo.collect_plugins
    if getattr(original, "_kquiz_filtered", False):
        return

    def collect_plugins(self, plugin_type):  # type: ignore[no-untyped-def]
        found = original(self, plugin_type)
        return [(src, dst) for src, dst in found if keep(f"{dst}/{Path(src).name}")]

    collect_plugins._kquiz_filtered = True  # type: ignore[attr-defined]
    qt.QtLibraryInfo.collect_plugins = collect_plugins  # type: ignore[method-assign]


def excluded_modules(platform: str) -> list[str]:
    """EXCLUDED_MODULES plus the other operating systems' backends of platformdirs (it imports only
    the one for ``sys.platform``; the Windows one would otherwise pull ctypes.windll lookups in)."""
    backends = {"win32": "platformdirs.windows", "darwin": "platformdirs.macos"}
    mine = backends.get(platform, "platformdirs.unix")
    return [*EXCLUDED_MODULES, *(name for name in (*backends.values(), "platformdirs.unix") if name != mine)]
