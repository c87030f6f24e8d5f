"""Worksheets on paper: the worksheet's HTML (kquiz.quiz.worksheet via kquiz.app.quiz) laid out by
QTextDocument on A4 or Letter pages and written by QPdfWriter — Qt's own PDF output, fonts embedded,
no display needed (``QT_QPA_PLATFORM=offscreen`` is chosen when there is none). The answer key starts
on a new page (CSS ``page-break-before``); page numbers are printed at the foot of each page.

``kquiz print`` (kquiz/cli/cmd_print.py) imports this module only when it writes a PDF.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PAPERS = ("a4", "letter")
MARGIN_MM = 16.0


def ensure_gui_app() -> object:
    """A QGuiApplication (fonts need one); offscreen when there is no display (a terminal, CI)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["kquiz"])
    return app


def write_pdf(html: str, out: Path, *, title: str = "kquiz worksheet", paper: str = "a4") -> Path:
    """Lay ``html`` out on ``paper`` pages and write the PDF to ``out``. Returns ``out``."""
    ensure_gui_app()
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    if paper.lower() not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    size = QPageSize.PageSizeId.A4 if paper.lower() == "a4" else QPageSize.PageSizeId.Letter
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(out))
    writer.setTitle(title)
    writer.setCreator("kquiz")
    writer.setResolution(300)
    writer.setPageSize(QPageSize(size))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    doc.print_(writer)
    del writer  # finishes the file
    if not out.is_file() or out.stat().st_size == 0:
        raise OSError(f"Qt wrote no PDF to {out}")
    return out
