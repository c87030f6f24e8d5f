"""The CLI's plumbing: a closed pipe ends quietly, --data-dir is passed to the core (not through the
environment, which stays the fallback), and the log file in the data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kquiz.app import open_core
from kquiz.app.logs import BACKUPS, MAX_BYTES, log_file, logger, setup_logging
from kquiz.cli import cmd_schema
from kquiz.cli.main import EXIT_BROKEN_PIPE, main

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _log_handlers_restored() -> Iterator[None]:
    """setup_logging changes the process-wide ``kquiz`` logger: put it back after each test."""
    before = list(logger.handlers)
    yield
    for handler in [h for h in logger.handlers if h not in before]:
        logger.removeHandler(handler)
        handler.close()
    for handler in before:
        if handler not in logger.handlers:
            logger.addHandler(handler)


def _kquiz(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kquiz", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )


@pytest.mark.parametrize(
    "args",
    [("stats",), ("decks",), ("schema",), ("validate", "decks", "--format", "json"), ("cards",)],
)
def test_output_into_a_closed_pipe_ends_quietly(data_dir: Path, args: tuple[str, ...]) -> None:
    """The reader is gone before the first write (``kquiz … | head -0``): exit 141, no traceback."""
    proc = _kquiz(data_dir, *args)
    assert proc.stdout is not None
    proc.stdout.close()
    _out, err = proc.communicate(timeout=120)
    assert err.decode() == ""
    assert proc.returncode == EXIT_BROKEN_PIPE


def test_reader_that_stops_after_one_line_like_head(data_dir: Path) -> None:
    """``kquiz cards --json | head -1``: 170 KB, more than a pipe holds, so the writer is cut off."""
    proc = _kquiz(data_dir, "cards", "--json")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip()
    proc.stdout.close()
    _out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err.decode() and err.decode() == ""
    assert proc.returncode == EXIT_BROKEN_PIPE


def test_data_dir_option_is_passed_to_the_core_and_the_environment_is_the_fallback(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    for folder in (data_dir, other):
        open_core(folder).close()
    env_before = dict(os.environ)
    assert main(["--data-dir", str(other), "backup"]) == 0
    assert os.environ == env_before  # nothing passed through the environment
    assert [p.name for p in (other / "backups").iterdir()] and not (data_dir / "backups").exists()
    assert main(["backup"]) == 0  # no option: $KQUIZ_DATA_DIR (set by the data_dir fixture)
    assert len(list((data_dir / "backups").iterdir())) == 1
    capsys.readouterr()
    assert main(["--data-dir", str(other), "backup", "--list"]) == 0
    [listed] = capsys.readouterr().out.splitlines()
    assert listed.split()[-2] == next((other / "backups").iterdir()).name


def test_relative_data_dir_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KQUIZ_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["--data-dir", "rel", "decks", "--json"]) == 0
    assert (tmp_path / "rel" / "progress.sqlite3").is_file()


def test_an_unexpected_cli_error_is_logged_and_still_raised(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cmd_schema, "run", broken)
    with pytest.raises(ZeroDivisionError):
        main(["--data-dir", str(data_dir), "schema"])
    text = (data_dir / "kquiz.log").read_text(encoding="utf-8")
    assert "kquiz schema failed unexpectedly" in text and "ZeroDivisionError: a bug" in text
    assert "Traceback (most recent call last):" in text


def test_log_rotates_and_a_missing_folder_is_not_created(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    assert setup_logging(folder) == folder / "kquiz.log" == log_file()
    for _ in range(4 * MAX_BYTES // 1000):
        logger.warning("x" * 1000)
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["kquiz.log", *(f"kquiz.log.{n}" for n in range(1, BACKUPS + 1))]
    assert all(p.stat().st_size <= MAX_BYTES for p in folder.iterdir())
    missing = tmp_path / "never-made"
    assert setup_logging(missing) is None and not missing.exists()


def test_unwritable_data_folder_falls_back_to_stderr_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    assert setup_logging(a_file) is None and log_file() is None
    logger.error("seen on stderr")
    err = capsys.readouterr().err
    assert "seen on stderr" in err and "Logging error" not in err
