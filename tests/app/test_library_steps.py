"""A quick read leaves big deck files for later; ``read_next`` reads them one at a time, and the
library it ends with is the one a full read gives (issue 20: the library fills deck by deck)."""

from __future__ import annotations

from pathlib import Path

from kquiz.app.library import QUICK_BYTES, read_library, read_next


def deck_text(deck_id: str, cards: int, pad: int = 0) -> str:
    lines = ["kquiz: 1", f"id: {deck_id}", f"title: Deck {deck_id}", "topics:", "  - {id: t, title: T}"]
    lines.append("cards:")
    for n in range(cards):
        lines += [
            f"  - {{id: c{n}, type: basic, topic: t, front: Question {n} {'x' * pad}, back: Answer {n}}}"
        ]
    return "\n".join(lines) + "\n"


def big(deck_id: str) -> str:
    text = deck_text(deck_id, 2000, pad=300)
    assert len(text.encode()) > QUICK_BYTES
    return text


def test_big_files_are_read_one_at_a_time_and_end_as_a_full_read(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "a-small.yaml").write_text(deck_text("small", 3), encoding="utf-8")
    (folder / "b-big.yaml").write_text(big("big-one"), encoding="utf-8")
    (folder / "c-big.yaml").write_text(big("big-two"), encoding="utf-8")
    (folder / "d-broken.yaml").write_text("kquiz: 1\nid: [\n" + "#" * QUICK_BYTES, encoding="utf-8")
    steps = [read_library([folder], quick=True)]
    assert steps[0].deck_ids == ("small",)
    assert [p.name for p in steps[0].pending] == ["b-big.yaml", "c-big.yaml", "d-broken.yaml"]
    while steps[-1].pending:
        steps.append(read_next(steps[-1]))
    assert [s.deck_ids for s in steps] == [
        ("small",),
        ("small", "big-one"),
        ("small", "big-one", "big-two"),
        ("small", "big-one", "big-two"),
    ]
    assert [len(s.failures) for s in steps] == [0, 0, 0, 1]
    assert all(a is b for a, b in zip(steps[1].decks, steps[2].decks))  # a step keeps the decks read
    full = read_library([folder])
    assert full.deck_ids == steps[-1].deck_ids and not full.pending
    assert [str(f) for f in full.failures] == [str(f) for f in steps[-1].failures]


def test_a_big_file_with_a_taken_id_is_reported_and_the_bundled_copy_yields(tmp_path: Path) -> None:
    mine, bundled = tmp_path / "mine", tmp_path / "bundled"
    mine.mkdir()
    bundled.mkdir()
    (mine / "a-big.yaml").write_text(big("shared"), encoding="utf-8")
    (mine / "z-small.yaml").write_text(deck_text("shared", 2), encoding="utf-8")
    (bundled / "big.yaml").write_text(big("big-one"), encoding="utf-8")
    (bundled / "copy.yaml").write_text(deck_text("shared", 1), encoding="utf-8")
    library = read_library([mine, bundled], bundled=bundled, quick=True)
    while library.pending:
        library = read_next(library)
    assert library.deck_ids == ("shared", "big-one")
    assert library.deck("shared").path.endswith("z-small.yaml")  # small files are read first
    assert len(library.failures) == 1 and "already used by" in str(library.failures[0])
    assert "a-big.yaml" in str(library.failures[0]) and len(library.replaced) == 1
    assert read_library([mine, bundled], bundled=bundled).deck_ids == library.deck_ids


def test_read_next_without_pending_files_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(deck_text("a", 1), encoding="utf-8")
    library = read_library([tmp_path, tmp_path / "missing"], quick=True)
    assert read_next(library) is library and library.missing_folders == (tmp_path / "missing",)


def test_read_next_takes_more_files_while_within_its_time(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(big("one"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(big("two"), encoding="utf-8")
    library = read_library([tmp_path], quick=True)
    assert len(read_next(library).pending) == 1  # by default one file a step
    done = read_next(library, seconds=60)
    assert not done.pending and done.deck_ids == ("one", "two")
