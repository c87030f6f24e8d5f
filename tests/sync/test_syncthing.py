"""With a real engine (issue 19): two Syncthing instances on 127.0.0.1, each with its own home and its
own copy of one shared folder; answers made in data folder A reach data folder B through Syncthing
alone (and one answer goes back). Nothing is copied by the test: kquiz writes into folder A, Syncthing
carries the segments to folder B (through its own temporary names, which kquiz must skip).

Skipped when the ``syncthing`` binary is missing (Debian package syncthing), except under .ci/run
(KQUIZ_CI=1), where it is installed and a missing binary fails the test.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from syncthing_engine import Syncthing, wait_for

from kquiz.domain import Rating

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups")]


def _binary() -> str:
    binary = shutil.which("syncthing")
    if binary is None:
        if os.environ.get("KQUIZ_CI") == "1":
            pytest.fail("syncthing is not installed, but .ci/run needs it: apt-get install syncthing")
        pytest.skip("syncthing is not installed (Debian package syncthing)")
    return binary


@pytest.fixture
def engines(tmp_path: Path) -> Iterator[tuple[Syncthing, Syncthing]]:
    binary = _binary()
    a = Syncthing(binary, tmp_path / "st-a", tmp_path / "Sync-A")
    b = Syncthing(binary, tmp_path / "st-b", tmp_path / "Sync-B")
    try:
        a.configure(b)
        b.configure(a)
        # B starts once A listens, so its first dial connects (a failed dial was seen to retry ~20 s later)
        a.start()
        wait_for("A's REST API", lambda: a.rest("GET", "/rest/system/ping") is not None, [a])
        b.start()
        took = wait_for(
            "the two instances to connect", lambda: a.connected_to(b) and b.connected_to(a), [a, b]
        )
        print(f"connected after {took:.1f} s")
        yield a, b
    finally:
        a.stop()
        b.stop()
        for engine in (a, b):  # shown by pytest only when the test failed
            print(f"===== syncthing log {engine.home} =====\n{engine.log()}")


def _segments(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted((folder / "kquiz-sync").rglob("*.kqs"))
    }


def _carry(source: Syncthing, target: Syncthing, engines: tuple[Syncthing, Syncthing]) -> float:
    """Have Syncthing scan ``source`` now and wait until every segment there is whole in ``target``."""
    started = time.monotonic()
    source.scan()  # returns once the scan is done; the peer then pulls on its own
    wanted = _segments(source.folder)
    assert wanted, "kquiz wrote no segment"

    def arrived() -> bool:
        got = _segments(target.folder)
        return all(got.get(name) == data for name, data in wanted.items())

    wait_for(f"{len(wanted)} segment(s) to reach {target.folder}", arrived, list(engines))
    return time.monotonic() - started


def test_answers_travel_between_data_folders_through_syncthing(
    make_device: Callable[..., Any], engines: tuple[Syncthing, Syncthing]
) -> None:
    started = time.monotonic()
    st_a, st_b = engines
    a = make_device("a", folder=st_a.folder)
    b = make_device("b", folder=st_b.folder)
    keys = a.answer(3) + a.answer(1, Rating.AGAIN)
    assert a.sync().sent > 0
    there = _carry(st_a, st_b, engines)

    got = b.sync()
    assert got.received == 4 and got.waiting == 0 and got.messages == ()
    assert b.log() == a.log() and len(b.log()) == 4
    assert {k: b.progress()[k] for k in keys} == {k: a.progress()[k] for k in keys}

    b.clock.advance(minutes=10)
    b.answer_card(keys[-1], Rating.GOOD)  # the card A failed, answered again on B
    assert b.sync().sent > 0
    back = _carry(st_b, st_a, engines)
    assert a.sync().received == 1
    assert a.log() == b.log() and len(a.log()) == 5
    assert a.progress() == b.progress()
    print(f"A->B {there:.1f} s, B->A {back:.1f} s, test body {time.monotonic() - started:.1f} s")
