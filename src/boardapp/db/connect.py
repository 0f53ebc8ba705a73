"""A DB-API connection to a workspace file with the app's pragmas (no SQLAlchemy).

Every connection, the ORM's and the open path's alike, gets WAL journalling,
``synchronous=FULL`` (a committed edit survives a power cut), ``foreign_keys=ON``
(SQLite leaves them off by default) and a busy timeout.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path


def apply_pragmas(connection: sqlite3.Connection) -> None:
    """The pragmas every workspace connection runs with."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Reads of a big plan: map the file (no copy per page) and keep a 64 MB page cache.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection to the existing workspace at ``path`` (never creates one)."""
    connection = sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=rw", uri=True, check_same_thread=False)
    apply_pragmas(connection)
    return connection
