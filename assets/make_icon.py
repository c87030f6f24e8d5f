#!/usr/bin/env python3
"""Draw the kquiz app icon: two study cards on a rounded indigo-to-teal tile, a "K" and a check badge.

The SVG (assets/kquiz.svg) is the master; the PNGs are rendered from it with QPainter and the Windows
.ico / macOS .icns are packed from those PNGs (PNG-compressed entries, no extra tools needed).
Run after changing the design:  python3 assets/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <title>kquiz</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0.35" y2="1">
      <stop offset="0" stop-color="#3F51B5"/>
      <stop offset="1" stop-color="#00897B"/>
    </linearGradient>
    <linearGradient id="badge" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#FFCA28"/>
      <stop offset="1" stop-color="#FF8F00"/>
    </linearGradient>
  </defs>
  <rect x="24" y="24" width="464" height="464" rx="104" fill="url(#tile)"/>
  <g transform="rotate(-12 256 256)">
    <rect x="128" y="110" width="220" height="290" rx="28" fill="#FFFFFF" fill-opacity="0.45"/>
  </g>
  <g transform="rotate(6 256 256)">
    <rect x="172" y="128" width="220" height="290" rx="28" fill="#0D1B3E" fill-opacity="0.25"
          transform="translate(8 12)"/>
    <rect x="172" y="128" width="220" height="290" rx="28" fill="#FFFFFF"/>
    <path d="M236 196 V350 M236 282 L316 196 M262 254 L322 350" fill="none" stroke="#283593"
          stroke-width="34" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
  <circle cx="384" cy="384" r="70" fill="#0D1B3E" fill-opacity="0.25"/>
  <circle cx="380" cy="378" r="68" fill="url(#badge)" stroke="#FFFFFF" stroke-width="10"/>
  <path d="M347 379 L371 403 L413 355" fill="none" stroke="#FFFFFF" stroke-width="20"
        stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""

PNG_SIZES = {"kquiz.png": 512, "kquiz-256.png": 256}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns entry type -> pixel size (PNG payloads; 'ic11'..'ic14' are the @2x variants).
ICNS_TYPES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,
    b"ic11": 32,
    b"ic12": 64,
    b"ic13": 256,
    b"ic14": 512,
}


def render_png(svg: bytes, size: int) -> bytes:
    """Rasterise the SVG at size x size with antialiasing; returns PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("make_icon: the SVG does not parse")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def pack_ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG-compressed (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def pack_icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG entries."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, plugins)
    svg = SVG.encode("utf-8")
    (HERE / "kquiz.svg").write_bytes(svg)
    needed = set(PNG_SIZES.values()) | set(ICO_SIZES) | set(ICNS_TYPES.values())
    pngs = {size: render_png(svg, size) for size in sorted(needed)}
    for name, size in PNG_SIZES.items():
        (HERE / name).write_bytes(pngs[size])
    (HERE / "kquiz.ico").write_bytes(pack_ico({s: pngs[s] for s in ICO_SIZES}))
    (HERE / "kquiz.icns").write_bytes(pack_icns(pngs))
    for name in ("kquiz.svg", *PNG_SIZES, "kquiz.ico", "kquiz.icns"):
        print(f"wrote assets/{name} ({(HERE / name).stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
