"""html_to_text is linear in its input (issue 21: a 2.6 MB Anki text file took 40 s)."""

from __future__ import annotations

import time

import pytest

from kquiz.interop.html_text import html_to_text

HOSTILE = {
    "spaces between tags": "<b> </b>" * 40_000,
    "unclosed start tags": "<a" * 40_000,
    "unclosed comments": "<!--" * 40_000,
    "a quoted '>' then no end": '<a x=">"' * 40_000,
    "unclosed quotes": '<a b="' * 40_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markup_is_read_in_linear_time(name: str) -> None:
    started = time.perf_counter()
    text, _media = html_to_text(HOSTILE[name])
    assert time.perf_counter() - started < 3.0, name  # each was quadratic: 10 s to minutes
    assert "\x00" not in text and "\x01" not in text


def test_a_lone_angle_bracket_stays_text_and_tags_still_go() -> None:
    assert html_to_text("a < b, <b>bold</b> <!-- note --> <a href='x>y'>link</a> 1<2")[0] == (
        "a < b, bold link 1<2"
    )
    assert html_to_text("<div>one</div><div>two   three</div>")[0] == "one\ntwo three"
