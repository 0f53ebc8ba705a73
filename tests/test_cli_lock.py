"""Commands that write take the workspace lock: never under an open window, never two writers.

Issue 9 item 2: ``boardapp demo --db ws.db --force`` (or ``restore``) replaced the file an open
window was writing to, and every later edit of the window was lost. Each test here has another
process hold the workspace as a window does (``workspace_holder``).
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest


def boardapp(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "boardapp", *map(str, argv)],
                          capture_output=True, text=True, timeout=300, check=False)


def action_count(path: Path) -> int:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return int(connection.execute("SELECT count(*) FROM action").fetchone()[0])


@pytest.fixture
def small_demo(tmp_path: Path) -> Path:
    path = tmp_path / "ws.db"
    result = boardapp("demo", "--db", path, "--actions", "30", "--seed", "3")
    assert result.returncode == 0, result.stderr
    return path


def test_demo_force_refuses_a_workspace_open_in_a_window(small_demo: Path, workspace_holder: Any) -> None:
    workspace_holder.start(small_demo)
    before = small_demo.stat().st_ino
    result = boardapp("demo", "--db", small_demo, "--force", "--actions", "60", "--wait", "0")
    assert result.returncode == 1
    assert result.stderr.startswith(f"boardapp: {small_demo} is in use by boardapp (window, process ")
    assert "close it there first" in result.stderr and "nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert small_demo.stat().st_ino == before and action_count(small_demo) == 30  # the file was not replaced


def test_restore_refuses_a_workspace_open_in_a_window(small_demo: Path, workspace_holder: Any,
                                                       tmp_path: Path) -> None:
    backup = tmp_path / "backup.db"
    assert boardapp("backup", "--db", small_demo, "--out", backup).returncode == 0
    assert not (tmp_path / "backup.db.lock").exists()  # the target's lock goes with the command
    workspace_holder.start(small_demo)
    result = boardapp("restore", "--db", small_demo, "--from", backup, "--wait", "0")
    assert result.returncode == 1
    assert "is in use by boardapp (window, process" in result.stderr
    assert not (small_demo.parent / "backups").exists()  # nothing was touched, not even a backup taken


def test_a_writing_command_waits_then_refuses_naming_the_holder(small_demo: Path, workspace_holder: Any,
                                                                tmp_path: Path) -> None:
    workspace_holder.start(small_demo)
    result = boardapp("new", "--db", tmp_path / "other.db", "--board", "Free Board", "--wait", "0")
    assert result.returncode == 0, result.stderr  # another workspace is not held
    result = boardapp("demo", "--db", small_demo, "--force", "--wait", "1")
    assert result.returncode == 1
    assert "(waited 1 s; --wait S waits longer)" in result.stderr
    assert action_count(small_demo) == 30


def test_a_writing_command_goes_ahead_once_the_holder_lets_go(small_demo: Path, workspace_holder: Any) -> None:
    workspace_holder.start(small_demo, purpose="import", hold_seconds=1)
    result = boardapp("demo", "--db", small_demo, "--force", "--actions", "45", "--wait", "120")
    assert result.returncode == 0, result.stderr
    assert action_count(small_demo) == 45


def test_a_killed_window_leaves_no_stale_lock(small_demo: Path, workspace_holder: Any) -> None:
    child = workspace_holder.start(small_demo)
    child.kill()  # SIGKILL: nothing of the holder's runs
    child.wait()
    assert small_demo.with_name("ws.db.lock").exists()  # the side file stays, its OS lock went with the process
    result = boardapp("demo", "--db", small_demo, "--force", "--actions", "40", "--wait", "0")
    assert result.returncode == 0, result.stderr
    assert action_count(small_demo) == 40


@pytest.mark.parametrize("wait", ["-1", "soon", "nan", "inf"])
def test_wait_must_be_a_sensible_number_of_seconds(tmp_path: Path, wait: str) -> None:
    result = boardapp("demo", "--db", tmp_path / "ws.db", "--force", "--wait", wait)
    assert result.returncode == 2
    assert "--wait" in result.stderr and "Traceback" not in result.stderr


def test_without_wait_a_writing_command_waits_ten_seconds_then_refuses(small_demo: Path, workspace_holder: Any,
                                                                       tmp_path: Path) -> None:
    """The default ``--wait`` (10 s): an import under an open window waits for it, then refuses whole."""
    import time

    tracker = tmp_path / "tracker.csv"
    tracker.write_text("Ref,Action,Owner,Due,RAG\nW1,Waited for the window,Kim Ng,31/03/2025,G\n", encoding="utf-8")
    workspace_holder.start(small_demo)
    started = time.monotonic()
    result = boardapp("import", "--db", small_demo, tracker)
    waited = time.monotonic() - started
    assert result.returncode == 1, result.stdout
    assert result.stderr.startswith(f"boardapp: {small_demo} is in use by boardapp (window, process ")
    assert "(waited 10 s; --wait S waits longer); nothing was changed" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert waited >= 10  # it did wait the whole default time (a lower bound: never a flaky upper one)
    assert action_count(small_demo) == 30
