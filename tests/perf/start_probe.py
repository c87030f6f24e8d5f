"""Run the app's real start path offscreen up to the library drawn with its counts; print the modules.

    python tests/perf/start_probe.py DATA_DIR

``build_app`` (what ``kquiz`` runs), then the event loop until the loader's last report is in and
the library's deck tree has painted it; then one JSON line: the names in ``sys.modules`` and the
number of decks drawn. Used by test_startup_imports.py (not timed).
"""

from __future__ import annotations

import json
import os
import sys


def main(data_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kquiz.ui.launch import build_app

    running = build_app(data_dir)
    if running is None:
        print("the data folder is locked", file=sys.stderr)
        return 2
    from PySide6.QtCore import QEvent, QObject, QTimer

    app, window = running.app, running.window
    tree = window.library.tree
    result: dict[str, object] = {}

    class Painted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not result:
                result.update(modules=sorted(sys.modules), decks=tree.topLevelItemCount())
                QTimer.singleShot(0, app.quit)
            return False

    painted = Painted()

    def reported(_data: object) -> None:
        if window.loader.busy or not tree.topLevelItemCount() or result:
            return
        tree.viewport().installEventFilter(painted)
        tree.viewport().update()

    window.loader.loaded.connect(reported)
    window.loader.counted.connect(reported)
    QTimer.singleShot(120_000, app.quit)  # never hangs a test run
    app.exec()
    running.close()
    print(json.dumps(result))
    return 0 if result else 3


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
