"""What the first screen imports: slow modules it does not need stay out of the start-up path.

Not timed: each check runs a fresh interpreter and looks at ``sys.modules``.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import kquiz

ROOT = Path(__file__).resolve().parents[2]


def test_version_constant_matches_pyproject_and_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert kquiz.__version__ == project["version"]
    try:
        installed = metadata.version("kquiz")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return
    assert installed == kquiz.__version__


def modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        env={"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
    )
    return set(out.stdout.split())


def test_importing_the_package_does_not_scan_distributions() -> None:
    assert "importlib.metadata" not in modules_after("import kquiz, kquiz.domain")


def test_warm_deck_cache_load_needs_no_schema_validator(tmp_path: Path) -> None:
    code = (
        f"from pathlib import Path\nfrom kquiz.decks import load_folder\nfrom kquiz.paths import bundled_decks_dir\n"
        f"load_folder(bundled_decks_dir(), cache_dir=Path({str(tmp_path)!r}))"
    )
    modules_after(code)  # cold: fills the cache
    warm = modules_after(code)
    assert "jsonschema" not in warm
    assert "yaml" not in warm and "kquiz.decks.yamlread" not in warm  # no YAML parsing at all


def test_cold_load_still_imports_the_reader_on_demand(tmp_path: Path) -> None:
    code = (
        "from pathlib import Path\nfrom kquiz.decks import load_folder\nfrom kquiz.paths import bundled_decks_dir\n"
        "assert load_folder(bundled_decks_dir()).decks"
    )
    assert "kquiz.decks.yamlread" in modules_after(code)
