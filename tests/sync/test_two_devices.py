"""Two data folders over one shared folder: answers on both, merged once, the same progress after."""

from __future__ import annotations

from kquiz.domain import Rating


def test_answers_on_both_devices_meet_in_the_same_state(make_device) -> None:  # type: ignore[no-untyped-def]
    a, b = make_device("a"), make_device("b")
    assert a.device != b.device
    a.answer(3)
    b.clock.advance(minutes=5)
    b.answer(2, Rating.AGAIN)
    first = a.sync()
    assert first.sent > 0 and first.received == 0
    b.sync()
    a.sync()
    assert a.log() == b.log() and len(a.log()) == 5
    assert a.progress() == b.progress()
    again = a.sync(), b.sync()  # idempotent: nothing new, nothing changes
    assert [r.sent for r in again] == [0, 0] and a.log() == b.log() and a.progress() == b.progress()
