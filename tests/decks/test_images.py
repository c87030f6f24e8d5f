"""Card images: alt text required, SVG files parsed safely and refused when hostile, size caps."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kquiz.decks import load_text
from kquiz.decks.images import MAX_IMAGE_BYTES, MAX_SVG_BYTES, MAX_SVG_ELEMENTS, read_image, svg_problem

from .helpers import BASIC, deck, problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">{}</svg>'
SAFE = SVG.format('<rect width="40" height="20" fill="currentColor"/><use href="#r"/>')


def card_with(fields: str) -> str:
    return deck(BASIC.format(id="a") + fields)


def messages(text: str, base: Path) -> list[str]:
    return [message for _, _, message in problems(text, base)]


def write(base: Path, name: str, content: str | bytes) -> None:
    data = content.encode() if isinstance(content, str) else content
    (base / name).write_bytes(data)


def test_a_safe_svg_with_alt_loads_with_its_answer_image(tmp_path: Path) -> None:
    write(tmp_path, "q.svg", SAFE)
    write(tmp_path, "a.png", b"\x89PNG\r\n\x1a\n")
    fields = "    image: q.svg\n    alt: A box\n    answer_image: a.png\n    answer_alt: The answer drawn\n"
    card = load_text(card_with(fields), base_dir=tmp_path).cards[0]
    assert (card.image, card.alt, card.answer_image, card.answer_alt) == (
        "q.svg",
        "A box",
        "a.png",
        "The answer drawn",
    )


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ("    image: q.svg\n", "'image' needs 'alt'"),
        ("    image: q.svg\n    alt: '  '\n", "'image' needs 'alt'"),
        ("    answer_image: q.svg\n", "'answer_image' needs 'answer_alt'"),
    ],
)
def test_an_image_needs_its_alt_text(tmp_path: Path, fields: str, missing: str) -> None:
    write(tmp_path, "q.svg", SAFE)
    found = messages(card_with(fields), tmp_path)
    assert len(found) == 1 and missing in found[0] and "screen readers" in found[0]


HOSTILE = {
    "external entity": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + SVG.format("<text>&x;</text>"),
        "may not declare a DTD, entities or external references",
    ),
    "entity expansion": (
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        + SVG.format("<text>&b;</text>"),
        "may not declare a DTD",
    ),
    "script": (SVG.format("<script>alert(1)</script>"), "may not contain <script>"),
    "event handler": (SVG.format('<rect width="1" height="1" onload="alert(1)"/>'), "event handlers"),
    "foreign object": (
        SVG.format("<foreignObject><p>x</p></foreignObject>"),
        "may not contain <foreignObject>",
    ),
    "outside image": (
        SVG.format('<image href="https://example.invalid/t.png"/>'),
        "link only to its own parts",
    ),
    "xlink to a file": (
        SVG.format('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="other.svg#a"/>'),
        "link only to its own parts",
    ),
    "style url": (
        SVG.format('<rect style="fill: url(http://example.invalid/p)"/>'),
        "refer only to its own parts",
    ),
    "style import": (SVG.format("<style>@import url(x.css);</style>"), "may not import"),
    "50,000 nodes": (SVG.format("<g/>" * 50_000), f"more than {MAX_SVG_ELEMENTS:,} SVG elements"),
    "not svg": ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "its root element is <html>"),
    "not xml": ("<svg><rect></svg>", "not a well-formed SVG file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_svg_is_refused_with_a_clear_problem(tmp_path: Path, case: str) -> None:
    content, expected = HOSTILE[case]
    write(tmp_path, "q.svg", content)
    found = messages(card_with("    image: q.svg\n    alt: A drawing\n"), tmp_path)
    assert len(found) == 1 and found[0].startswith("card 'a': image 'q.svg'") and expected in found[0], found
    with pytest.raises(ValueError, match=r"q\.svg"):  # and the app refuses to draw it
        read_image(tmp_path / "q.svg")


def test_size_caps(tmp_path: Path) -> None:
    write(tmp_path, "big.svg", SVG.format("<!--" + "x" * MAX_SVG_BYTES + "-->"))
    with open(tmp_path / "big.png", "wb") as handle:  # sparse: the size is what counts
        handle.truncate(MAX_IMAGE_BYTES + 1)
    write(tmp_path, "a.bmp", b"BM")
    fields = "    image: big.svg\n    alt: x\n    answer_image: big.png\n    answer_alt: y\n"
    found = messages(card_with(fields), tmp_path)
    assert any(f"an SVG may be at most {MAX_SVG_BYTES // 1024} KB" in m for m in found), found
    assert any(f"an image may be at most {MAX_IMAGE_BYTES // 2**20} MB" in m for m in found), found
    assert (
        "kquiz shows gif, jpeg, jpg, png, svg, webp files"
        in messages(card_with("    image: a.bmp\n    alt: x\n"), tmp_path)[0]
    )


def test_the_dark_variant_beside_an_svg_is_checked_too(tmp_path: Path) -> None:
    write(tmp_path, "q.svg", SAFE)
    write(tmp_path, "q-dark.svg", SVG.format("<script/>"))
    assert "image 'q-dark.svg'" in messages(card_with("    image: q.svg\n    alt: A box\n"), tmp_path)[0]


def test_an_svg_changed_after_the_deck_was_checked_is_refused_when_drawn(tmp_path: Path) -> None:
    write(tmp_path, "q.svg", SAFE)
    load_text(card_with("    image: q.svg\n    alt: A box\n"), base_dir=tmp_path)
    assert read_image(tmp_path / "q.svg") == SAFE.encode()
    write(tmp_path, "q.svg", SVG.format('<a href="https://example.invalid">x</a>'))
    with pytest.raises(ValueError, match="points outside the file"):
        read_image(tmp_path / "q.svg")


def test_internal_references_are_allowed() -> None:
    ok = SVG.format(
        '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" style="fill: url( #g )"/><use href="#g"/>'
    )
    assert svg_problem(ok.encode(), "ok.svg") is None


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_a_dark_variant_linking_outside_the_folder_is_refused(tmp_path: Path) -> None:
    inside = tmp_path / "deck"
    inside.mkdir()
    write(inside, "q.svg", SAFE)
    write(tmp_path, "outside.svg", SAFE)
    (inside / "q-dark.svg").symlink_to(tmp_path / "outside.svg")
    found = messages(card_with("    image: q.svg\n    alt: A box\n"), inside)
    assert found and "leads outside the deck's folder" in found[0]
