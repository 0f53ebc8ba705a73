"""Two boardapp processes writing one workspace: no lost update, no raw database error (issue 9, items 4-5)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

#: A long-lived writer: for every line "ACTION_ID" on stdin it saves a new title for that action as if its
#: editor had read version 1, and prints "saved" or "conflict". The parent sends each line to both writers
#: at once, so the two saves race (before the fix both passed the version check and one edit was lost).
EDITOR = """
import sys
from boardapp.db.engine import session_scope
from boardapp.db.workspace import open_workspace
from boardapp.services.plan.commands import ConflictError, update_action

engine = open_workspace(sys.argv[1])
who = sys.argv[2]
print("ready", flush=True)
for line in sys.stdin:
    action_id = int(line)
    with session_scope(engine) as session:
        try:
            update_action(action_id, {"title": f"Title by {who}"}, session=session, who=who, expected_version=1)
            print("saved", flush=True)
        except ConflictError:
            print("conflict", flush=True)
"""

#: Creates N actions in theme 1 and prints how many it made and the first error, if any.
CREATOR = """
import sys
from datetime import date
from boardapp.db.engine import session_scope
from boardapp.db.workspace import open_workspace
from boardapp.services.plan.commands import create_action

engine = open_workspace(sys.argv[1])
made, errors = 0, []
print("ready", flush=True)
sys.stdin.readline()
with session_scope(engine) as session:
    for n in range(int(sys.argv[2])):
        try:
            create_action(session=session, who=sys.argv[3], title=f"Action {n} by {sys.argv[3]}",
                          due_date=date(2025, 3, 31), theme_id=1)
            made += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
print(made, errors[0] if errors else "", flush=True)
"""


def _seed(path: Path, actions: int) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO theme (id, code, title, sort_order, version) VALUES (1, 'T1', 'Front door', 1, 1)")
        conn.executemany(
            "INSERT INTO action (id, ref, title, description, how, theme_id, due_date, status, brag, progress, "
            "success_measure, evidence_of_impact, recommendation, created_at, updated_at, version) "
            "VALUES (?, ?, ?, '', '', 1, '2025-03-31', 'IN_PROGRESS', 'GREEN', 10, '', '', '', "
            "'2024-09-01 09:00:00', '2024-09-01 09:00:00', 1)",
            [(i, f"T1.{i}", f"Original {i}") for i in range(1, actions + 1)],
        )
        conn.commit()


def _start(script: str, *argv: str | Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", script, *map(str, argv)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready", child.stderr
    return child


def _finish(child: subprocess.Popen[str]) -> None:
    assert child.stdin is not None
    child.stdin.close()
    child.wait(timeout=120)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()


def test_two_saves_racing_one_wins_and_the_other_is_told(workspace_path: Path) -> None:
    trials = 30
    _seed(workspace_path, trials)
    writers = [_start(EDITOR, workspace_path, who) for who in ("alice", "bob")]
    outcomes: list[tuple[str, str]] = []
    try:
        for action_id in range(1, trials + 1):
            for writer in writers:  # both wake on the same instant
                assert writer.stdin is not None
                writer.stdin.write(f"{action_id}\n")
                writer.stdin.flush()
            replies = []
            for writer in writers:
                assert writer.stdout is not None
                replies.append(writer.stdout.readline().strip())
            outcomes.append((replies[0], replies[1]))
    finally:
        for writer in writers:
            _finish(writer)
    assert all(sorted(o) == ["conflict", "saved"] for o in outcomes), outcomes
    with closing(sqlite3.connect(workspace_path)) as conn:
        for action_id, (alice, _bob) in enumerate(outcomes, start=1):
            winner = "alice" if alice == "saved" else "bob"
            title, version = conn.execute("SELECT title, version FROM action WHERE id = ?", (action_id,)).fetchone()
            assert (title, version) == (f"Title by {winner}", 2)
            audit = conn.execute(
                "SELECT who, old, new FROM auditentry WHERE entity = 'action' AND entity_id = ? AND field = 'title'",
                (action_id,)).fetchall()
            assert audit == [(winner, f"Original {action_id}", f"Title by {winner}")]


def test_two_processes_creating_actions_all_succeed_with_distinct_refs(workspace_path: Path) -> None:
    _seed(workspace_path, 0)
    each = 400
    creators = [_start(CREATOR, workspace_path, each, who) for who in ("alice", "bob")]
    results = []
    try:
        for creator in creators:
            assert creator.stdin is not None
            creator.stdin.write("go\n")
            creator.stdin.flush()
        for creator in creators:
            assert creator.stdout is not None
            results.append(creator.stdout.readline().strip())
    finally:
        for creator in creators:
            _finish(creator)
    assert results == [str(each), str(each)], results
    with closing(sqlite3.connect(workspace_path)) as conn:
        refs = [r for (r,) in conn.execute("SELECT ref FROM action")]
        created = conn.execute("SELECT count(*) FROM auditentry WHERE field = 'created'").fetchone()[0]
    assert sorted(refs, key=lambda r: int(r.split(".")[1])) == [f"T1.{n}" for n in range(1, 2 * each + 1)]
    assert created == 2 * each


@pytest.mark.parametrize("explicit", [True, False])
def test_a_reference_clash_is_never_a_raw_database_error(workspace_path: Path, explicit: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.domain.rules import ValidationError
    from boardapp.services.plan import commands

    _seed(workspace_path, 3)
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session:
            if explicit:  # another writer takes the reference between the check and the insert
                monkeypatch.setattr(commands, "select", _blind_select(commands.select))
                with pytest.raises(ValidationError, match="reference T1.2 is already used"):
                    commands.create_action(session=session, who="t", title="x", due_date=date(2025, 1, 1),
                                           theme_id=1, ref="T1.2")
            else:  # the reference allocated is taken first: the next free one is used
                stale = iter(["T1.3", "T1.4"])
                monkeypatch.setattr(commands, "next_ref", lambda *_a, **_k: next(stale))
                row = commands.create_action(session=session, who="t", title="x", due_date=date(2025, 1, 1),
                                             theme_id=1)
                assert row.ref == "T1.4"
            # the session is still usable after the refused or retried write
            assert commands.create_action(session=session, who="t", title="y", due_date=date(2025, 1, 1),
                                          theme_id=1, ref="T1.9").ref == "T1.9"
    finally:
        engine.dispose()


def _blind_select(real: object) -> object:
    """``select`` whose "is this reference taken?" query finds nothing (as if run before the other writer)."""
    from sqlmodel import select as sql_select

    from boardapp.db.models import Action

    def select(*what: object) -> object:
        statement = sql_select(*what)  # type: ignore[call-overload]
        if len(what) == 1 and what[0] is Action.id:
            return statement.where(Action.id < 0)
        return statement

    return select
