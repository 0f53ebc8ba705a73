"""Holding a workspace: the lock, read-only when it cannot be had, and no write to a replaced file."""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from boardapp.db import access as access_module
from boardapp.db.access import WorkspaceReadOnlyError, check_writable, holder_banner, take_workspace
from boardapp.db.connect import connect, opened_read_only
from boardapp.db.file_identity import WorkspaceReplacedError
from boardapp.db.lock import WorkspaceLockedError


def test_a_window_holds_the_lock_and_a_second_opener_gets_it_read_only(workspace_path: Path,
                                                                       workspace_holder: Any) -> None:
    workspace_holder.start(workspace_path)
    second = take_workspace(workspace_path, purpose="window")
    try:
        assert second.read_only and not second.writable
        assert second.read_only_reason is not None
        assert second.read_only_reason.startswith("Open in another boardapp on this computer since ")
        assert second.read_only_reason.endswith(" — read-only")
        assert opened_read_only(workspace_path)
        with closing(connect(workspace_path)) as connection:  # every connection follows: read-only
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                connection.execute("UPDATE board SET name = 'x'")
        with pytest.raises(WorkspaceReadOnlyError, match="open read-only here"):
            check_writable(workspace_path)
    finally:
        second.release()
    assert not opened_read_only(workspace_path)


def test_a_command_that_writes_is_refused_not_made_read_only(workspace_path: Path, workspace_holder: Any) -> None:
    workspace_holder.start(workspace_path)
    with pytest.raises(WorkspaceLockedError, match="in use by boardapp \\(window, process"):
        take_workspace(workspace_path, purpose="demo", read_only_ok=False)


def test_a_killed_holder_leaves_no_stale_lock(workspace_path: Path, workspace_holder: Any) -> None:
    child = workspace_holder.start(workspace_path)
    child.kill()  # SIGKILL: no clean-up runs in the holder
    child.wait()
    access = take_workspace(workspace_path, purpose="demo", read_only_ok=False)
    assert access.writable
    access.release()


def test_a_place_that_cannot_be_written_opens_read_only_saying_why(workspace_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access_module, "write_problem", lambda _p: f"the folder {workspace_path.parent} is read-only for you")
    with take_workspace(workspace_path) as access:
        assert access.read_only_reason == f"The folder {workspace_path.parent} is read-only for you — read-only"
    with pytest.raises(WorkspaceReadOnlyError, match="cannot be written: the folder .* is read-only"):
        take_workspace(workspace_path, read_only_ok=False)


def test_a_write_to_a_replaced_file_is_refused_and_a_deleted_one_too(workspace_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(workspace_path)) as src, closing(sqlite3.connect(other)) as dst:
        src.backup(dst)
    with take_workspace(workspace_path) as access:
        check_writable(workspace_path)
        os.replace(other, workspace_path)  # what `demo --force` or a restore by hand did under the window
        with pytest.raises(WorkspaceReplacedError, match="replaced by another file"):
            check_writable(workspace_path)
        assert not access.writable
    with take_workspace(workspace_path) as access:
        workspace_path.unlink()
        with pytest.raises(WorkspaceReplacedError, match="deleted or moved"):
            access.check_writable()


def test_the_services_refuse_to_write_to_a_replaced_file(demo_path: Path, tmp_path: Path) -> None:
    """Issue 9 item 2: edits after the file was replaced used to report "saved" and vanish."""
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace
    from boardapp.services.plan.commands import create_action
    from boardapp.services.transaction import WriteRefusedError

    other = tmp_path / "other.db"
    with closing(sqlite3.connect(demo_path)) as src, closing(sqlite3.connect(other)) as dst:
        src.backup(dst)
    with take_workspace(demo_path):
        engine = open_workspace(demo_path)
        try:
            with session_scope(engine) as session:
                create_action(session=session, who="T", title="Before the replace", due_date=date(2025, 1, 31))
            os.replace(other, demo_path)
            with session_scope(engine) as session:
                with pytest.raises(WriteRefusedError, match="replaced by another file"):
                    create_action(session=session, who="T", title="After the replace", due_date=date(2025, 1, 31))
        finally:
            engine.dispose()


def test_holder_banner_names_another_computer() -> None:
    from datetime import datetime, timezone

    from boardapp.db.lock import LockHolder

    holder = LockHolder(pid=1, host="LAPTOP-3-elsewhere", user="u", since=datetime.now(timezone.utc), purpose="window")
    assert holder_banner(holder).startswith("Open in another boardapp on LAPTOP-3-elsewhere since ")
    assert holder_banner(None) == "Open in another boardapp — read-only"
