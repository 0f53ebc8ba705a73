"""``demo --force`` replaces a workspace in one rename and cleans a killed run's leftovers (issue 9, item 9)."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from cli_run import boardapp


def _actions(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM action").fetchone()[0])


def test_a_kill_at_the_rename_leaves_the_old_workspace_whole(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old code deleted the workspace, then moved the new one in: a kill between left no file."""
    from boardapp.demo import build

    before = _actions(workspace)

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # the process dies as the new file is about to take the old one's place

    monkeypatch.setattr(os, "replace", killed)
    monkeypatch.setattr(Path, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        build.build_demo(workspace, actions=7, force=True)
    monkeypatch.undo()
    assert _actions(workspace) == before  # still the old workspace, whole
    assert boardapp("check", "--db", workspace).stdout.startswith("ok")


def test_the_next_run_cleans_a_killed_runs_leftovers_but_never_the_workspaces_wal(workspace: Path) -> None:
    folder = workspace.parent
    leftovers = [folder / f"{workspace.name}.building{suffix}" for suffix in ("", "-journal", "-wal", "-shm", ".1")]
    for leftover in leftovers:
        leftover.write_bytes(b"half-built")
    result = boardapp("demo", "--db", workspace, "--actions", "9", "--force")
    assert result.returncode == 0, result.stderr
    assert not [p for p in leftovers if p.exists()]
    assert _actions(workspace) == 9
    assert boardapp("check", "--db", workspace).stdout.startswith("ok")


def test_a_hot_wal_of_the_old_workspace_is_settled_not_replayed_into_the_new_one(workspace: Path) -> None:
    """A window killed with edits still in the -wal: SQLite settles them; the new demo is not mixed with them."""
    writer = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time\n"
        f"c = sqlite3.connect({str(workspace)!r}); c.execute('PRAGMA journal_mode=WAL')\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute(\"UPDATE action SET title = 'edited in the window'\"); c.commit()\n"
        "print('written', flush=True); time.sleep(60)\n"
    )], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "written"
    os.kill(writer.pid, signal.SIGKILL)  # no clean close: the -wal keeps the edit
    writer.wait()
    writer.stdout.close()
    wal = workspace.with_name(workspace.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    result = boardapp("demo", "--db", workspace, "--actions", "11", "--force")
    assert result.returncode == 0, result.stderr
    assert _actions(workspace) == 11
    with closing(sqlite3.connect(workspace)) as conn:
        assert conn.execute("SELECT count(*) FROM action WHERE title = 'edited in the window'").fetchone()[0] == 0
    assert boardapp("check", "--db", workspace).stdout.startswith("ok")


