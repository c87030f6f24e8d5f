"""Terminal control characters in deck text are printed escaped by the CLI (issue 21)."""

from __future__ import annotations

from pathlib import Path

from kquiz.cli.main import main

EVIL = 'kquiz: 1\nid: evil\ntitle: "Deck\\e]0;pwned\\a\\e[2J"\ncards: []\n'


def test_decks_and_validate_escape_control_characters(data_dir: Path, tmp_path: Path, capsys) -> None:
    (data_dir / "decks").mkdir(parents=True, exist_ok=True)
    (data_dir / "decks" / "evil.yaml").write_text(EVIL, encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "decks"]) == 0
    out = capsys.readouterr().out
    assert "Deck\\x1b]0;pwned\\x07\\x1b[2J" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(EVIL.replace("id: evil", 'id: "e\\e[31mvil"'), encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    printed = capsys.readouterr()
    assert "e\\x1b[31mvil" in printed.out
    for text in (out, printed.out, printed.err):
        assert "\x1b" not in text and "\x07" not in text
