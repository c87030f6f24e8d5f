"""Drawing helpers for scripts/make_diagrams.py: SVG Tiny text, boxes, arrows (no markers: QtSvg
draws SVG Tiny, so arrowheads are polygons). Text and outlines use ``currentColor``."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape

INK = "currentColor"
BLUE, ORANGE, GREEN, RED, PURPLE, TEAL = "#4a7fd6", "#e08a2c", "#3a9b5c", "#d2453c", "#8a63c9", "#2a9d9a"
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def doc(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}">\n'
        f"  <title>{escape(title)}</title>\n  <desc>{escape(desc)}</desc>\n"
    )
    return head + "".join(f"  {line}\n" for line in body) + "</svg>\n"


def text(
    x: float,
    y: float,
    s: str,
    size: int = 14,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = INK,
    italic: bool = False,
) -> str:
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}"{style}>{escape(s)}</text>'
    )


def lines(x: float, y: float, rows: list[str], size: int = 14, gap: int = 17, **kw: object) -> list[str]:
    return [text(x, y + i * gap, row, size, **kw) for i, row in enumerate(rows)]  # type: ignore[arg-type]


def box(
    x: float, y: float, w: float, h: float, color: str, rows: list[str], size: int = 14, radius: int = 8
) -> list[str]:
    out = [
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{radius}" fill="{color}" '
        f'fill-opacity="0.22" stroke="{color}" stroke-width="2"/>'
    ]
    top = y + h / 2 - (len(rows) - 1) * (size + 3) / 2 + size * 0.35
    return out + lines(x + w / 2, top, rows, size, size + 3)


def arrow(
    x1: float, y1: float, x2: float, y2: float, color: str = INK, width: float = 2.2, head: float = 10
) -> list[str]:
    angle = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(angle), y2 - head * math.sin(angle)
    left = (bx + head * 0.5 * math.sin(angle), by - head * 0.5 * math.cos(angle))
    right = (bx - head * 0.5 * math.sin(angle), by + head * 0.5 * math.cos(angle))
    return [
        f'<line x1="{x1:g}" y1="{y1:g}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{color}" stroke-width="{width}"/>',
        f'<polygon points="{x2:g},{y2:g} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}" '
        f'fill="{color}"/>',
    ]


def inhibit(x1: float, y1: float, x2: float, y2: float, color: str = INK, dashed: bool = False) -> list[str]:
    """A line ending in a flat bar: 'inhibits'."""
    angle = math.atan2(y2 - y1, x2 - x1)
    dx, dy = 9 * math.sin(angle), -9 * math.cos(angle)
    dash = ' stroke-dasharray="6,5"' if dashed else ""
    return [
        f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{color}" stroke-width="2.4"{dash}/>',
        f'<line x1="{x2 + dx:.1f}" y1="{y2 + dy:.1f}" x2="{x2 - dx:.1f}" y2="{y2 - dy:.1f}" stroke="{color}" '
        'stroke-width="3.5"/>',
    ]


def cross(x: float, y: float, r: float = 9, color: str = RED) -> list[str]:
    return [
        f'<line x1="{x - r:g}" y1="{y - r:g}" x2="{x + r:g}" y2="{y + r:g}" stroke="{color}" stroke-width="4"/>',
        f'<line x1="{x - r:g}" y1="{y + r:g}" x2="{x + r:g}" y2="{y - r:g}" stroke="{color}" stroke-width="4"/>',
    ]
