"""Opening a workspace file: the engine, its pragmas and sessions.

Every connection gets WAL journalling, ``synchronous=FULL`` (a committed edit
survives a power cut) and ``foreign_keys=ON`` (SQLite leaves them off by default).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Reads of a big plan: map the file (no copy per page) and keep a 64 MB page cache.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


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
