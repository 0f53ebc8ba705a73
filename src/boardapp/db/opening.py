"""Opening a workspace file without the ORM: every check a file gets before the app trusts it.

In order: the file exists; it is not on a network share (SQLite's locking is unreliable
there, so two laptops could overwrite each other's edits); it is an SQLite file that
passes ``quick_check`` (else the newest backup is offered); its schema revision is one
this app knows (a newer one is refused rather than half-understood). ``open_and_read``
then runs the window's first read on the standard library's ``sqlite3`` while the check
runs alongside: SQLAlchemy, SQLModel and Alembic are not imported on this path unless
the file needs an upgrade (``boardapp.db.workspace`` migrates behind a verified backup).
"""
from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from boardapp import __version__
from boardapp.db.backup import file_problem, has_sqlite_header, has_tables, newest_backup, stored_revision
from boardapp.db.connect import DATABASE_ERRORS, OPERATIONAL_ERRORS, connect, key_of, opened_read_only
from boardapp.db.errors import (
    CorruptWorkspaceError,
    MissingWorkspaceError,
    NewerSchemaError,
    NotAWorkspaceError,
    WorkspaceError,
)
from boardapp.db.filesystem import refuse_network_share
from boardapp.db.schema_version import head_revision, is_known_revision

T = TypeVar("T")


@dataclass(frozen=True)
class WorkspaceStatus:
    """What the checks found: the file's schema revision and this app's."""

    path: Path
    revision: str | None
    head: str

    @property
    def pending_upgrade(self) -> bool:
        return self.revision != self.head


def inspect_workspace(path: Path | str, *, thorough: bool = False, check_pages: bool = True) -> WorkspaceStatus:
    """Run every check of an open without changing the file; raises a WorkspaceError.

    ``thorough`` uses ``integrity_check`` and ``foreign_key_check`` instead of
    ``quick_check`` (``boardapp check``); ``check_pages=False`` leaves the page check
    to the caller (``open_and_read`` runs it alongside the first read).
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise MissingWorkspaceError(path)
    if path.is_dir():
        raise WorkspaceError(f"{path} is a folder, not a workspace file")
    refuse_network_share(path)
    try:
        is_sqlite = has_sqlite_header(path)
    except OSError as exc:
        raise WorkspaceError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    if not is_sqlite:
        raise NotAWorkspaceError(path, "it is not an SQLite database file")
    if path.stat().st_size == 0:  # SQLite would take it for a new database; only "new" and "demo" make one
        raise NotAWorkspaceError(path, "it is empty, 0 bytes; create a new workspace instead")
    key_of(path)  # an encrypted file without its key: "enter its recovery key", before any check reads it
    if check_pages:
        _raise_if_damaged(path, file_problem(path, thorough=thorough))
    revision = stored_revision(path)
    head = head_revision()
    if revision is None:
        if has_tables(path):
            raise NotAWorkspaceError(path, "it holds tables but no boardapp schema version")
        raise NotAWorkspaceError(path, "it is an empty SQLite database; create a new workspace instead")
    if revision is not None and not is_known_revision(revision):
        raise NewerSchemaError(path, revision, head, __version__)
    return WorkspaceStatus(path=path, revision=revision, head=head)


def _raise_if_damaged(path: Path, problem: str | None) -> None:
    if problem is not None:
        raise CorruptWorkspaceError(path, problem, newest_backup(path))


def _yield_to_other_threads() -> None:
    """Lower this thread's priority where the OS allows it per thread (Linux): the check then
    runs on an idle core, not on the one the first read needs (on a 2-core machine it was
    slowing that read by a third)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass


def open_and_read(path: Path | str, read: Callable[[sqlite3.Connection], T]) -> T:
    """Check the workspace at ``path`` and run ``read`` on it while ``quick_check`` runs alongside.

    ``read`` gets a DB-API connection with the app's pragmas, inside one read transaction,
    and must only read. The check spends its time inside SQLite with Python's lock released,
    so on a second core it costs the first read nothing; if it then fails, the read's result
    is thrown away and the same CorruptWorkspaceError as ``open_workspace`` raised. Nothing
    is returned (so nothing can write) before the check has passed. A file that needs an
    upgrade, or whose schema cannot even be read, takes ``open_workspace``'s path first.
    """
    path = Path(path).expanduser().absolute()
    try:
        status = inspect_workspace(path, check_pages=False)
    except DATABASE_ERRORS:
        status = None  # unreadable schema table: let the sequential open say why
    if status is not None and status.pending_upgrade and opened_read_only(path):
        raise WorkspaceError(
            f"{path} needs an upgrade to schema {status.head} before this boardapp can show it, and it is open "
            "read-only here; open it where it can be written first")
    if status is None or status.pending_upgrade:
        from boardapp.db.upgrade import upgrade_if_needed  # migrations run behind a verified backup

        status = inspect_workspace(path)
        upgrade_if_needed(status.path, status.revision)  # the whole check first: it says why a file is unreadable
        return _read(path, read)

    found: dict[str, str | None] = {}
    refused: list[WorkspaceError] = []

    def check() -> None:
        _yield_to_other_threads()
        try:
            found["problem"] = file_problem(path)
        except OSError as exc:
            found["problem"] = f"it cannot be read ({exc.strerror or exc})"
        except WorkspaceError as exc:  # the place cannot be used (read-only, full): not damage
            refused.append(exc)

    checker = threading.Thread(target=check, name="quick_check", daemon=True)
    checker.start()
    try:
        value = _read(path, read)
    except BaseException as exc:
        checker.join()
        _raise_if_damaged(path, found.get("problem"))  # a damaged file explains a failed read
        if refused:
            raise refused[0] from None
        if isinstance(exc, OPERATIONAL_ERRORS):
            from boardapp.db.environment import raise_if_environment

            raise_if_environment(exc, path)
        raise
    checker.join()
    if refused:
        raise refused[0]
    _raise_if_damaged(path, found.get("problem"))
    return value


def _read(path: Path, read: Callable[[sqlite3.Connection], T]) -> T:
    with closing(connect(path)) as connection:
        connection.execute("BEGIN")  # one snapshot for every statement of the read
        try:
            return read(connection)
        finally:
            connection.rollback()
