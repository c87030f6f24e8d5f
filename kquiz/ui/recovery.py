"""What the app does when the progress file cannot be opened at start, and the automatic backup.

* Damaged file (truncated, garbage, integrity check failing): a dialog says so and offers the newest
  backup that passes its check — Restore / Quit / Open data folder. The damaged file is never
  written: Quit leaves it as it is; Restore first moves it aside (byte for byte) into ``backups/``.
* File from a newer kquiz: a clear message and Quit; the file is not touched.
* Any other storage problem (data folder missing and not creatable, not writable, disk full) is
  raised to the caller, which shows it through the one error hook (kquiz.ui.errors).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from kquiz.app.startup import ProblemKind, StartProblem, diagnose, restore_backup, start_backup
from kquiz.errors import StorageError

if TYPE_CHECKING:
    from kquiz.app import Core
    from kquiz.ui.launch import Running

RESTORE, QUIT, OPEN_FOLDER = "restore", "quit", "open-folder"


def _when(problem: StartProblem) -> str:
    assert problem.backup is not None
    return problem.backup.created.astimezone().strftime("%Y-%m-%d %H:%M")


def recovery_dialog(problem: StartProblem, parent: QWidget | None = None, note: str = "") -> QMessageBox:
    """The dialog for a damaged or too-new progress file (built, not shown). Each button's
    ``objectName`` is its action: ``restore``, ``quit`` or ``open-folder``."""
    box = QMessageBox(parent)
    box.setObjectName("recoveryDialog")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("kquiz — progress file")
    details = problem.message
    if problem.kind == ProblemKind.TOO_NEW:
        box.setText("Your progress file was saved by a newer version of kquiz.")
        box.setInformativeText(f"{details}\n\nInstall the newer kquiz to keep studying with it.")
    elif problem.backup is not None:
        box.setText(f"Your progress file is damaged. Restore the backup from {_when(problem)}?")
        box.setInformativeText(
            f"{details}\n\nRestoring keeps the damaged file aside in {problem.paths.backups_dir}; "
            "nothing is deleted. Answers given after that backup was made are not in it."
        )
    else:
        box.setText("Your progress file is damaged, and no usable backup was found.")
        box.setInformativeText(
            f"{details}\n\nThe damaged file was left as it is. Open the data folder to move it away "
            "(kquiz then starts with empty progress) or to put a backup in its place."
        )
    if note:
        box.setInformativeText(f"{note}\n\n{box.informativeText()}")
    box.setAccessibleName(box.text())
    if problem.kind == ProblemKind.DAMAGED and problem.backup is not None:
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName(RESTORE)
        box.setDefaultButton(restore)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName(QUIT)
    box.setEscapeButton(quit_button)
    if problem.kind == ProblemKind.DAMAGED:
        folder = box.addButton("Open data folder", QMessageBox.ButtonRole.ActionRole)
        folder.setObjectName(OPEN_FOLDER)
    return box


def ask(problem: StartProblem, note: str = "") -> str:
    """Show the dialog modally; the chosen action (``QUIT`` if closed)."""
    box = recovery_dialog(problem, note=note)
    box.exec()
    clicked = box.clickedButton()
    choice = clicked.objectName() if clicked is not None else QUIT
    box.deleteLater()
    return choice or QUIT


def open_data_folder(problem: StartProblem) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(problem.paths.data_dir)))


def start_with_recovery(
    build: Callable[..., Running | None], data_dir: str | Path | None = None, **options: Any
) -> Running | None:
    """``build(data_dir, **options)`` (kquiz.ui.launch.build_app); when it fails on a damaged or
    too-new progress file, ask the learner and, on Restore, restore the backup and build again.

    Returns what ``build`` returns, or None when the learner quits. Other storage errors (data
    folder not writable, disk full...) are raised for the caller to show through the error hook."""
    note = ""
    while True:
        try:
            return build(data_dir, **options)
        except StorageError as exc:
            problem = diagnose(exc, data_dir)
            if problem.kind == ProblemKind.UNUSABLE:
                raise
        choice = ask(problem, note)
        note = ""
        if choice == OPEN_FOLDER:
            open_data_folder(problem)  # then ask again (the learner may have moved the file away)
        elif choice == RESTORE and problem.backup is not None:
            try:
                restore_backup(problem.backup, data_dir, clock=options.get("clock"))
            except StorageError as exc:  # say so and ask again; the damaged file is still there
                note = f"The restore did not work: {exc}"
        else:
            return None


def start_auto_backup(core: Core) -> None:
    """The daily automatic backup, on a worker thread; a failure is shown by the error hook."""
    from kquiz.ui.errors import show_error
    from kquiz.ui.workers import run_in_background

    run_in_background(lambda: start_backup(core), lambda _backup: None, show_error)
