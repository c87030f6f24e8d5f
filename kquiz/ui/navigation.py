"""What the menus and the library ask for: sessions, dialogs and the stats window.

Keeps the main window to navigation; every action that may fail goes through the error hook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kquiz.domain import CardKey, StudyMode
from kquiz.errors import KQuizError
from kquiz.ui.errors import show_error
from kquiz.ui.workers import run_in_background

if TYPE_CHECKING:
    from kquiz.app import Selection, Settings, StudySession
    from kquiz.ui.main_window import MainWindow
    from kquiz.ui.stats.window import StatsWindow


class Navigator:
    def __init__(self, window: MainWindow):
        self.w = window
        self.session: StudySession | None = None
        self.starting = False
        self.stats_windows: list[StatsWindow] = []
        w = window
        w.library.study_requested.connect(self.study)
        w.library.custom_requested.connect(self.custom_study)
        w.library.stats_requested.connect(self.open_stats)

    def wire_session_screens(self) -> None:
        """The study and summary screens, once the window has built them (on first use)."""
        w = self.w
        w.study.left.connect(self.leave_session)
        w.summary.done.connect(w.show_library)
        w.summary.continue_requested.connect(self.continue_session)

    def start(self, selection: Selection, mode: StudyMode, what: str) -> None:
        """Build the session off the UI thread (~0.3 s for 10,000 due cards), then show it."""
        if self.starting:
            return  # Enter pressed twice: one session
        self.starting = True
        self.w.statusBar().showMessage(f"Starting {what}…")
        run_in_background(
            lambda: self.w.core.start_session(selection, StudyMode(mode)),
            lambda session: self._started(session, mode, what),
            self._start_failed,
        )

    def _start_failed(self, exc: BaseException) -> None:
        self.starting = False
        self.w.statusBar().clearMessage()
        show_error(exc, self.w)

    def _started(self, session: StudySession, mode: StudyMode, what: str) -> None:
        self.starting = False
        if session.current is None:
            hint = "" if mode == StudyMode.PRACTICE else " Practice (P) reviews it anyway."
            self.w.statusBar().showMessage(f"Nothing to study in {what} right now.{hint}", 8000)
            return
        self.session = session
        self.w.statusBar().clearMessage()
        self.w.show_study(session)

    def study(self, deck_id: str, topic: str | None, mode: StudyMode) -> None:
        from kquiz.app import Selection

        deck = self.w.library.selected_deck()
        what = deck.title if deck is not None else deck_id
        self.start(Selection(deck_ids=(deck_id,), topic=topic), mode, what)

    def custom_study(self, deck_id: str) -> None:
        from kquiz.app import Selection
        from kquiz.ui.dialogs.custom_study import CustomStudyDialog  # dialogs: imported on first use

        deck = self.w.library.selected_deck()
        dialog = CustomStudyDialog(deck.title if deck else deck_id, deck.tags if deck else (), self.w)

        def accepted() -> None:
            c = dialog.choice()
            selection = Selection(
                deck_ids=(deck_id,),
                tag=c["tag"],
                leeches=c["leeches"],
                failed_today=c["failed_today"],
                flagged=c["flagged"],
                changed=c["changed"],
            )
            self.start(selection, c["mode"], "that selection")

        dialog.accepted.connect(accepted)
        dialog.open()

    def leave_session(self) -> None:
        if self.session is not None:
            self.w.show_summary(self.session)

    def continue_session(self) -> None:
        """From the summary: resume a paused session, or study learning cards that are due again."""
        session = self.session
        if session is None:
            return
        try:
            ready = session.current is not None or session.refresh()
        except KQuizError as exc:
            show_error(exc, self.w)
            return
        if ready:
            self.w.show_study(session)
        else:
            self.w.statusBar().showMessage("Nothing is due again yet.", 6000)

    def open_settings(self) -> None:
        from kquiz.app.sync import folder, set_folder
        from kquiz.ui.dialogs.settings import SettingsDialog

        opened_with = self.w.core.settings()
        sync_was = str(folder(self.w.core) or "")

        def save(settings: Settings) -> None:
            sync_now = dialog.sync_folder.text().strip()
            if sync_now != sync_was:  # checked first: a folder that is not one keeps the dialog open
                set_folder(self.w.core, Path(sync_now) if sync_now else None)
                self.w.sync.start()
            # only the fields changed in the dialog: 'kquiz optimize' meanwhile keeps its parameters
            self.w.core.save_settings(settings, base=opened_with)
            self.w.apply_theme()
            self.w.loader.refresh()  # limits may have changed the counts

        dialog = SettingsDialog(opened_with, self.w.core.paths.data_dir, save, self.w, sync_folder=sync_was)
        dialog.open()
        self.settings_dialog = dialog

    def open_about(self) -> None:
        from kquiz.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.w.core.paths.data_dir, self.w)
        dialog.open()
        self.about_dialog = dialog

    def edit_card(self, key: CardKey) -> None:
        """A card picked in the stats window: open its deck file at its line (like E)."""
        try:
            deck = self.w.core.deck(key.deck_id)
        except KQuizError as exc:
            show_error(exc, self.w)
            return
        card = deck.card(key.card_id)
        if deck.path and card is not None:
            from kquiz.ui.editor import open_at_line

            self.w.statusBar().showMessage(open_at_line(deck.path, card.line), 8000)

    def open_stats(self, deck_id: str | None = None) -> None:
        try:
            from kquiz.ui.stats.window import StatsWindow
        except ImportError:
            self.w.statusBar().showMessage("Stats are not available in this build yet.", 6000)
            return
        try:
            window = StatsWindow(self.w.core, None, deck_id=deck_id)
        except KQuizError as exc:
            show_error(exc, self.w)
            return
        self.stats_windows = [sw for sw in self.stats_windows if sw.isVisible()] + [window]
        window.card_requested.connect(self.edit_card)
        window.show()
        window.raise_()
