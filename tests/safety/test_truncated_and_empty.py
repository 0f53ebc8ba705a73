"""``check`` finds a truncated file; a 0-byte or non-SQLite file is never taken for a new workspace
(issue 9, items 7 and 8)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from cli_run import boardapp, one_line_error


def _checkpointed(workspace: Path) -> Path:
    with closing(sqlite3.connect(workspace)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    return workspace


def test_check_of_a_healthy_workspace_says_ok_with_what_it_ran(workspace: Path) -> None:
    result = boardapp("check", "--db", workspace)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "ok (integrity_check, schema 0002)"


@pytest.mark.parametrize("missing", [1, 4096], ids=["last byte", "last page"])
def test_a_truncated_copy_fails_check(workspace: Path, tmp_path: Path, missing: int) -> None:
    data = _checkpointed(workspace).read_bytes()
    copy = tmp_path / "short.db"
    copy.write_bytes(data[:-missing])
    line = one_line_error(boardapp("check", "--db", copy))
    assert str(copy) in line and "truncated" in line
    assert copy.read_bytes() == data[:-missing]  # check never writes


def test_a_truncated_workspace_is_not_opened(workspace: Path, tmp_path: Path) -> None:
    copy = tmp_path / "short.db"
    copy.write_bytes(_checkpointed(workspace).read_bytes()[:-1])
    line = one_line_error(boardapp("pack", "--db", copy, "--out", tmp_path / "p.pdf"))
    assert "truncated" in line and not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("content", [b"", b"minutes of the last meeting\n"], ids=["empty", "text"])
@pytest.mark.parametrize("command", ["check", "pack", "readiness", "smoke"])
def test_an_empty_or_foreign_file_is_refused_and_left_alone(tmp_path: Path, content: bytes, command: str) -> None:
    path = tmp_path / "ws.db"
    path.write_bytes(content)
    argv = {"check": ["check", "--db", path], "pack": ["pack", "--db", path, "--out", tmp_path / "p.pdf"],
            "readiness": ["readiness", "--db", path], "smoke": ["--db", path, "--smoke"]}[command]
    result = boardapp(*argv)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "propagateSizeHints" not in line]  # Qt's offscreen note
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "not a boardapp workspace" in errors[0]
    assert ("empty" in errors[0].split(str(path))[-1]) == (content == b"")
    assert path.read_bytes() == content  # no schema written into it
    assert not (tmp_path / "p.pdf").exists()


def test_new_and_demo_still_create_a_workspace(tmp_path: Path) -> None:
    assert boardapp("new", "--db", tmp_path / "own.db", "--board", "Test Board").returncode == 0
    assert boardapp("check", "--db", tmp_path / "own.db").stdout.startswith("ok (")
