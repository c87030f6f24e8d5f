"""The authoring commands as a person types them: kquiz new / schema / import / export-anki."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kquiz.cli.main import main
from kquiz.decks import SCHEMA_PATH, load_deck, schema
from kquiz.domain import CardType


def test_new_writes_a_valid_starter_deck_with_every_card_type_and_comments(tmp_path: Path, capsys):
    out = tmp_path / "my_deck.yaml"
    assert main(["new", str(out), "--title", 'Ketamine: "first" deck']) == 0
    deck = load_deck(out)
    assert deck.id == "my-deck" and deck.title == 'Ketamine: "first" deck'
    assert sorted({c.type for c in deck.cards}) == sorted(CardType)  # an occlusion: a card per region
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={Path(SCHEMA_PATH).resolve()}"
    jsonschema.validate(yaml.safe_load(text), schema())
    for field in (
        "front:",
        "back:",
        "text:",
        "prompt:",
        "choices:",
        "statement:",
        "answers:",
        "explanation:",
        "note:",
        "source:",
        "tags:",
        "image:",
    ):
        line = next(line for line in text.splitlines() if line.lstrip().lstrip("# ").startswith(field))
        assert line.strip(), field
    assert text.count("  # ") >= 6  # a comment above each card type
    assert "kquiz validate my_deck.yaml" in text
    assert "Wrote" in capsys.readouterr().out


def test_new_refuses_to_overwrite_and_checks_its_arguments(tmp_path: Path, capsys):
    out = tmp_path / "deck.yaml"
    out.write_text("mine\n")
    assert main(["new", str(out), "--title", "T"]) == 1
    assert out.read_text() == "mine\n"
    assert "never overwrites" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "deck.txt"), "--title", "T"]) == 1
    assert main(["new", str(tmp_path / "x.yaml"), "--title", "T", "--id", "Not Valid"]) == 1
    assert (
        main(
            [
                "new",
                str(tmp_path / "y.yaml"),
                "--title",
                "T",
                "--id",
                "custom-id",
                "--schema",
                "https://example.org/deck.schema.json",
            ]
        )
        == 0
    )
    text = (tmp_path / "y.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=https://example.org/deck.schema.json\n")
    assert load_deck(tmp_path / "y.yaml").id == "custom-id"
    with pytest.raises(SystemExit) as info:
        main(["new", str(tmp_path / "z.yaml")])
    assert info.value.code == 2


def test_schema_prints_writes_and_locates_the_schema(tmp_path: Path, capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == schema()
    jsonschema.Draft202012Validator.check_schema(printed)
    out = tmp_path / "deck.schema.json"
    assert main(["schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text()) == schema()
    assert main(["schema", "--path"]) == 0
    assert Path(capsys.readouterr().out.strip()) == Path(SCHEMA_PATH).resolve()


def test_import_exit_codes_and_messages(tmp_path: Path, capsys):
    good = tmp_path / "good.csv"
    good.write_text("front,back\nq,a\n")
    assert main(["import", str(good), "--out", str(tmp_path / "good.yaml")]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 card(s)" in out and "delimiter comma" in out
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("front,back\nq,a\nbroken\n")
    assert main(["import", str(mixed), "-o", str(tmp_path / "mixed.yaml")]) == 1
    captured = capsys.readouterr()
    assert f"skipped: {mixed}:3:1: only one column" in captured.err
    assert "1 row(s) skipped" in captured.out
    assert load_deck(tmp_path / "mixed.yaml").cards[0].front == "q"
    # Re-import needs --force; Quizlet separators are typed with escapes.
    assert main(["import", str(mixed), "-o", str(tmp_path / "mixed.yaml")]) == 1
    assert "already exists" in capsys.readouterr().err
    quizlet = tmp_path / "q.txt"
    quizlet.write_text("a - b\n\nc - d\n")
    assert (
        main(
            [
                "import",
                str(quizlet),
                "-o",
                str(tmp_path / "q.yaml"),
                "--term-sep",
                " - ",
                "--row-sep",
                "\\n\\n",
                "--title",
                "Q deck",
                "--deck-id",
                "q-deck",
            ]
        )
        == 0
    )
    deck = load_deck(tmp_path / "q.yaml")
    assert (deck.id, deck.title, [c.back for c in deck.cards]) == ("q-deck", "Q deck", ["b", "d"])
    tsv = tmp_path / "t.dat"
    tsv.write_text("x;y\n")
    assert (
        main(
            [
                "import",
                str(tsv),
                "-o",
                str(tmp_path / "t.yaml"),
                "--format",
                "csv",
                "--delimiter",
                ";",
                "--no-header",
            ]
        )
        == 0
    )
    assert (
        main(["import", str(tsv), "-o", str(tmp_path / "u.yaml"), "--format", "tsv", "--delimiter", "tab"])
        == 1
    )  # one column with a tab delimiter: nothing usable
    assert "nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "u.yaml").exists()


def test_export_anki_command(tmp_path: Path, capsys):
    deck = tmp_path / "d.yaml"
    assert main(["new", str(deck), "--title", "D"]) == 0
    out = tmp_path / "d.apkg"
    assert main(["export-anki", str(deck), str(out)]) == 0
    assert out.stat().st_size > 0
    assert "8 note(s) in 2 Anki deck(s), 1 image(s)" in capsys.readouterr().out
    assert main(["export-anki", str(deck), str(tmp_path / "d.zip")]) == 1
    assert main(["export-anki", str(tmp_path / "missing.yaml"), str(out)]) == 1
    assert "no such file" in capsys.readouterr().err
    broken = tmp_path / "broken.yaml"
    broken.write_text("kquiz: 1\nid: b\ntitle: B\ncards:\n  - {id: x, type: basic, topic: nope, front: f}\n")
    assert main(["export-anki", str(broken), str(tmp_path / "b.apkg")]) == 1
    assert "broken.yaml:5" in capsys.readouterr().err
    assert not (tmp_path / "b.apkg").exists()
