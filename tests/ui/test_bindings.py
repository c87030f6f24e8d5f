"""The installed Qt bindings keep Python's reference counts straight.

PySide6 6.12.0 on CPython 3.11 returned ``None`` from every void method without a reference:
``sys.getrefcount(None)`` fell by one per call until CPython aborted ("none_dealloc"), a few
thousand calls into drawing the Stats window. pyproject.toml keeps that release out; this test
fails on any release with the same fault.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from CPython 3.12 on")
def test_void_methods_do_not_leak_references_to_none(qapp) -> None:
    label = QLabel()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(2000):
            label.setText("x")
            painter.drawRect(0, 0, 2, 2)
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert abs(after - before) < 100, f"None lost {before - after} references in 4000 void calls"
