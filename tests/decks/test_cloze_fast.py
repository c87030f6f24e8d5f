"""The cloze check's fast path (two regular-expression passes) says exactly what the walk says."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from kquiz.decks.cloze import _walk, cloze_issues

PIECES = ["{", "}", "{{", "}}", "c", "1", "2", "0", "::", ":", " ", "a", "\n", "c1::", "{{c1::", "{{c2::"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_fast_path_agrees_with_the_walk(text: str) -> None:
    assert cloze_issues(text) == _walk(text)


def test_a_long_run_of_unclosed_markers_is_linear() -> None:
    started = time.perf_counter()
    issues = cloze_issues("{{" * 50_000)
    assert time.perf_counter() - started < 2.0  # each '{{' searched the rest of the text: quadratic
    assert len(issues) == 50_000


def test_a_long_valid_text_is_checked_without_walking_each_marker() -> None:
    text = "word {{c1::x}} " * 6_600
    started = time.perf_counter()
    for _ in range(20):
        assert cloze_issues(text) == []
    assert time.perf_counter() - started < 2.0  # 48 ms each before
