"""The diagrams ship: in the wheel (kquiz/_build_hooks.py), in the PyInstaller bundle (decks/ data
and QtSvg with its image plugin kept), and the bundled-deck installer copies answer-side images too."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import bundle_rules as rules  # noqa: E402

DIAGRAMS = sorted((ROOT / "decks" / "images").glob("*.svg"))


def test_the_wheel_and_the_bundle_carry_every_diagram(monkeypatch) -> None:
    from kquiz import _build_hooks

    assert len(DIAGRAMS) >= 8
    monkeypatch.chdir(ROOT)
    in_wheel = {Path(f).resolve() for f in _build_hooks.deck_files()}
    in_bundle = {Path(src).resolve(): dest for src, dest in rules.deck_datas(ROOT)}
    for svg in DIAGRAMS:
        assert svg.resolve() in in_wheel
        assert in_bundle[svg.resolve()] == f"{rules.BUNDLED_DECKS_DEST}/images"


def test_qtsvg_is_not_dropped_from_the_bundle() -> None:
    assert "PySide6.QtSvg" not in rules.excluded_modules(sys.platform)
    for dest in (
        "PySide6/Qt/lib/libQt6Svg.so.6",
        "PySide6/Qt6Svg.dll",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/plugins/imageformats/qsvg.dll",
        "PySide6/Qt/lib/QtSvg.framework/QtSvg",
    ):
        assert rules.keep(dest), dest
    spec = (ROOT / "packaging" / "kquiz.spec").read_text(encoding="utf-8")
    assert '"PySide6.QtSvg"' in spec  # a hidden import: kquiz.ui.study.card_image imports it


def test_installing_a_bundled_deck_copies_its_answer_images(tmp_path) -> None:
    from kquiz.app import open_core

    core = open_core(tmp_path / "data", seed=1)
    core.load_library()
    deck = next(d for d in core.library.decks if d.id == "ketamine-risks")
    assert any(c.answer_image for c in deck.cards)
    from kquiz.app.bundled import copy_bundled_deck

    target = copy_bundled_deck(core, deck.id)
    for card in deck.cards:
        for image in (card.image, card.answer_image):
            if image:
                assert (Path(target).parent / image).is_file(), image
