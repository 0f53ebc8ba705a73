"""``--out`` never replaces the workspace, its -wal/-shm, a folder or a device (issue 9, item 3)."""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cli_run import boardapp, one_line_error


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", ["pack", "backup"])
@pytest.mark.parametrize("name", ["ws.db", "ws.db-wal", "ws.db-shm"])
def test_out_naming_the_workspace_or_its_companions_is_refused(
    workspace: Path, command: str, name: str
) -> None:
    with closing(sqlite3.connect(workspace)) as holder:  # an open window: the -wal and -shm exist
        holder.execute("CREATE TEMP TABLE t (x)")
        holder.execute("SELECT count(*) FROM action").fetchone()
        before = _digest(workspace)
        out = workspace.with_name(name)
        line = one_line_error(boardapp(command, "--db", workspace, "--out", out))
        assert f"cannot write {out}" in line and "workspace" in line
    assert _digest(workspace) == before
    assert boardapp("check", "--db", workspace).stdout.startswith("ok")


def test_another_name_for_the_workspace_is_refused(workspace: Path, tmp_path: Path) -> None:
    alias = tmp_path / "alias.pdf"
    alias.symlink_to(workspace)
    line = one_line_error(boardapp("pack", "--db", workspace, "--out", alias))
    assert "workspace itself" in line
    assert workspace.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize("command", ["pack", "backup"])
def test_out_naming_a_folder_is_refused(workspace: Path, tmp_path: Path, command: str) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    line = one_line_error(boardapp(command, "--db", workspace, "--out", folder))
    assert "is a folder" in line and folder.is_dir() and not list(folder.iterdir())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("command", ["pack", "backup"])
def test_out_naming_a_fifo_is_refused_and_the_fifo_stays(workspace: Path, tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    line = one_line_error(boardapp(command, "--db", workspace, "--out", fifo))
    assert "not a regular file" in line
    import stat

    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".pipe") or p.name.endswith(".partial")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_out_naming_a_device_is_refused() -> None:
    from boardapp.db.output_path import output_problem

    assert "not a regular file" in (output_problem("/dev/full") or "")
    assert "not a regular file" in (output_problem("/dev/null") or "")


def test_the_pack_still_replaces_an_existing_regular_file(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    out.write_text("last month's pack")
    result = boardapp("pack", "--db", workspace, "--out", out, "--meeting", "1", "--sections", "cover")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_a_backup_never_overwrites_an_existing_file(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.db"
    out.write_text("keep me")
    line = one_line_error(boardapp("backup", "--db", workspace, "--out", out))
    assert "already exists" in line and out.read_text() == "keep me"


def test_a_file_that_appears_during_a_backup_is_not_replaced(tmp_path: Path) -> None:
    from boardapp.db.output_path import OutputPathError, place_new_file

    finished, out = tmp_path / "b.db.partial", tmp_path / "b.db"
    finished.write_text("the new backup")
    out.write_text("appeared meanwhile")
    with pytest.raises(OutputPathError, match="already exists"):
        place_new_file(finished, out)
    assert out.read_text() == "appeared meanwhile"


def test_a_missing_folder_is_named() -> None:
    from boardapp.db.output_path import OutputPathError, check_output_path

    with pytest.raises(OutputPathError, match="does not exist"):
        check_output_path(Path("/nonexistent-folder-for-boardapp/pack.pdf"))


def _unwritable_folder(tmp_path: Path) -> Path:
    if sys.platform.startswith("linux") and os.geteuid() == 0:
        return Path("/sys")  # root may write any folder by its mode; sysfs refuses new files even to root
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize("command", ["pack", "backup"])
def test_out_into_an_unwritable_folder_names_the_path_not_a_temporary_file(
    workspace: Path, tmp_path: Path, command: str
) -> None:
    out = _unwritable_folder(tmp_path) / "out.pdf"
    line = one_line_error(boardapp(command, "--db", workspace, "--out", out, *(
        ["--meeting", "1", "--sections", "cover"] if command == "pack" else [])))
    assert f"cannot write {out}:" in line
    assert ".part" not in line and "unable to open database file" != line.split(": ", 1)[-1]
