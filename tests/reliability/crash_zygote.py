"""A pre-imported parent for the crash harness's writers (run as a fresh interpreter, never from pytest).

It imports the services once (~0.6 s), checks it runs no thread, then on each ``spawn DB ACKS N`` line
forks a writer that opens the workspace and commits random edits, imports and bulk changes through the
services until it is killed. Lines on stdout: ``spawned PID``, ``ready PID`` (from the writer, once the
workspace is open), ``acked`` after each commit, ``dead PID STATUS`` (after ``waitpid``). Each writer appends an ``intent`` line to
ACKS before a commit and an ``ack`` line once the service has returned (one ``write`` each, O_APPEND).
"""
from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import threading
from datetime import date, timedelta

from boardapp.db.workspace import open_workspace
from boardapp.services.plan.commands import bulk_update_actions, create_action, update_action
from boardapp.services.plan.import_actions import ActionImport, NewAction, import_actions
from sqlmodel import Session, select
from boardapp.db.models import Action

BULK_BASE = date(2030, 1, 1)
BULKS_PER_WRITER = 50


def _log(fd: int, kind: str, **what: object) -> None:
    os.write(fd, (json.dumps({"kind": kind, **what}) + "\n").encode())
    if kind == "ack":
        os.write(1, b"acked\n")  # lets the parent kill after a random number of commits, at any speed


def writer(db: str, acks: str, number: int, commits: int | None = None) -> None:
    """Commit random changes (for ever unless ``commits`` is given); ``number`` (the spawn count) makes
    every marker unique and ordered."""
    rng = random.Random(f"{os.environ['CRASH_SEED']}-{number}")
    fd = os.open(acks, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    engine = open_workspace(db, create=commits is not None)
    session = Session(engine)
    if commits is None:
        os.write(1, f"ready {os.getpid()}\n".encode())
    local = bulks = 0
    while commits is None or local < commits:
        local += 1
        ids = list(session.exec(select(Action.id).where(Action.deleted_at.is_(None))))  # type: ignore[union-attr]
        session.rollback()  # end the read, as the app's reads do, before the service writes
        op = rng.choices(["create", "update", "import", "bulk"], weights=[3, 4, 2, 1])[0] if ids else "create"
        if op == "bulk" and (bulks >= BULKS_PER_WRITER or len(ids) < 2):
            op = "update"
        if op == "create":
            ref = f"C{number}-{local}"
            _log(fd, "intent", op=op, ref=ref)
            create_action(session=session, who="crash", ref=ref, title=f"T{number:06d}-{local:06d}",
                          due_date=date(2025, 3, 31))
            _log(fd, "ack", op=op, ref=ref)
        elif op == "update":
            target, title = rng.choice(ids), f"T{number:06d}-{local:06d}"
            _log(fd, "intent", op=op, id=target, title=title)
            update_action(target, {"title": title}, session=session, who="crash")
            _log(fd, "ack", op=op, id=target, title=title)
        elif op == "import":
            prefix, rows = f"I{number}-{local}", rng.randint(1, 40)
            creates = tuple(
                NewAction(row=i + 2, values={"ref": f"{prefix}-{i}", "title": f"imported {i}", "due_date": date(2025, 6, 30),
                                            "status": "IN_PROGRESS", "brag": rng.choice(["GREEN", "AMBER", "RED"]),
                                            "progress": 10},
                          owner=f"Owner {rng.randint(1, 5)}", latest_update=f"update of {prefix}-{i}")
                for i in range(rows))
            _log(fd, "intent", op=op, prefix=prefix, rows=rows)
            import_actions(ActionImport(creates=creates, updates=(), update_date=date(2024, 9, 11), source="crash.xlsx"),
                           session=session, who="crash")
            _log(fd, "ack", op=op, prefix=prefix, rows=rows)
        else:
            bulks += 1
            marker = number * BULKS_PER_WRITER + bulks
            chosen = rng.sample(ids, min(len(ids), rng.randint(2, 30)))
            _log(fd, "intent", op=op, ids=chosen, marker=marker)
            bulk_update_actions(chosen, {"revised_due_date": BULK_BASE + timedelta(days=marker)},
                                session=session, who="crash")
            _log(fd, "ack", op=op, ids=chosen, marker=marker)
    session.close()
    engine.dispose()
    os.close(fd)


def warm_up() -> None:
    """Run every kind of commit on a scratch workspace, so each forked writer starts with SQLAlchemy's
    caches full and is killed among its commits, not while compiling its first statement."""
    with tempfile.TemporaryDirectory() as scratch:
        writer(os.path.join(scratch, "warm.db"), os.path.join(scratch, "acks"), 0, commits=40)


def main() -> None:
    warm_up()
    if threading.active_count() != 1:
        sys.exit(f"the zygote runs {threading.active_count()} threads; fork would copy a locked one")
    print("zygote", flush=True)
    for line in sys.stdin:
        _, db, acks, number = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                writer(db, acks, int(number))
            finally:
                os._exit(3)  # a writer never stops by itself: an error is the harness failing
        print(f"spawned {pid}", flush=True)
        _, status = os.waitpid(pid, 0)
        print(f"dead {pid} {status}", flush=True)


if __name__ == "__main__":
    main()
