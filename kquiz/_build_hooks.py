"""setuptools hooks, used only when building kquiz (see [tool.setuptools.cmdclass] in pyproject.toml).

The decks live at the top of the repository (``decks/``) so educators find them; the wheel ships
them inside the package as ``kquiz/bundled_decks/`` (where ``kquiz.paths.bundled_decks_dir`` looks),
and the sdist carries ``decks/`` so a wheel built from it has them too. Never imported at run time.
"""

from __future__ import annotations

from pathlib import Path

from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

DECKS = Path("decks")
ICON = Path("assets") / "kquiz.png"  # the window icon; a wheel carries it as kquiz/assets/kquiz.png


def deck_files() -> list[Path]:
    if not DECKS.is_dir():
        raise FileNotFoundError("kquiz build: the decks/ folder is missing; the package would ship no decks")
    return sorted(
        f
        for f in DECKS.rglob("*")
        if f.is_file()
        and not any(p.startswith(".") or p == "__pycache__" for p in f.relative_to(DECKS).parts)
    )


class BuildPyWithDecks(build_py):
    """build_py that also copies decks/ to <build>/kquiz/bundled_decks/."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads decks/ from the source tree (see bundled_decks_dir)
        target = Path(self.build_lib) / "kquiz" / "bundled_decks"
        for file in deck_files():
            dest = target / file.relative_to(DECKS)
            self.mkpath(str(dest.parent))
            self.copy_file(str(file), str(dest))
        if ICON.is_file():
            self.mkpath(str(Path(self.build_lib) / "kquiz" / "assets"))
            self.copy_file(str(ICON), str(Path(self.build_lib) / "kquiz" / "assets" / ICON.name))


class SdistWithDecks(sdist):
    """sdist that includes decks/ (outside the package, so not picked up by default)."""

    def add_defaults(self) -> None:
        super().add_defaults()
        self.filelist.extend(str(f) for f in deck_files())
        if ICON.is_file():
            self.filelist.append(str(ICON))
