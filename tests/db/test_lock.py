"""The workspace lock: one boardapp writes a workspace at a time, and a crash never leaves it locked."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from boardapp.db.lock import LockUnavailableError, WorkspaceLock, WorkspaceLockedError, lock_path_for

HOLD = """
import sys, time
from boardapp.db.lock import WorkspaceLock
lock = WorkspaceLock(sys.argv[1], purpose="window").acquire()
print("held", flush=True)
time.sleep(600)
"""


def _holder(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    child.stdout.close()
    assert line == "held"
    return child


def test_the_lock_is_a_side_file_and_says_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    with WorkspaceLock(path, purpose="restore") as lock:
        assert lock.held and lock_path_for(path) == tmp_path / "ws.db.lock"
        holder = lock.holder_info()
        assert holder is not None and holder.pid == os.getpid() and holder.purpose == "restore"
    assert not lock.held and WorkspaceLock(path).holder_info() is None


def test_a_second_opener_is_refused_and_told_who_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    child = _holder(path)
    try:
        with pytest.raises(WorkspaceLockedError) as caught:
            WorkspaceLock(path, purpose="demo").acquire()
        assert caught.value.holder is not None and caught.value.holder.pid == child.pid
        message = str(caught.value)
        assert str(path) in message and f"process {child.pid}" in message and "since" in message
        assert "window" in message
        # asking who holds it does not take it, nor disturb what the holder wrote
        info = WorkspaceLock(path).holder_info()
        assert info is not None and info.pid == child.pid
    finally:
        child.kill()
        child.wait()


def test_a_killed_holder_leaves_the_workspace_free(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    child = _holder(path)
    with pytest.raises(WorkspaceLockedError):
        WorkspaceLock(path).acquire()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock_path_for(path).exists()  # the side file stays; the OS lock died with its process
    lock = WorkspaceLock(path).acquire()
    assert lock.holder_info() is not None and lock.holder_info().pid == os.getpid()  # type: ignore[union-attr]
    lock.release()


def test_two_holders_in_one_process_are_refused_too(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    first = WorkspaceLock(path).acquire()
    try:
        with pytest.raises(WorkspaceLockedError):
            WorkspaceLock(path).acquire()
    finally:
        first.release()
    WorkspaceLock(path).acquire().release()


def test_waiting_for_the_lock_gives_up_after_the_timeout(tmp_path: Path) -> None:
    path = tmp_path / "ws.db"
    with WorkspaceLock(path):
        with pytest.raises(WorkspaceLockedError):
            WorkspaceLock(path).acquire(timeout=0.2)


def test_a_lock_that_cannot_be_created_says_why(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("not a folder")
    with pytest.raises(LockUnavailableError, match="cannot be locked"):
        WorkspaceLock(tmp_path / "file.txt" / "ws.db").acquire()
