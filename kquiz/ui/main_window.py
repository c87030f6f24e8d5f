"""The main window: navigation only (screens in a stack, menus, banners, help overlay)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kquiz import EDUCATIONAL_NOTICE
from kquiz.domain import CardKey, StudyMode
from kquiz.ui import theme
from kquiz.ui.banner import Banner
from kquiz.ui.deck_watcher import LiveReload
from kquiz.ui.dialogs.help_overlay import HelpOverlay
from kquiz.ui.dialogs.import_deck import DeckImport
from kquiz.ui.errors import guarded
from kquiz.ui.library.loader import LibraryLoader
from kquiz.ui.library.screen import LibraryScreen
from kquiz.ui.navigation import Navigator
from kquiz.ui.shortcuts import sequences
from kquiz.ui.sync_runner import SyncRunner
from kquiz.ui.ui_settings import flag
from kquiz.ui.widgets import set_text

if TYPE_CHECKING:
    from kquiz.app import Core, Settings, ShownCard, StudySession
    from kquiz.ui.library.model import LibraryData
    from kquiz.ui.study.screen import StudyScreen
    from kquiz.ui.study.summary import SummaryScreen


class MainWindow(QMainWindow):
    def __init__(self, core: Core, ui_settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle("kquiz")
        self.core, self.ui_settings = core, ui_settings
        self.library = LibraryScreen()
        self._study: StudyScreen | None = None  # the study and summary screens: built on first use
        self._summary: SummaryScreen | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.library)
        central = QWidget()
        self.banners = QVBoxLayout()
        self.banners.setContentsMargins(0, 0, 0, 0)
        self.banners.setSpacing(0)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.banners)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.help = HelpOverlay(central)
        self.loader = LibraryLoader(core, self)
        self.nav = Navigator(self)
        self.loader.started.connect(lambda: self.library.set_loading(True))
        self.loader.loaded.connect(self._library_loaded)
        self.loader.counted.connect(self._library_loaded)
        self.importer = DeckImport(self)  # File → Import… (kquiz/ui/dialogs/import_deck.py)
        self._build_menus()
        self.library.test_requested.connect(self.take_test)
        self._notice_banner()
        self.live_reload = LiveReload(self)  # reloads deck files when saved (kquiz/ui/deck_watcher.py)
        # sync rounds off the UI thread, installed here, never under a study session (kquiz/ui/sync_runner.py)
        self.sync = SyncRunner(core, self, paused=self.studying)
        self.sync.status_changed.connect(self.library.set_sync_status)
        self.sync.merged.connect(lambda _report: self.loader.refresh())
        self.statusBar().setSizeGripEnabled(False)
        geometry = ui_settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 720)

    # the study and summary screens, built on first use (not needed to draw the library) -----
    @property
    def study(self) -> StudyScreen:
        if self._study is None:
            self._build_session_screens()
        assert self._study is not None
        return self._study

    @property
    def summary(self) -> SummaryScreen:
        if self._summary is None:
            self._build_session_screens()
        assert self._summary is not None
        return self._summary

    def study_if_built(self) -> StudyScreen | None:
        return self._study

    def studying(self) -> bool:
        """The study screen is shown (False before it was ever built)."""
        return self._study is not None and self.stack.currentWidget() is self._study

    def _build_session_screens(self) -> None:
        from kquiz.ui.study.screen import StudyScreen
        from kquiz.ui.study.summary import SummaryScreen

        self._study, self._summary = StudyScreen(), SummaryScreen()
        self.stack.addWidget(self._study)
        self.stack.addWidget(self._summary)
        self._study.edit_hook = self._edit_shown  # E: a bundled deck is offered as a copy first
        self.nav.wire_session_screens()

    # menus --------------------------------------------------------------------------------
    def _action(
        self, menu: QMenu, text: str, slot: Callable[..., object], command: str | None = None
    ) -> QAction:
        """A menu action; ``command``: its keys are the table's "Anywhere" keys of that command."""
        action = QAction(text, self)
        if command:
            action.setShortcuts(sequences("Anywhere", command))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&Open folder…", self.open_folder, "open-folder")
        self._action(file, "&Import…", self.importer.choose)  # CSV/TSV, Quizlet, Anki text or package
        self._action(file, "&Reload decks", self.loader.load, "reload")
        file.addSeparator()
        self._action(file, "&Print / Export test as PDF…", self.print_test)  # kquiz/ui/test/launch.py
        file.addSeparator()
        self._action(file, "&Quit", self.close, "quit")
        study = bar.addMenu("&Study")
        self._action(
            study, "&Study selected deck", lambda: self.library.study_selection(StudyMode.SCHEDULED, True)
        )
        self._action(
            study, "&Practice selected deck", lambda: self.library.study_selection(StudyMode.PRACTICE)
        )
        self._action(study, "&Custom study…", self.library.custom_study)
        self._action(study, "Take a &test…", self.library.take_test)  # T in the library
        view = bar.addMenu("&View")
        themes = view.addMenu("&Theme")
        self.theme_group = QActionGroup(self)
        current = self._settings().theme
        for value, label in (("system", "Follow &system"), ("light", "&Light"), ("dark", "&Dark")):
            act = self._action(themes, label, lambda _=False, v=value: self.set_theme(v))
            act.setCheckable(True)
            act.setChecked(value == current)
            act.setData(value)
            self.theme_group.addAction(act)
        tools = bar.addMenu("&Tools")
        self._action(tools, "&Browse cards", self.open_browser, "browse")
        self._action(tools, "S&tats", lambda: self.nav.open_stats(self.library.selected()[0]), "stats")
        self._action(tools, "Se&ttings…", self.nav.open_settings, "settings")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.help.toggle, "help")
        self._action(help_menu, "&About kquiz", self.nav.open_about)

    def _notice_banner(self) -> None:
        if flag(self.ui_settings, "notice/dismissed"):
            return
        self.notice = Banner(EDUCATIONAL_NOTICE, "Educational notice", self)
        self.notice.dismissed.connect(lambda: self.ui_settings.setValue("notice/dismissed", True))
        self.add_banner(self.notice)

    def add_banner(self, widget: QWidget) -> None:
        """Banners (notice, deck changed on disk, …) stack above the screens."""
        self.banners.addWidget(widget)

    # screens ------------------------------------------------------------------------------
    def show_library(self) -> None:
        self.setWindowTitle("kquiz")
        self.stack.setCurrentWidget(self.library)
        # the counts drawn last at once; fresh ones are counted off the UI thread and redrawn
        self.library.set_data(self.loader.data, "" if self.loader.busy else self._empty_hint())
        self.library.focus_tree()
        self.loader.refresh()

    def _library_loaded(self, data: LibraryData) -> None:
        if not self.sync.started and not self.loader.busy:
            self.sync.start()  # the first round once the decks are known (renamed cards map by was:)
        self.library.set_loading(self.loader.busy)  # busy: a quick first pass, big deck files follow
        self.library.set_data(data, self._empty_hint())
        if self.stack.currentWidget() is self.library:
            self.library.focus_tree()
        said: set[str] = getattr(self, "_renames_said", set())
        notes = [*getattr(self.core, "rename_report", []), *getattr(self.core.library, "replaced", ())]
        news = [m for m in notes if m not in said]
        if news:  # renamed cards (was:) and bundled decks replaced by a copy: said once
            self._renames_said = said | set(news)
            self.statusBar().showMessage(" ".join(news), 15000)

    def _empty_hint(self) -> str:
        return (
            f"No decks yet. Put .yaml decks in {self.core.paths.user_decks_dir}, "
            "or choose File → Open folder… (Ctrl+O)."
        )

    def show_study(self, session: StudySession) -> None:
        self.setWindowTitle("Studying — kquiz" if session.mode != StudyMode.PRACTICE else "Practice — kquiz")
        self.stack.setCurrentWidget(self.study)
        self.study.setFocus(Qt.FocusReason.OtherFocusReason)
        self.study.start(session)  # after: a typed first card puts the focus in its answer field

    def show_summary(self, session: StudySession) -> None:
        from kquiz.app import LEARN_AHEAD

        finished = session.current is None
        practice = session.mode == StudyMode.PRACTICE
        self.core.checkpoint()  # the session's answers into the main progress file, not just the -wal
        QTimer.singleShot(0, self.sync.resume)  # a round after each session
        self.stack.setCurrentWidget(self.summary)
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        with guarded(self):
            notices = tuple(str(e) for e in session.events)
            learning_due = session.next_learning_due
            self.summary.show_summary(session.summary(), finished, practice, notices, learning_due)
            wait = None if finished and learning_due is None else 0  # paused: Continue resumes
            if finished and learning_due is not None:  # the session takes them LEARN_AHEAD early
                wait = int((learning_due - LEARN_AHEAD - self.core.clock.now()).total_seconds() * 1000)
            self.summary.offer_continue(wait, primary=finished)

    # actions ------------------------------------------------------------------------------
    def _settings(self) -> Settings:
        return self.core.settings()

    def apply_theme(self) -> None:
        s = self._settings()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, s.theme, s.font_size)
        for act in self.theme_group.actions():
            act.setChecked(act.data() == s.theme)

    def set_theme(self, value: str) -> None:
        with guarded(self):
            self.core.save_settings(self._settings().with_changes(theme=value))
        self.apply_theme()

    def take_test(self, deck_id: str | None = None, topic_id: str | None = None) -> None:
        """Study → Take a test… (T): the test dialog on the selection, then the test window."""
        from kquiz.ui.test.launch import take_test

        take_test(self, deck_id, topic_id)

    def print_test(self) -> None:
        """File → Print / Export test as PDF…: the test dialog with paper options, then a PDF."""
        from kquiz.ui.test.launch import print_test

        print_test(self, *self.library.selected())

    def open_browser(self) -> None:
        """Tools → Browse (Ctrl+B): the card browser, on the deck or topic selected in the library."""
        from kquiz.ui.browser.window import BrowserWindow, scope_query

        browser = getattr(self, "browser", None)
        if browser is None or not browser.isVisible():
            browser = BrowserWindow(self.core, self.ui_settings, scope_query(*self.library.selected()))
            browser.changed.connect(self._cards_changed)
            browser.study_requested.connect(self._study_cards)
            browser.copied.connect(self.loader.load)  # a bundled deck copied to edit it
            self.browser = browser
        browser.show()
        browser.raise_()
        browser.activateWindow()

    def _edit_shown(self, shown: ShownCard) -> bool:
        """E on a card of a bundled deck: offer a copy to edit (True); other decks: the screen's own E."""
        from kquiz.app.bundled import is_bundled
        from kquiz.ui.edit_card import edit_card

        if not is_bundled(shown.deck_path):
            return False
        self.edit_question = edit_card(
            self,
            self.core,
            shown.key.deck_id,
            shown.deck_path,
            int(shown.line or 0),
            report=lambda text: set_text(self.study.status, text),
            copied=self.loader.load,
        )
        return True

    def _cards_changed(self, keys: list[CardKey]) -> None:
        """The browser changed progress: recount the library; an open session reads those cards again."""
        self.loader.refresh()
        if self.nav.session is not None:
            with guarded(self):
                self.nav.session.reread(keys)

    def _study_cards(self, keys: list[CardKey], mode: StudyMode) -> None:
        """The browser's "study the selection now": a custom session of those cards, here."""
        from kquiz.app import Selection

        self.raise_()
        self.activateWindow()
        n = len(keys)
        self.nav.start(Selection(keys=tuple(keys)), mode, f"the {n} selected card{'s' if n != 1 else ''}")

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of decks", str(Path.home()))
        if folder:
            self.loader.add_folder(Path(folder))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.stop()  # no new background work on a core about to close
        self.sync.stop()
        self.live_reload.watcher.stop()
        if getattr(self, "browser", None) is not None:
            self.browser.close()  # its rows and actions use the core
        self.ui_settings.setValue("window/geometry", self.saveGeometry())
        self.ui_settings.sync()
        super().closeEvent(event)

    def bring_to_front(self) -> None:
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage("kquiz is already open here.", 4000)
