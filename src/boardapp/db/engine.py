"""The ORM's engine on a workspace file, and sessions; the pragmas are ``connect.apply_pragmas``."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session

from boardapp.db.connect import apply_pragmas


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    apply_pragmas(dbapi_connection)


def make_engine(path: Path | str) -> Engine:
    """An engine on the workspace file at ``path`` (created if missing)."""
    engine = create_engine(
        f"sqlite:///{Path(path)}", connect_args={"check_same_thread": False}
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


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
