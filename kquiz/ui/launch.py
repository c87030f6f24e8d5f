"""Start the desktop app (placeholder window until the app screens land)."""

from __future__ import annotations

import sys


def run_app(data_dir: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from kquiz import EDUCATIONAL_NOTICE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QLabel(f"kquiz\n\n{EDUCATIONAL_NOTICE}")
    window.setWindowTitle("kquiz")
    window.resize(640, 400)
    window.show()
    return app.exec()
