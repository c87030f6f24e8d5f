"""Settings: limits, retention, learning steps, theme, font size, rollover hour, data and sync folders.

The dialog builds a new Settings value; ``save`` (Core.save_settings) validates it. A
rejected value is shown by the error hook and the dialog stays open with the input kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kquiz.errors import KQuizError
from kquiz.ui.dialogs.steps import format_steps, parse_steps
from kquiz.ui.errors import show_error
from kquiz.ui.widgets import button

if TYPE_CHECKING:
    from kquiz.app import Settings

THEMES = (("system", "Follow system"), ("light", "Light"), ("dark", "Dark"))


def _spin(lo: int, hi: int, value: int, suffix: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(lo, hi)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        data_dir: Path,
        save: Callable[[Settings], None],
        parent: QWidget | None = None,
        *,
        sync_folder: str = "",
    ):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.settings, self.save, self.data_dir = settings, save, data_dir
        sched = settings.scheduling
        self.new_limit = _spin(0, 9999, settings.new_per_day, " cards")
        self.review_limit = _spin(0, 99999, settings.reviews_per_day, " cards")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setValue(sched.desired_retention)
        self.steps = QLineEdit(format_steps(sched.learning_steps))
        self.steps.setPlaceholderText("e.g. 1m 10m")
        self.theme = QComboBox()
        for value, name in THEMES:
            self.theme.addItem(name, value)
        self.theme.setCurrentIndex(
            max(0, [v for v, _ in THEMES].index(settings.theme) if settings.theme in dict(THEMES) else 0)
        )
        self.font_size = _spin(8, 40, settings.font_size, " pt")
        self.rollover = _spin(0, 23, settings.rollover_hour, ":00")
        bury_text = "Answering a card buries its siblings (same group) until the next day"
        self.bury_siblings = QCheckBox(bury_text)
        self.bury_siblings.setAccessibleName(bury_text)
        self.bury_siblings.setChecked(settings.bury_siblings)
        self.folder = QLineEdit(str(data_dir))
        self.folder.setReadOnly(True)
        self.open_folder = button("Open folder", self)
        self.open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_dir))))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.open_folder)

        self.sync_folder = QLineEdit(sync_folder)
        self.sync_folder.setPlaceholderText("A folder Syncthing, Nextcloud or Dropbox syncs (empty: off)")
        self.sync_folder.setAccessibleName("Sync folder")
        self.choose_sync = button("Choose…", self)
        self.choose_sync.clicked.connect(self._choose_sync_folder)
        sync_row = QHBoxLayout()
        sync_row.addWidget(self.sync_folder, 1)
        sync_row.addWidget(self.choose_sync)

        form = QFormLayout()
        form.setSpacing(10)
        rows = (
            ("New cards per day", self.new_limit),
            ("Reviews per day", self.review_limit),
            ("Desired retention", self.retention),
            ("Learning steps", self.steps),
            ("Theme", self.theme),
            ("Card font size", self.font_size),
            ("New study day starts at", self.rollover),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text)
            form.addRow(label, widget)
        form.addRow(self.bury_siblings)
        self.folder.setAccessibleName("Data folder")
        form.addRow(QLabel("Data folder"), folder_row)
        sync_label = QLabel("S&ync folder")  # Alt+Y
        sync_label.setBuddy(self.sync_folder)
        form.addRow(sync_label, sync_row)
        help_text = QLabel(
            "Desired retention: the chance you still remember a card when it comes due "
            "(0.70–0.99). Higher means more reviews."
        )
        help_text.setObjectName("muted")
        help_text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for b in buttons.buttons():
            b.setAccessibleName(b.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        layout.addLayout(form)
        layout.addWidget(help_text)
        layout.addWidget(buttons)
        # Tab follows the screen: each folder field, then its button, then Save and Cancel (the
        # buttons, made with a parent before the fields were, would otherwise come last)
        chain = (self.rollover, self.bury_siblings, self.folder, self.open_folder, self.sync_folder)
        for first, then in zip(
            (*chain, self.choose_sync), (*chain[1:], self.choose_sync, *buttons.buttons())
        ):
            QWidget.setTabOrder(first, then)
        self.setMinimumWidth(520)

    def _choose_sync_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Sync folder", self.sync_folder.text())
        if chosen:
            self.sync_folder.setText(chosen)

    def new_settings(self) -> Settings:
        """The edited Settings (raises SettingsError for text it cannot read)."""
        sched = dataclasses.replace(
            self.settings.scheduling,
            desired_retention=round(self.retention.value(), 2),
            learning_steps=parse_steps(self.steps.text()),
        )
        return dataclasses.replace(
            self.settings,
            scheduling=sched,
            new_per_day=self.new_limit.value(),
            reviews_per_day=self.review_limit.value(),
            theme=self.theme.currentData(),
            font_size=self.font_size.value(),
            rollover_hour=self.rollover.value(),
            bury_siblings=self.bury_siblings.isChecked(),
        )

    def accept(self) -> None:
        try:
            self.save(self.new_settings())
        except KQuizError as exc:
            show_error(exc, self)
            return
        super().accept()
