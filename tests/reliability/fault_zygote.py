"""A pre-imported parent for the fault-injection runs (run as a fresh interpreter, never from pytest).

It imports the CLI, the services and the importer once, checks it runs no thread, then for each JSON
line on stdin (``{"op": "edit"|"import"|"new", "db": PATH, "limit": N or null, ...}``) forks a child
that ignores SIGXFSZ and sets ``RLIMIT_FSIZE`` to N bytes, so every write that would make any file it
writes (the workspace, its -wal and -shm, the lock, a backup) larger than N fails with EFBIG: to
SQLite a write cut short, as on a full disk. The child's stdout and stderr go into one pipe; the
zygote answers with one JSON line ``{"status": WAIT_STATUS, "output": TEXT}``. A request may give
``"tmpdir"``: the temporary folder the child uses (so a test sees what it leaves there). The child
collects garbage before it exits, as a long-running window would, so a stream left open by a failed
write fails there, in the output, and not unseen.

``import`` and ``new`` run the real command line (``boardapp import`` / ``boardapp new``); ``edit``
opens the workspace as the window does (its lock, then the engine) and saves one edit of an action
through the services, reporting a failure as the command line would (one line, never a traceback).
"""
from __future__ import annotations

import gc
import json
import os
import resource
import signal
import sys
import tempfile
import threading
import traceback
from contextlib import redirect_stdout
from datetime import date

from sqlmodel import Session

from boardapp.cli import describe_error, main as cli_main
from boardapp.db.access import take_workspace
from boardapp.db.workspace import open_workspace
from boardapp.logs import is_expected_error
from boardapp.services.plan.commands import create_action, update_action

#: The edit: a long description and evidence (overflow pages, and their audit entries' old and new).
EDIT_TEXT = "The front door now screens every contact within one working day. " * 180


def edit(db: str, action_id: int) -> int:
    """Save one edit of action ``action_id`` as the window would; a refusal is one line on stderr."""
    try:
        access = take_workspace(db, purpose="window", read_only_ok=False)
        try:
            engine = open_workspace(db)
            try:
                with Session(engine) as session:
                    update_action(action_id, {"title": "Front door: screening within one day",
                                              "description": EDIT_TEXT, "evidence_of_impact": EDIT_TEXT[::-1]},
                                  session=session, who="fault")
            finally:
                engine.dispose()
        finally:
            access.release()
    except Exception as exc:
        if not is_expected_error(exc):
            traceback.print_exc()
            return 2
        print(f"boardapp: {describe_error(exc)}", file=sys.stderr)
        return 1
    print("saved")
    return 0


def run(request: dict[str, object]) -> int:
    if request["op"] == "edit":
        return edit(str(request["db"]), int(request["action_id"]))  # type: ignore[call-overload]
    return cli_main([str(arg) for arg in request["argv"]])  # type: ignore[attr-defined]  # "import", "new", "cli"


def child(request: dict[str, object], out: int) -> None:
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(out)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
    limit = request.get("limit")
    if limit is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), int(limit)))  # type: ignore[call-overload]
    if request.get("tmpdir") is not None:
        tempfile.tempdir = str(request["tmpdir"])
    code = 3
    try:
        code = run(request)
        gc.collect()  # os._exit below skips it: anything a failed write left open would fail unseen
    except BaseException:  # the command line never lets one out: reaching here is a bug
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def warm_up() -> None:
    """An edit and an import on a scratch workspace, so each child starts with the modules loaded and
    SQLAlchemy's caches full."""
    with tempfile.TemporaryDirectory() as scratch, open(os.devnull, "w") as quiet, redirect_stdout(quiet):
        db = os.path.join(scratch, "warm.db")
        engine = open_workspace(db, create=True)
        with Session(engine) as session:
            row = create_action(session=session, who="fault", ref="W1", title="warm", due_date=date(2025, 3, 31))
        engine.dispose()
        edit(db, row.id)
        tracker = os.path.join(scratch, "warm.csv")
        with open(tracker, "w", encoding="utf-8") as out:
            out.write("Ref,Action,Owner,Due,RAG\nW2,Warm,Kim Ng,31/03/2025,G\n")
        cli_main(["import", "--db", db, tracker, "--as", "fault"])


def main() -> None:
    warm_up()
    if threading.active_count() != 1:
        sys.exit(f"the zygote runs {threading.active_count()} threads; fork would copy a locked one")
    print("zygote", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            child(request, write)
        os.close(write)
        chunks = []
        while chunk := os.read(read, 65536):
            chunks.append(chunk)
        os.close(read)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"status": status, "output": b"".join(chunks).decode(errors="replace")}), flush=True)


if __name__ == "__main__":
    main()
