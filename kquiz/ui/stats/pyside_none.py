"""Work around a reference-count bug of PySide6 6.12 on CPython 3.11.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a C++ method returning void
(``QLabel.setText``, ``QPainter.drawRect``, ``QChart.setTheme``…) hands back ``None`` without
taking a reference, so each call lowers ``sys.getrefcount(None)`` by one. After a few thousand
calls (one heatmap paint is ~1,500) CPython aborts with "none_dealloc: deallocating None".
CPython 3.12+ makes None immortal, which hides the bug. Until the bindings are fixed, give None
a reference count so large it can never reach zero — what 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

PIN = 1 << 48


def pin_none() -> bool:
    """Make None effectively immortal on CPython < 3.12; True if the count was raised now."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value >= PIN:
        return False
    count.value += PIN
    return True
