"""Deck text in tooltips is shown as plain text, never rendered as HTML (issue 21)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem

from kquiz.ui.plain import plain_tip


def test_a_failed_deck_row_tooltip_shows_its_markup_literally(data_dir, start_app, tmp_path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "bad.yaml").write_text(
        "kquiz: 1\nid: \"<b>x</b><img src='http://127.0.0.1:1/t.png'>\"\ntitle: T\ncards: []\n",
        encoding="utf-8",
    )
    running = start_app(data_dir, deck_dirs=(folder,))
    tree = running.window.library.tree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    failed = next(r for r in rows if r is not None and r.text(0).startswith("Could not load"))
    items: list[QTreeWidgetItem] = [failed, *(failed.child(j) for j in range(failed.childCount()))]
    for item in items:
        tip = item.toolTip(0)
        assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in tip and "<img" not in tip and "<b>" not in tip


def test_plain_tip_keeps_spaces_and_lines() -> None:
    tip = plain_tip("a <i>b</i>\n    ^")
    assert "&lt;i&gt;" in tip and "<br>" in tip and "\xa0\xa0\xa0\xa0^" in tip
