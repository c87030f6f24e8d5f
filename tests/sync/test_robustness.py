"""What sync engines do to a folder: half-copied and damaged files, conflict copies, files in any
order, a newer kquiz, a copied data folder, and a round killed between its segment and its install."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kquiz.app.sync import prepare_round
from kquiz.sync import DeviceClaimed
from kquiz.sync.segment import encode


def _engine_copy(src: Path, dst: Path, *, cut: int | None = None, only: str | None = None) -> list[Path]:
    """Copy every segment of src's kquiz-sync tree into dst (as an engine would); ``cut`` leaves each
    copy that many bytes short (a half-copied file), ``only`` copies just names containing it."""
    made = []
    for path in sorted(src.rglob("*.kqs")):
        if only is not None and only not in path.name:
            continue
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = path.read_bytes()
        target.write_bytes(data[: len(data) - cut] if cut else data)
        made.append(target)
    return made


def test_half_copied_and_corrupt_segments_wait_until_whole(make_device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    here, there = tmp_path / "SyncA", tmp_path / "SyncB"
    here.mkdir(), there.mkdir()
    a, b = make_device("a", folder=here), make_device("b", folder=there)
    a.answer(3)
    a.sync()
    (half,) = _engine_copy(here, there, cut=40)
    report = b.sync()
    assert report.waiting == 1 and report.received == 0 and b.log() == []
    data = (here / half.relative_to(there)).read_bytes()
    half.write_bytes(data[:-50] + bytes(b ^ 0xFF for b in data[-50:]))  # whole length, bad checksum
    assert b.sync().waiting == 1 and b.log() == []
    _engine_copy(here, there)
    report = b.sync()
    assert report.waiting == 0 and report.segments == 1 and len(b.log()) == 3
    assert b.progress() == a.progress()


def test_conflict_copies_and_temporary_names_are_ignored(make_device, shared: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    a.answer(2)
    a.sync()
    (segment,) = shared.rglob("*.kqs")
    for name in (
        segment.stem + ".sync-conflict-20260302-101010-ABCDEFG.kqs",  # Syncthing
        segment.stem + " (b's conflicted copy 2026-03-02).kqs",  # Dropbox
        segment.stem + " (conflicted copy 2026-03-02 101010).kqs",  # Nextcloud
        f".~{segment.name}.tmp~",  # kquiz's own temporary name
    ):
        shutil.copyfile(segment, segment.with_name(name))
    segment.with_name("00000009-0123456789abcdef.kqs.part").write_bytes(b"KQSYNC 1\n{")
    report = b.sync()
    assert report.segments == 1 and report.waiting == 0 and len(b.log()) == 2


def test_segments_arriving_out_of_order_and_rounds_are_idempotent(make_device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    here, there = tmp_path / "SyncA", tmp_path / "SyncB"
    here.mkdir(), there.mkdir()
    a, b = make_device("a", folder=here), make_device("b", folder=there)
    for _ in range(3):
        a.answer(1)
        a.clock.advance(minutes=1)
        a.sync()
    names = sorted(p.name for p in here.rglob("*.kqs"))
    assert len(names) == 3
    _engine_copy(here, there, only=names[2][:8])  # the newest first
    b.sync()
    _engine_copy(here, there)
    b.sync()
    assert a.log() == b.log() and a.progress() == b.progress()
    before = (b.log(), b.progress())
    assert [b.sync().received, b.sync().received] == [0, 0]
    assert (b.log(), b.progress()) == before and b.sync().sent == 0


def test_a_segment_from_a_newer_kquiz_is_skipped_with_a_message(make_device, shared: Path) -> None:  # type: ignore[no-untyped-def]
    b = make_device("b")
    name, data = encode("0123456789abcdef", 1, "", 0, [])
    newer = shared / "kquiz-sync" / "v1" / "0123456789abcdef" / name
    newer.parent.mkdir(parents=True)
    newer.write_bytes(data.replace(b"KQSYNC 1", b"KQSYNC 2", 1))
    report = b.sync()
    assert report.devices == 1 and any("newer kquiz" in m for m in report.messages)


def test_two_data_folders_with_one_device_id_are_refused(make_device, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = make_device("a")
    a.answer(1)
    a.sync()
    a.close()
    shutil.copytree(tmp_path / "a", tmp_path / "a-copy")
    a, copy = make_device("a", seed=6), make_device("a-copy")
    a.answer(1)
    copy.clock.advance(minutes=1)
    copy.answer(1)
    a.sync()
    with pytest.raises(DeviceClaimed, match="as this device"):
        copy.sync()  # it would have taken a's new segment for a crashed round of its own
    a.clock.advance(minutes=2)
    a.answer(1)
    assert a.sync().sent > 0  # the original goes on; the copy wrote nothing
    with pytest.raises(DeviceClaimed):
        copy.sync()


def test_a_round_killed_after_its_segment_loses_and_duplicates_nothing(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    a.answer(2)
    prepared = prepare_round(a.core)  # segment written ... and the process dies before installing
    assert prepared is not None and prepared.sent > 0
    a.answer(1)
    a.sync()  # the orphan segment is adopted; the next one follows it
    b.sync()
    assert len(b.log()) == 3 and a.log() == b.log()
    assert a.sync().sent == 0  # nothing is sent twice from now on
    b.sync()
    assert a.progress() == b.progress()
