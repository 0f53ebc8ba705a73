"""Four command-line-like processes × 250 edits, contending through the workspace lock's wait.

Each edit is what a writing command does: take the lock (waiting for it), write through the
services, let go. Every edit must complete (none refused after its wait) and every one must be
in the file afterwards, with ``integrity_check`` ok.
"""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

WORKERS = 4
EDITS = 250

WORKER = """
import random, sys, time
from datetime import date
from boardapp.db.access import take_workspace
from boardapp.db.engine import session_scope
from boardapp.db.workspace import open_workspace
from boardapp.services.plan.commands import create_action

path, worker, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
engine = open_workspace(path)
for i in range(edits):
    with take_workspace(path, purpose="edit", wait=30, read_only_ok=False):
        with session_scope(engine) as session:
            create_action(session=session, who=f"worker {worker}", title=f"worker {worker} edit {i}",
                          due_date=date(2025, 1, 31))
    print(i, flush=True)  # acknowledged
    time.sleep(random.uniform(0, 0.004))  # between commands: another process starts
engine.dispose()
"""


def test_four_processes_times_250_edits_all_complete_and_none_is_lost(workspace_path: Path) -> None:
    children = [subprocess.Popen([sys.executable, "-c", WORKER, str(workspace_path), str(w), str(EDITS)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for w in range(WORKERS)]
    acknowledged: dict[int, list[str]] = {}
    for worker, child in enumerate(children):
        out, err = child.communicate(timeout=900)
        assert child.returncode == 0, err[-2000:]
        acknowledged[worker] = out.split()
    assert all(len(lines) == EDITS for lines in acknowledged.values())
    with closing(sqlite3.connect(workspace_path)) as connection:
        titles = {row[0] for row in connection.execute("SELECT title FROM action")}
        refs = [row[0] for row in connection.execute("SELECT ref FROM action")]
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert titles == {f"worker {w} edit {i}" for w in range(WORKERS) for i in range(EDITS)}
    assert len(refs) == len(set(refs)) == WORKERS * EDITS
