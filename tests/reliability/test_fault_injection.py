"""Fault injection: writes that fail part-way (a full disk, an I/O error) at many points of a save and an import.

A zygote (``fault_zygote.py``: a fresh interpreter with the app imported, no threads) forks one child
per run under ``RLIMIT_FSIZE = n``: every write that would make a file larger than n bytes fails, which
SQLite sees as a write cut short (a disk I/O error, or SQLITE_FULL). No mount, no privileges.

For each operation the sweep first finds the smallest n it needs (a bisection over the file growth of
a successful run), then runs it at ~30 limits spread from 0 to that size, so the failure lands at
opening, at the lock, in the backup before an import, in the write-ahead log part-way through the
transaction and at its commit. Every time: either it succeeded and the data is all there, or the
child printed the app's one-line disk message naming the file (never a traceback or a raw SQLite
text) and the data is exactly as before; and ``integrity_check`` is ok.
"""
from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from boardapp.cli import main as cli_main
from boardapp.config import HOME_ENV

ZYGOTE = Path(__file__).with_name("fault_zygote.py")
#: Limits tried per operation, spread over the bytes the operation needs.
SWEEP = 30
TABLES = ("action", "person", "actionupdate", "auditentry")
RAW = ("Traceback", "OperationalError", "sqlite3", "disk I/O error", "File too large", "Errno")


class Zygote:
    def __init__(self, home: Path) -> None:
        """``home``: the runs' BOARDAPP_HOME (their automatic backups and logs), never the user's own.

        A module-scoped zygote starts before the per-test data folder is set, so it is given its own."""
        self.home = home
        self.process = subprocess.Popen([sys.executable, str(ZYGOTE)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env={**os.environ, HOME_ENV: str(home)})
        first = self._line()
        if first != "zygote":
            self.close()
            pytest.fail(f"the zygote did not start (said {first!r}; its stderr is above)")

    def _line(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def run(self, limit: int | None, **request: Any) -> tuple[int, str]:
        """The child's exit code and its stdout and stderr (one pipe)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"limit": limit, **request}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._line())
        status = answer["status"]
        assert status & 0x7F == 0, f"the child was killed by signal {status & 0x7F}:\n{answer['output']}"
        return status >> 8, answer["output"]

    def close(self) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def zygote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Zygote]:
    started = Zygote(tmp_path_factory.mktemp("zygote-home"))
    yield started
    started.close()


def _tracker(path: Path, prefix: str, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Ref", "Action", "Owner", "Due", "RAG", "Progress update"])
        for i in range(1, rows + 1):
            writer.writerow([f"{prefix}{i}", f"Audit of case file sample {i} for the front door",
                             f"Owner {prefix} {i % 7}", "31/03/2025", "GAR"[i % 3],
                             f"Sample {i} audited; findings shared with the team managers."])
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, zygote: Zygote) -> Path:
    """A small workspace of one's own board with 30 imported actions (copied for each run).

    Built before the per-test data folder is set: its backup before the import goes to the zygote's."""
    folder = tmp_path_factory.mktemp("fault")
    db = folder / "template.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOME_ENV, str(zygote.home))
        assert cli_main(["new", "--db", str(db), "--board", "Fault Board", "--as", "Tester"]) == 0
        assert cli_main(["import", "--db", str(db), str(_tracker(folder / "first.csv", "F", 30)),
                         "--as", "Tester"]) == 0
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def _copy(template: Path, to: Path) -> Path:
    for leftover in to.parent.glob(to.name + "*"):
        leftover.unlink()
    with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(to)) as target:
        source.backup(target)
    return to


def _state(db: Path) -> dict[str, Any]:
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"{db} fails integrity_check"
        state: dict[str, Any] = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
        state["edited"] = conn.execute("SELECT title, description, evidence_of_impact, version FROM action "
                                       "WHERE ref = 'F1'").fetchone()
        state["imported"] = conn.execute("SELECT count(*) FROM action WHERE ref LIKE 'N%'").fetchone()[0]
        return state


def _assert_clear_disk_message(output: str, db: Path, limit: int) -> str:
    """The one line a user gets: a disk problem naming the workspace, no traceback or SQLite text."""
    for raw in RAW:
        assert raw not in output, f"limit {limit}: raw error text {raw!r} shown:\n{output}"
    errors = [line for line in output.splitlines() if line.startswith("boardapp: ")]
    assert errors, f"limit {limit}: no error line:\n{output}"
    message = errors[-1]
    assert str(db) in message, f"limit {limit}: the message does not name the file: {message}"
    disk = re.search(r"there is not enough disk space to|could not write .*: the disk reported an error|"
                     r"the disk holding .* is full", message, re.IGNORECASE)
    assert disk, f"limit {limit}: not worded as a disk problem: {message}"
    return message


def _smallest_limit(attempt: Any, high: int = 1 << 20) -> int:
    """The smallest file-size limit under which ``attempt(limit)`` succeeds (bisection)."""
    low = 0
    assert attempt(high), f"the operation fails even with a {high}-byte limit"
    while high - low > 512:
        middle = (low + high) // 2
        if attempt(middle):
            high = middle
        else:
            low = middle
    return high


def _sweep(zygote: Zygote, template: Path, db: Path, request: dict[str, Any],
           complete: Callable[[dict[str, Any], dict[str, Any]], bool]) -> tuple[list[str], int]:
    """Run ``request`` at limits across its size; return the failure messages and the number of successes.

    ``complete(before, after)`` says whether the state after a success is the whole change."""
    def attempt(limit: int) -> bool:
        _copy(template, db)
        code, _ = zygote.run(limit, **request)
        return code == 0

    needed = _smallest_limit(attempt)
    limits = sorted({needed * i // SWEEP for i in range(SWEEP)} | {needed, needed * 3})
    messages: list[str] = []
    successes = 0
    before = _state(_copy(template, db))
    for limit in limits:
        _copy(template, db)
        code, output = zygote.run(limit, **request)
        after = _state(db)
        if code == 0:
            successes += 1
            assert complete(before, after), f"limit {limit}: reported success but the change is not whole: {after}"
            continue
        assert code == 1, f"limit {limit}: exit {code} (a bug, not a refusal):\n{output}"
        messages.append(_assert_clear_disk_message(output, db, limit))
        assert after == before, f"limit {limit}: the failed change is part-written: {after} != {before}"
    return messages, successes


def test_an_edit_fails_cleanly_wherever_the_disk_fills(zygote: Zygote, template: Path, tmp_path: Path) -> None:
    db = tmp_path / "edit.db"
    with closing(sqlite3.connect(template)) as conn:
        (action_id,) = conn.execute("SELECT id FROM action WHERE ref = 'F1'").fetchone()

    def complete(before: dict[str, Any], after: dict[str, Any]) -> bool:
        title, description, _, version = after["edited"]
        return title == "Front door: screening within one day" and len(description) > 10_000 \
            and version == before["edited"][3] + 1

    messages, successes = _sweep(zygote, template, db, {"op": "edit", "db": str(db), "action_id": action_id}, complete)
    assert successes >= 2 and len(messages) >= SWEEP - 2
    in_the_save = [m for m in messages if "nothing was saved" in m]
    assert len(in_the_save) >= SWEEP // 3, f"too few failures inside the save: {messages}"
    assert len(in_the_save) < len(messages), "no failure while opening: the sweep does not start low enough"
    _copy(template, db)
    assert zygote.run(None, op="edit", db=str(db), action_id=action_id) == (0, "saved\n")
    edited = _state(db)["edited"]
    assert edited[0] == "Front door: screening within one day" and len(edited[1]) > 10_000


def test_an_import_fails_whole_wherever_the_disk_fills(zygote: Zygote, template: Path, tmp_path: Path) -> None:
    db = tmp_path / "import.db"
    tracker = _tracker(tmp_path / "tracker.csv", "N", 40)
    request = {"op": "import", "argv": ["import", "--db", str(db), str(tracker), "--wait", "0", "--as", "Tester"]}
    def complete(before: dict[str, Any], after: dict[str, Any]) -> bool:
        return after["imported"] == 40 and after["action"] == before["action"] + 40

    messages, successes = _sweep(zygote, template, db, request, complete)
    assert successes >= 2 and len(messages) >= SWEEP - 2
    in_the_import = [m for m in messages if "nothing was saved" in m]
    assert len(in_the_import) >= SWEEP // 3, f"too few failures inside the import: {messages}"
    before = _state(_copy(template, db))
    code, output = zygote.run(None, **request)
    after = _state(db)
    assert code == 0 and "40 to create" in output
    assert after["imported"] == 40 and after["action"] == before["action"] + 40


def test_a_new_workspace_on_a_full_disk_leaves_no_file(zygote: Zygote, tmp_path: Path) -> None:
    """``boardapp new`` builds under a temporary name: a full disk part-way leaves nothing behind that
    would block the next try, and says so in a disk message naming the file."""
    db = tmp_path / "own.db"
    argv = ["new", "--db", str(db), "--board", "Our Board", "--as", "Tester", "--wait", "0"]
    for limit in (0, 3000, 9000, 20_000, 40_000, 80_000, 150_000, 250_000):
        code, output = zygote.run(limit, op="new", argv=argv)
        assert code == 1, f"limit {limit}: {output}"
        message = _assert_clear_disk_message(output, db, limit)
        assert "upgrading" not in message
        left = sorted(p.name for p in tmp_path.iterdir() if p.name != "own.db.lock")  # (a lock file is only a lock)
        assert left == [], f"limit {limit}: left {left}"
    code, output = zygote.run(None, op="new", argv=argv)
    assert (code, output) == (0, f"new workspace {db}: Our Board\n")
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM board").fetchall() == [("Our Board",)]
    assert not list(tmp_path.glob("*.building*"))


def test_the_runs_keep_their_backups_in_their_own_data_folder(zygote: Zygote, template: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The backups taken before the imports (the template's, in this process, and a run's, in a child) are
    in the zygote's BOARDAPP_HOME: the sweeps never write into the user's own data folder."""
    from boardapp.db.backup_store import list_backups

    db = _copy(template, tmp_path / "own.db")
    tracker = _tracker(tmp_path / "tracker.csv", "N", 3)
    code, output = zygote.run(None, op="import", argv=["import", "--db", str(db), str(tracker), "--as", "Tester"])
    assert code == 0, output
    monkeypatch.setenv(HOME_ENV, str(zygote.home))
    for workspace in (template, db):
        kept = [record.path for record in list_backups(workspace) if record.reason == "before-import"]
        assert kept and all(zygote.home in path.parents for path in kept), f"{workspace}: {kept}"
