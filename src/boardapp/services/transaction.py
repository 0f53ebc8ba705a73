"""One writing transaction per use-case: taken at once, committed whole, rolled back on any error.

``with write_transaction(session):`` around a service's reads-then-writes:

- it starts with ``BEGIN IMMEDIATE``, so SQLite's write lock is taken *before* the first
  read: a next reference, a version check or a "is this name taken" read cannot be
  overtaken by another process between the read and the write (a deferred transaction
  would read an old snapshot and then fail, or clash, at its first write);
- everything the session had loaded is expired first, so the use-case reads the rows as
  they are now, not as this session last saw them;
- it commits at the end; on *any* error it rolls back, so the session stays usable;
- a row changed by someone else since it was read (the ``version`` check of every ORM
  UPDATE, see ``db.models.Versioned``) becomes ConflictError; a workspace busy for longer
  than the busy timeout, or one that cannot be written, becomes WriteRefusedError; both
  with a sentence a user can act on.
"""
from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from boardapp.db.connect import OPERATIONAL_ERRORS
from boardapp.domain.rules import ValidationError
from boardapp.services import text_check  # noqa: F401  (every session refuses text SQLite cannot store)

#: Table names as a user would call the rows (StaleDataError names the table).
_NOUNS = {
    "action": "this action", "board": "the board's settings", "person": "this person", "theme": "this theme",
    "inspection": "this inspection", "finding": "this finding", "kpi": "this measure", "risk": "this risk",
    "grant": "this grant", "grantline": "this grant line", "meeting": "this meeting",
    "agendaitem": "this agenda item", "paper": "this paper", "decision": "this decision",
    "challengelogentry": "this challenge",
}


_WRITING = "boardapp.writing"
#: How long a use-case waits for another writer to finish before it is refused as "busy".
WRITE_WAIT_SECONDS = 10.0
#: Each try at the write lock waits this long inside SQLite, then we try again after a short,
#: random pause: SQLite's own busy wait sleeps up to 100 ms between tries, so a process that
#: writes in a tight loop (an import, a script) would take the lock back every time and starve
#: the other one.
_TRY_MS = 20


class ConflictError(RuntimeError):
    """The row changed since it was read (someone else saved first)."""


class WriteRefusedError(RuntimeError):
    """The workspace cannot take the change now (busy elsewhere, read-only, disk full); nothing was saved."""


def conflict_message(exc: StaleDataError) -> str:
    found = re.search(r"on table '(\w+)'", str(exc))
    noun = _NOUNS.get(found.group(1), "this row") if found else "this row"
    return f"{noun[0].upper()}{noun[1:]} was changed elsewhere since it was read; nothing was saved. Reload it and try again."


def _refusal(exc: DBAPIError, database: str | None = None) -> WriteRefusedError | None:
    original = exc.orig
    if not isinstance(original, OPERATIONAL_ERRORS):
        return None
    text = str(original).lower()
    if "locked" in text or "busy" in text:
        return WriteRefusedError("the workspace is busy: another boardapp is saving to it. Nothing was saved; try again.")
    if "readonly" in text or "read-only" in text:
        return WriteRefusedError("the workspace is open read-only; nothing was saved.")
    if "full" in text or "disk i/o" in text:
        return WriteRefusedError(disk_refusal(exc, database))
    return None


def disk_refusal(exc: BaseException, database: str | None) -> str:
    """A write the disk refused (full, or an I/O error), naming the file: nothing was saved."""
    from boardapp.db.environment import disk_error_message

    where = database or "the workspace"
    said = disk_error_message(exc, where) or f"could not write {where}: the disk reported an error"
    said = f"{said[0].lower()}{said[1:]}"  # the window puts "Not saved: " before it
    if said.startswith("there is not enough"):
        return f"{said}; nothing was saved. Free some space and try again."
    return f"{said}; nothing was saved."


def _database_of(session: Session) -> str | None:
    bind = session.get_bind()
    return getattr(getattr(bind, "url", None), "database", None) or None


def check_workspace_writable(session: Session) -> None:
    """Refuse a write, before it starts, to a workspace this process holds read-only, or whose file was
    replaced, moved or deleted since it was opened (``db.access``): the edit would be lost."""
    from boardapp.db.access import check_writable
    from boardapp.db.errors import WorkspaceError

    database = _database_of(session)
    if not database:
        return
    try:
        check_writable(database)
    except WorkspaceError as exc:
        raise WriteRefusedError(str(exc)) from None


def begin_write(session: Session) -> None:
    """Start the session's writing transaction now, with SQLite's write lock (``BEGIN IMMEDIATE``)."""
    check_workspace_writable(session)
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("begin_write: the session holds unsaved changes from outside a use-case")
        session.commit()  # end a read: the use-case must see the rows as they are now
    session.expire_all()
    connection = session.connection()
    driver = connection.connection.driver_connection
    if driver is not None and not driver.in_transaction:
        _begin_immediate(connection)


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "locked" in text or "busy" in text


def _begin_immediate(connection: Connection) -> None:
    """BEGIN IMMEDIATE, trying again every few milliseconds for up to ``WRITE_WAIT_SECONDS``."""
    (usual,) = connection.exec_driver_sql("PRAGMA busy_timeout").one()
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {min(int(usual), _TRY_MS)}")
    try:
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(random.uniform(0.0005, 0.004))
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(usual)}")


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """The one transaction of a use-case that writes (see the module docstring).

    Nested inside another (a use-case built from others), it is part of the outer one.
    """
    if session.info.get(_WRITING):
        yield session
        return
    session.info[_WRITING] = True
    try:
        begin_write(session)
        yield session
        session.flush()
        check_workspace_writable(session)  # replaced while it wrote: roll back rather than lose it
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(conflict_message(exc)) from exc
    except DBAPIError as exc:
        session.rollback()
        refusal = _refusal(exc, _database_of(session))
        if refusal is not None:
            raise refusal from exc
        raise
    except UnicodeEncodeError as exc:  # text written by core SQL, which the flush check does not see
        session.rollback()
        raise ValidationError("text", text_check.UNSTORABLE) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_WRITING, None)


def commit(session: Session) -> None:
    """Commit a use-case written without ``write_transaction``: a stale row is ConflictError, and any
    error rolls back (the session stays usable)."""
    try:
        check_workspace_writable(session)
        session.commit()
    except WriteRefusedError:
        session.rollback()
        raise
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(conflict_message(exc)) from exc
    except DBAPIError as exc:
        session.rollback()
        refusal = _refusal(exc, _database_of(session))
        if refusal is not None:
            raise refusal from exc
        raise
    except BaseException:
        session.rollback()
        raise


def touch(row: object, column: str) -> None:
    """Make the next flush UPDATE ``row`` (checking and bumping its version) though no column changed:
    a change of what links to it (a grant line's actions) is a change of the row."""
    flag_modified(row, column)
