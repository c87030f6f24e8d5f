"""Live reload under load: deck files saved again and again while the library loader reads them and a
study session answers cards, with the owner-thread checks on (tests/conftest.py).

Each round starts a library load, saves both deck files (in place or by rename, so the watcher fires),
installs a reloaded deck through the live-reload path while the loader is still busy (sometimes an
older copy than the file on disk), and answers a card. Whatever the interleaving, the end state is
checked: no error, the library equal to the files on disk, every answer in the store.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kquiz.app import Selection, Settings
from kquiz.app.authoring import reload_deck
from kquiz.domain import Rating
from kquiz.ui.errors import shown_messages

from .keys import settle

ROUNDS = 24
CARDS = 40


def deck_text(deck_id: str, version: int, cards: int) -> str:
    lines = [f"kquiz: 1\nid: {deck_id}\ntitle: Deck {deck_id}\ntopics:\n  - {{id: t, title: Topic}}\ncards:"]
    for i in range(cards):
        lines.append(
            f"  - id: c{i}\n    type: basic\n    topic: t\n"
            f'    front: "Question {i} (v{version})"\n    back: Answer {i}'
        )
    return "\n".join(lines) + "\n"


def save(path: Path, text: str, by_rename: bool) -> None:
    if by_rename:
        tmp = path.with_name(f".{path.name}.swp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        path.write_text(text, encoding="utf-8")


def on_disk(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_reloads_during_library_loads_and_answers_stay_consistent(qtbot, start_app, data_dir, tmp_path):
    folder = tmp_path / "decks"
    folder.mkdir()
    live, study_file = folder / "live.yaml", folder / "study.yaml"
    live.write_text(deck_text("live", 0, 5), encoding="utf-8")
    study_file.write_text(deck_text("study", 0, CARDS), encoding="utf-8")
    messages = len(shown_messages())

    running = start_app(data_dir, deck_dirs=(folder,))
    window, core = running.window, running.core
    assert core._check_threads and core.store.check_owner
    window.live_reload.watcher._timer.setInterval(15)
    core.save_settings(Settings(new_per_day=999, reviews_per_day=999))
    session = core.start_session(Selection(deck_ids=("study",)))
    window.show_study(session)

    answered, queued = [], 0
    for i in range(1, ROUNDS + 1):
        window.loader.load()
        assert window.loader.busy
        save(live, deck_text("live", i, 5), by_rename=i % 2 == 0)
        stale = reload_deck(live)  # what the watcher's worker reads after this save
        save(study_file, deck_text("study", i, CARDS), by_rename=i % 3 == 0)
        if i % 4 == 0:  # the file moves on again: the deck below is now older than the disk
            save(live, deck_text("live", i * 100, 5), by_rename=False)
        window.live_reload._reloaded(stale)  # the loader is busy: it waits for the load
        queued += len(window.live_reload._waiting)
        shown = session.current
        assert shown is not None
        window.study.reveal()  # the study screen's actions: the session writes on the UI thread
        window.study.rate(int(Rating.GOOD))
        answered.append(shown.key)
        qtbot.wait(5 + (i % 5) * 12)  # vary where the next round lands in the load and the reloads

    def idle() -> bool:
        watcher = window.live_reload.watcher
        return not (window.loader.busy or window.loader.counting or watcher._pending or watcher._running)

    def consistent() -> bool:
        settle(1)
        decks = {d.id: d for d in core.library.decks}
        return idle() and all(
            decks[name].content_hash == on_disk(path)
            for name, path in (("live", live), ("study", study_file))
        )

    qtbot.waitUntil(consistent, timeout=10000)
    assert queued >= ROUNDS  # every round went through the wait-for-the-loader path
    assert shown_messages()[messages:] == []  # no error dialog (an assertion in a worker would show one)
    assert core.library.failures == ()
    assert core.deck("live").cards[0].front == f"Question 0 (v{ROUNDS * 100})"
    assert session.current is not None and session.current.card.front.endswith(f"(v{ROUNDS})")
    logged = [r.key for r in core.store.iter_reviews()]
    assert logged == answered and len(set(answered)) == ROUNDS
