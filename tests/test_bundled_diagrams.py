"""The bundled decks' diagrams: each one used and cited, safe, readable in both themes, reproducible."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml.ElementTree import parse

from kquiz.decks import load_folder
from kquiz.decks.images import svg_problem

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "decks"
IMAGES = DECKS / "images"
SVG_NS = "{http://www.w3.org/2000/svg}"
REQUIRED = {  # the diagrams issue 22 asks for, by file
    "nmda-channel.svg",
    "disinhibition.svg",
    "ampa-bdnf-mtor.svg",
    "metabolism.svg",
    "enantiomers.svg",
    "history-timeline.svg",
    "infusion-time-course.svg",
    "bladder-risk.svg",
}
SURFACES = ("#ffffff", "#2a2d33")  # the card surface, light and dark (kquiz.ui.theme)


def luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_diagram_is_used_by_a_cited_card_and_described() -> None:
    used: dict[str, list[str]] = {}
    for deck in load_folder(DECKS).decks:
        for card in deck.cards:
            for image, alt in ((card.image, card.alt), (card.answer_image, card.answer_alt)):
                if image:
                    assert image.startswith("images/") and len(alt.split()) >= 8, (card.id, alt)
                    assert card.citations, f"{card.id} shows {image} but cites nothing"
                    used.setdefault(image.removeprefix("images/"), []).append(card.id)
    on_disk = {p.name for p in IMAGES.glob("*.svg")}
    assert on_disk >= REQUIRED
    assert set(used) == on_disk, f"unused: {on_disk - set(used)}"
    assert any(
        deck.path and c.image for deck in load_folder(DECKS).decks for c in deck.cards
    )  # at least one shown with its question, not only after answering


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_each_diagram_is_safe_titled_and_reads_on_both_themes(name: str) -> None:
    path = IMAGES / name
    assert svg_problem(path.read_bytes(), name) is None
    root = parse(str(path)).getroot()
    assert root.find(f"{SVG_NS}title") is not None and root.find(f"{SVG_NS}desc") is not None
    badge = ""  # the solid fill of the shape drawn just before (a label may sit on its own badge)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG_NS)
        fill = element.get("fill", "")
        if tag == "text":  # words in the theme's own text color, or a color readable on both cards
            if fill != "currentColor":
                on_badge = badge.startswith("#") and contrast(fill, badge) >= 4.5
                assert on_badge or all(contrast(fill, s) >= 4.5 for s in SURFACES), (name, fill)
        elif tag in ("circle", "rect", "ellipse", "polygon", "path"):
            badge = fill if element.get("fill-opacity") is None else ""
        for attr in ("fill", "stroke"):  # no black or white ink that vanishes on one of the themes
            value = element.get(attr, "").lower()
            if tag != "text" and value.startswith("#") and element.get(f"{attr}-opacity") is None:
                assert all(contrast(value, s) >= 1.9 for s in SURFACES), (name, tag, attr, value)


def test_the_committed_diagrams_match_their_script() -> None:
    if importlib.util.find_spec("rdkit") is None:
        names = sorted(REQUIRED - {"enantiomers.svg"})  # RDKit is a build-time tool, maybe absent
    else:
        names = []
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_diagrams.py"), "--check", *names],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
