"""SIGKILL during sync rounds, on either side: while the segment is written, between the segment and
the install, inside the install's transaction, and at random moments; also with the rounds on a
worker thread (prepared and installed there, as in the app) while the owner keeps answering. After a clean exchange nothing
an acknowledged answer is lost, no answer is in two segments or merged twice, and both data folders
have the same log and progress."""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from devices import Device
from study_builders import make_deck, write_deck  # type: ignore[import-not-found]

from kquiz.sync.segment import decode

WORKER = Path(__file__).resolve().parent / "sync_crash_worker.py"
MODES = ("write", "adopt", "install", "time", "write", "adopt", "install", "time")
# then as the app runs rounds: on a worker thread beside the answers, killed inside the install, between
# the segment and the install, or at random
WORKER_MODES = ("worker-install", "worker-adopt", "worker", "worker-adopt", "worker-install", "worker")


def _run(data: Path, decks: Path, seed: int, mode: str, rng: random.Random) -> list[str]:
    """One worker until it dies (killed from inside, or here at a random moment): its output lines."""
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(data), str(decks), str(seed), mode],
        stdout=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or ()), daemon=True)
    reader.start()
    if mode in ("time", "worker"):
        deadline = time.monotonic() + 60
        while not any(line.startswith("A") for line in lines) and time.monotonic() < deadline:
            time.sleep(0.01)  # started, so the kill lands in a session or a round
        time.sleep(rng.uniform(0, 0.4))
        proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL
    reader.join(timeout=10)
    return [line.strip() for line in lines]


def _segments(shared: Path) -> dict[str, list[str]]:
    """Each review uid in the shared folder -> the segments holding it."""
    found: dict[str, list[str]] = {}
    for path in sorted(shared.rglob("*.kqs")):
        for event in decode(path.name, path.read_bytes()).events:
            if event["k"] == "review":
                found.setdefault(event["row"][0], []).append(f"{path.parent.name}/{path.name}")
    return found


def test_sigkilled_sync_rounds_lose_nothing_and_duplicate_nothing(tmp_path: Path) -> None:
    decks, shared = tmp_path / "decks", tmp_path / "Sync"
    write_deck(make_deck("alpha", 30), decks)
    shared.mkdir()
    data = [tmp_path / "a", tmp_path / "b"]
    for folder in data:
        Device(folder, decks, shared).close()  # a device id and the sync folder
    rng, acked = random.Random(19), set()
    for trial, mode in enumerate(MODES + WORKER_MODES):
        lines = _run(data[trial % 2], decks, 100 + trial, mode, rng)
        acked |= {line.split()[1] for line in lines if line.startswith("A ")}
    a, b = (Device(folder, decks, shared) for folder in data)
    try:
        for _ in range(2):
            a.sync(), b.sync()
        assert a.sync().sent == b.sync().sent == 0
        log = a.log()
        assert log == b.log() and a.progress() == b.progress()
        uids = {row[0] for row in log}
        assert acked and acked <= uids  # every acknowledged answer is there
        in_segments = _segments(shared)
        assert set(in_segments) == uids  # every answer was sent ...
        assert {u: s for u, s in in_segments.items() if len(s) > 1} == {}  # ... in one segment only
        for device in (a, b):
            for key, progress in device.core.store.all_progress().items():
                answers = [
                    r for r in log if (r[2], r[3]) == (key.deck_id, key.card_id) and r[5] == "scheduled"
                ]
                assert progress.memory.reps == len(answers), key  # no answer merged twice
        for own in shared.joinpath("kquiz-sync", "v1").iterdir():
            seqs = [int(p.name[:8]) for p in own.glob("*.kqs")]
            assert sorted(seqs) == list(range(1, len(seqs) + 1))  # one chain, no gap, no fork
            assert all(re.fullmatch(r"\d{8}-[0-9a-f]{16}\.kqs|\.~.*\.tmp~", p.name) for p in own.iterdir())
    finally:
        a.close()
        b.close()
