"""A card's image files: how big they may be, and an SVG that is safe to hand to Qt.

An SVG is XML: it is parsed here with defusedxml (no DTD, no entities, no external references) before
any renderer sees it, and refused if it holds a script, an event handler, a link or a style that
reaches outside the file, or more elements than a diagram needs. ``read_image`` is what the app
calls before drawing, so an SVG changed on disk after the deck was checked is still checked.
"""

from __future__ import annotations

import re
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

MAX_IMAGE_BYTES = 4 * 2**20  # a PNG/JPEG/GIF/WebP file
MAX_SVG_BYTES = 256 * 2**10  # an SVG file: a hand-drawn or generated diagram is a few KB
MAX_SVG_ELEMENTS = 5_000
RASTER_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp"})
SVG_SUFFIX = ".svg"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_REFUSED_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"})
_HREF = re.compile(r"(^|})href$")
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def dark_variant(image: str) -> str:
    """The name of an image's dark-theme variant: ``x.svg`` → ``x-dark.svg``."""
    path = Path(image)
    return str(path.with_name(f"{path.stem}-dark{path.suffix}")).replace("\\", "/")


def svg_problem(data: bytes, image: str) -> str | None:
    """Why the SVG bytes ``data`` (the file ``image``) must not be drawn, or None if they may."""
    if len(data) > MAX_SVG_BYTES:
        return f"image '{image}' is {len(data) // 1024} KB; an SVG may be at most {MAX_SVG_BYTES // 1024} KB"
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return f"image '{image}': an SVG may not declare a DTD, entities or external references"
    except (ParseError, ValueError) as exc:
        return f"image '{image}' is not a well-formed SVG file ({exc})"
    if root.tag != _SVG_NS + "svg":
        return f"image '{image}' is not an SVG image (its root element is <{_local(root.tag)}>)"
    for count, element in enumerate(root.iter(), 1):
        if count > MAX_SVG_ELEMENTS:
            return f"image '{image}' has more than {MAX_SVG_ELEMENTS:,} SVG elements; simplify the drawing"
        name = _local(element.tag)
        if name.lower() in _REFUSED_ELEMENTS:
            return f"image '{image}': an SVG may not contain <{name}> (scripts and embedded content)"
        for attr, value in element.attrib.items():
            problem = _attribute_problem(_local(attr), attr, value)
            if problem:
                return f"image '{image}': {problem}"
        if name == "style" and element.text:
            problem = _style_problem(element.text)
            if problem:
                return f"image '{image}': {problem}"
    return None


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1]


def _attribute_problem(name: str, qualified: str, value: str) -> str | None:
    if name.lower().startswith("on"):
        return f"an SVG may not contain event handlers ('{name}' runs a script)"
    if _HREF.search(qualified) and not value.strip().startswith("#"):
        return f"an SVG may link only to its own parts ('{name}=\"{value[:60]}\"' points outside the file)"
    return _style_problem(value) if "url(" in value.lower() or "@import" in value.lower() else None


def _style_problem(css: str) -> str | None:
    if "@import" in css.lower():
        return "an SVG's style may not import other files (@import)"
    for target in _URL.findall(css):
        if not target.startswith("#"):
            return (
                f"an SVG's style may refer only to its own parts (url({target[:60]}) points outside the file)"
            )
    return None


def image_file_problem(image: str, path: Path) -> str | None:
    """Why the existing file ``path`` (named ``image`` in the deck) is not an image a card may show."""
    suffix = path.suffix.lower()
    if suffix != SVG_SUFFIX and suffix not in RASTER_SUFFIXES:
        kinds = ", ".join(sorted(s.lstrip(".") for s in RASTER_SUFFIXES | {SVG_SUFFIX}))
        return f"image '{image}': kquiz shows {kinds} files"
    try:
        size = path.stat().st_size
        if suffix != SVG_SUFFIX:
            if size > MAX_IMAGE_BYTES:
                return f"image '{image}' is {size / 2**20:.1f} MB; an image may be at most {MAX_IMAGE_BYTES // 2**20} MB"
            return None
        if size > MAX_SVG_BYTES:
            return f"image '{image}' is {size // 1024} KB; an SVG may be at most {MAX_SVG_BYTES // 1024} KB"
        return svg_problem(path.read_bytes(), image)
    except OSError as exc:
        return f"image '{image}' could not be read ({exc.strerror or exc})"


def read_image(path: Path) -> bytes:
    """The bytes of a card's image file, checked as the deck rules check them; ValueError says why not."""
    problem = image_file_problem(path.name, path)
    if problem:
        raise ValueError(problem)
    return path.read_bytes()
