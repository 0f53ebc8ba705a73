"""The ORM's engine on a workspace file, and sessions; its connections are ``connect.connect``'s."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlmodel import Session

from boardapp.db.connect import connect, dbapi_module


def make_engine(path: Path | str) -> Engine:
    """An engine on the workspace file at ``path`` (created if missing).

    Its connections come from ``connect.connect`` (the pragmas; read-only when this process
    holds the workspace read-only), like every other connection to a workspace. For an encrypted
    file SQLAlchemy is told its driver is ``sqlcipher3``, so the driver's errors are still wrapped
    as SQLAlchemy's (``IntegrityError`` and the rest) for the services.
    """
    path = Path(path).expanduser().absolute()

    def new_connection() -> sqlite3.Connection:
        return connect(path, create=True)

    module = dbapi_module(path)
    extra = {"module": module} if module is not None else {}
    return create_engine(f"sqlite:///{path}", creator=new_connection, **extra)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that is closed afterwards; services commit their own transaction."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
