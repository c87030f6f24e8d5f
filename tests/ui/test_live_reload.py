"""Live reload of deck files: the watcher on its own, then the running app with a study session.

Edits are made both in place and the way many editors save (write a temporary file, os.replace it over
the deck), and the signals are awaited, not slept on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kquiz.app import Selection
from kquiz.errors import DeckError, Problem
from kquiz.ui.deck_watcher import DeckWatcher
from kquiz.ui.reload_banner import ReloadBanner
from kquiz.ui.workers import wait_idle

from .keys import settle

TIMEOUT = 10000

DECK = """\
kquiz: 1
id: live
title: Live deck
topics:
  - {{id: t, title: Topic}}
cards:
  - id: c1
    type: basic
    topic: t
    front: "{front}"
    back: The back
  - id: c2
    type: basic
    topic: t
    front: Second card
    back: Second back
"""


def deck_text(front: str = "First question") -> str:
    return DECK.format(front=front)


BROKEN = deck_text().replace(
    "    topic: t\n    front: Second card", "    topic: nowhere\n    front: Second card"
)


def save_in_place(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def save_by_replace(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    path = folder / "live.yaml"
    path.write_text(deck_text(), encoding="utf-8")
    return path


@pytest.mark.parametrize("save", [save_in_place, save_by_replace], ids=["in-place", "rename"])
def test_watcher_reloads_reports_and_recovers(qtbot, deck_file: Path, save):
    watcher = DeckWatcher(debounce_ms=50)
    watcher.watch([deck_file])
    assert watcher.watched() == [str(deck_file)]

    with qtbot.waitSignal(watcher.deck_reloaded, timeout=TIMEOUT) as reloaded:
        save(deck_file, deck_text("Edited question"))
    assert reloaded.args[0].cards[0].front == "Edited question"

    with qtbot.waitSignal(watcher.deck_failed, timeout=TIMEOUT) as failed:
        save(deck_file, BROKEN)
    path, error = failed.args
    assert path == str(deck_file) and isinstance(error, DeckError)
    assert any((p.line, p.column) == (14, 12) and "nowhere" in p.message for p in error.problems)

    # The watch survives a rename-save: a second edit after it is still seen.
    with qtbot.waitSignal(watcher.deck_reloaded, timeout=TIMEOUT) as fixed:
        save(deck_file, deck_text("Fixed question"))
    assert fixed.args[0].cards[0].front == "Fixed question"
    with qtbot.waitSignal(watcher.deck_reloaded, timeout=TIMEOUT) as again:
        save(deck_file, deck_text("Once more"))
    assert again.args[0].cards[0].front == "Once more"
    assert watcher._watcher is not None and str(deck_file) in watcher._watcher.files()
    wait_idle()


def test_watcher_debounces_a_burst_of_writes_into_one_reload_of_the_last_content(qtbot, deck_file: Path):
    watcher = DeckWatcher(debounce_ms=300)
    watcher.watch([deck_file])
    seen: list[str] = []
    watcher.deck_reloaded.connect(lambda deck: seen.append(deck.cards[0].front))
    with qtbot.waitSignal(watcher.deck_reloaded, timeout=TIMEOUT):
        for n in range(5):
            save_in_place(deck_file, deck_text(f"Version {n}"))
    qtbot.wait(600)
    wait_idle()
    assert seen == ["Version 4"]


def test_unrelated_files_and_identical_saves_do_not_reload(qtbot, deck_file: Path):
    watcher = DeckWatcher(debounce_ms=50)
    watcher.remember(deck_file, hashlib.sha256(deck_file.read_bytes()).hexdigest())
    watcher.watch([deck_file])
    seen: list[object] = []
    watcher.deck_reloaded.connect(seen.append)
    watcher.deck_failed.connect(lambda *a: seen.append(a))
    (deck_file.parent / "notes.txt").write_text("not a deck")
    save_in_place(deck_file, deck_file.read_text())  # same content, new mtime
    qtbot.wait(500)
    wait_idle()
    qtbot.wait(50)
    assert seen == []


def test_deleted_file_is_reported_and_coming_back_reloads(qtbot, deck_file: Path):
    watcher = DeckWatcher(debounce_ms=50)
    watcher.watch([deck_file])
    with qtbot.waitSignal(watcher.deck_failed, timeout=TIMEOUT) as failed:
        deck_file.unlink()
    assert "deleted or renamed" in str(failed.args[1])
    with qtbot.waitSignal(watcher.deck_reloaded, timeout=TIMEOUT):
        deck_file.write_text(deck_text("Back again"), encoding="utf-8")
    wait_idle()


def test_banner_lists_problems_until_cleared(qtbot):
    banner = ReloadBanner()
    qtbot.addWidget(banner)
    assert banner.isHidden()
    error = DeckError([Problem("/d/x.yaml", f"bad {n}", n, 3) for n in range(1, 11)])
    banner.set_problems("/d/x.yaml", error.problems)
    assert not banner.isHidden()
    assert "⚠ x.yaml: 10 problems" in banner.title.text()
    assert "/d/x.yaml:1:3: bad 1" in banner.details.text()
    assert "… and 2 more" in banner.details.text()
    banner.clear("/d/x.yaml")
    assert banner.isHidden() and banner.problems() == {}


def _front_shown(window) -> str:
    return window.study.session.current.prompt


def test_app_keeps_studying_through_edits_broken_saves_and_fixes(qtbot, start_app, data_dir, deck_file: Path):
    running = start_app(data_dir, deck_dirs=(deck_file.parent,))
    window = running.window
    live = window.live_reload
    live.watcher._timer.setInterval(50)
    assert str(deck_file) in live.watcher.watched()

    session = window.core.start_session(Selection(deck_ids=("live",)))
    window.show_study(session)
    settle()
    first = session.current
    assert first is not None
    card_id = first.key.card_id

    def edited(text: str) -> str:
        if card_id == "c1":
            return deck_text(text)
        return deck_text().replace("front: Second card", f"front: {text}")

    # 1. A good save (editor-style rename): the open card shows its new text at once.
    with qtbot.waitSignal(live.watcher.deck_reloaded, timeout=TIMEOUT):
        save_by_replace(deck_file, edited("Rewritten while studying"))
    settle()
    assert session.current.key == first.key
    assert session.current.prompt == "Rewritten while studying"
    assert window.study.card.prompt.text() == "Rewritten while studying"
    assert window.core.deck("live").card(card_id).front == "Rewritten while studying"

    # 2. A broken save: banner with path:line:col, the last good version stays, the session goes on.
    with qtbot.waitSignal(live.watcher.deck_failed, timeout=TIMEOUT):
        save_in_place(deck_file, BROKEN)
    settle()
    assert live.banner.isVisible()
    assert f"{deck_file}:14:12: card 'c2': unknown topic 'nowhere'" in live.banner.details.text()
    assert window.core.deck("live").card(card_id).front == "Rewritten while studying"
    window.study.reveal()
    window.study.rate(3)
    assert session.summary().studied == 1  # studying went on with the last good version

    # 3. Fixed: the banner goes away and the new text is in.
    with qtbot.waitSignal(live.watcher.deck_reloaded, timeout=TIMEOUT):
        save_in_place(deck_file, deck_text("Fixed first question"))
    settle()
    assert not live.banner.isVisible()
    assert window.core.deck("live").card("c1").front == "Fixed first question"
    wait_idle()


TYPED_DECK = """\
kquiz: 1
id: typed
title: Typed deck
topics: [{{id: t, title: T}}]
cards:
  - {{id: y1, type: typed, topic: t, prompt: "{prompt}", answers: [esketamine]}}
"""


def test_a_reload_keeps_what_the_learner_was_typing(qtbot, start_app, data_dir, tmp_path: Path):
    folder = tmp_path / "typed"
    folder.mkdir()
    path = folder / "typed.yaml"
    path.write_text(TYPED_DECK.format(prompt="Name the S-enantiomer"), encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(folder,))
    window = running.window
    live = window.live_reload
    live.watcher._timer.setInterval(50)
    session = window.core.start_session(Selection(deck_ids=("typed",)))
    window.show_study(session)
    settle()
    window.study.input.edit.setText("eske")
    with qtbot.waitSignal(live.watcher.deck_reloaded, timeout=TIMEOUT):
        save_by_replace(path, TYPED_DECK.format(prompt="Name the S-enantiomer of ketamine"))
    settle()
    assert window.study.card.prompt.text() == "Name the S-enantiomer of ketamine"
    assert window.study.input.edit.text() == "eske"
    wait_idle()


def test_watcher_announces_new_deck_files_in_watched_folders_only(qtbot, tmp_path: Path, deck_file: Path):
    empty = tmp_path / "my-decks"
    empty.mkdir()
    watcher = DeckWatcher(debounce_ms=50)
    watcher.watch([deck_file], folders=[empty])
    with qtbot.waitSignal(watcher.new_files, timeout=TIMEOUT) as new:
        (empty / ".hidden.yaml").write_text("x")
        (empty / "notes.txt").write_text("x")
        (empty / "fresh.yaml").write_text(deck_text())
    assert new.args[0] == [str(empty / "fresh.yaml")]
    with qtbot.waitSignal(watcher.new_files, timeout=TIMEOUT) as second:
        (deck_file.parent / "other.yml").write_text("x")
    assert second.args[0] == [str(deck_file.parent / "other.yml")]
    wait_idle()


def test_a_deck_created_while_the_app_runs_appears_in_the_library(
    qtbot, start_app, data_dir, deck_file: Path
):
    running = start_app(data_dir, deck_dirs=(deck_file.parent,))
    window = running.window
    window.live_reload.watcher._timer.setInterval(50)
    assert window.core.library.deck_ids == ("live",)
    user_decks = window.core.paths.user_decks_dir
    user_decks.mkdir(parents=True, exist_ok=True)
    (user_decks / "mine.yaml").write_text(deck_text().replace("id: live", "id: mine"), encoding="utf-8")
    qtbot.waitUntil(lambda: "mine" in window.core.library.deck_ids, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.loader.busy, timeout=TIMEOUT)
    assert str(user_decks / "mine.yaml") in window.live_reload.watcher.watched()
    wait_idle()


def _inotify_instances() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == "anon_inode:inotify"
        except OSError:  # the listing's own descriptor, closed by now
            pass
    return count


@pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="Linux's /proc: inotify instances are counted there"
)
def test_closing_the_window_gives_its_file_watches_back(qtbot, data_dir, start_app):
    """Each file watcher holds an inotify instance and a user has 128: a closed window keeps none
    (past the limit Qt polls instead, and misses two saves within the file system's clock tick)."""
    before = _inotify_instances()
    running = start_app(data_dir)
    assert running.window.live_reload.watcher.watched()  # the sample deck is watched
    assert _inotify_instances() > before
    running.close()
    assert _inotify_instances() == before
