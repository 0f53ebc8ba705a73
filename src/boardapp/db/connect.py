"""Every DB-API connection to a workspace file, with the app's pragmas (no SQLAlchemy).

``connect`` is the one function every raw connection goes through: the ORM's engine, the
open path's reads, the checks and the backups alike. Keeping it one place is what lets a
workspace be opened read-only (another boardapp holds it, or its folder or disk cannot be
written) or, later, carry an encryption key, without each caller knowing.

A writable connection gets WAL journalling, ``synchronous=FULL`` (a committed edit
survives a power cut), ``foreign_keys=ON`` (SQLite leaves them off by default) and a busy
timeout. A read-only one gets ``query_only`` as well, and never changes the journal mode.
"""
from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

#: Workspaces this process has opened read-only (absolute path -> how many holders): every
#: connection to them without an explicit ``read_only`` is read-only too.
_READ_ONLY: dict[str, int] = {}
_WRITABLE: dict[str, int] = {}
_registry_lock = threading.Lock()


def _key(path: Path | str) -> str:
    return str(Path(path).expanduser().absolute())


def register_access(path: Path | str, *, read_only: bool) -> None:
    """Note that this process has the workspace at ``path`` open (read-only or for writing)."""
    with _registry_lock:
        table = _READ_ONLY if read_only else _WRITABLE
        table[_key(path)] = table.get(_key(path), 0) + 1


def unregister_access(path: Path | str, *, read_only: bool) -> None:
    """Undo one ``register_access``."""
    with _registry_lock:
        table = _READ_ONLY if read_only else _WRITABLE
        left = table.get(_key(path), 0) - 1
        if left > 0:
            table[_key(path)] = left
        else:
            table.pop(_key(path), None)


def opened_read_only(path: Path | str) -> bool:
    """Whether this process has the workspace open read-only only (no writable holder)."""
    key = _key(path)
    with _registry_lock:
        return _READ_ONLY.get(key, 0) > 0 and _WRITABLE.get(key, 0) == 0


def apply_pragmas(connection: sqlite3.Connection, *, read_only: bool = False) -> None:
    """The pragmas every workspace connection runs with."""
    cursor = connection.cursor()
    if read_only:
        cursor.execute("PRAGMA query_only=ON")
    else:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Reads of a big plan: map the file (no copy per page) and keep a 64 MB page cache.
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _open(path: Path, mode: str, *, immutable: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    uri = f"{path.as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout)


def connect_file(path: Path | str, *, mode: str = "ro", timeout: float = 5.0) -> sqlite3.Connection:
    """A connection to ``path`` without the app's pragmas, for the file-level work on a workspace.

    ``mode`` is SQLite's URI mode: ``ro`` to measure or check a file (a backup, a candidate for
    restore), ``rw`` to settle a file's ``-wal`` before it is replaced, ``rwc`` for the new file
    a backup copies every page into. The journal mode is left as the file has it (the caller of
    a copy sets it). Like ``connect``, this is the one place such a connection is made, so a key
    for an encrypted workspace is given here too.
    """
    if mode not in ("ro", "rw", "rwc"):
        raise ValueError(f"unknown SQLite open mode {mode!r}")
    return _open(Path(path).expanduser().absolute(), mode, timeout=timeout)


def _has_unmerged_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path | str) -> sqlite3.Connection:
    """A read-only connection, also where the folder or disk cannot be written.

    SQLite's read-only open of a WAL file still creates its ``-shm`` beside it; in a
    read-only folder or on a full disk that fails with "unable to open database file" or
    "disk I/O error", which once made a healthy workspace look damaged. When the place
    cannot be written and there is no unmerged ``-wal`` (whose edits an immutable read
    would miss), the file is read as immutable: nobody can be changing it there.
    """
    path = Path(path).expanduser().absolute()
    connection = _open(path, "ro")
    try:
        apply_pragmas(connection, read_only=True)
        connection.execute("PRAGMA schema_version").fetchone()  # the first read opens the -shm
        return connection
    except sqlite3.OperationalError as exc:
        connection.close()
        from boardapp.db.environment import is_environment_error, write_problem

        if not is_environment_error(exc) or _has_unmerged_wal(path) or write_problem(path) is None:
            raise
    connection = _open(path, "ro", immutable=True)
    try:
        apply_pragmas(connection, read_only=True)
    except BaseException:
        connection.close()
        raise
    return connection


def connect(path: Path | str, *, read_only: bool | None = None, create: bool = False) -> sqlite3.Connection:
    """A connection to the workspace at ``path`` (never creates one unless ``create``).

    ``read_only=None`` follows how this process opened the workspace (``register_access``):
    a window that holds it read-only gets read-only connections everywhere.
    """
    path = Path(path).expanduser().absolute()
    follow = read_only is None
    if read_only is None:
        read_only = opened_read_only(path)
    if read_only:
        return connect_read_only(path)
    connection = _open(path, "rwc" if create else "rw")
    try:
        apply_pragmas(connection)
    except sqlite3.OperationalError as exc:
        connection.close()
        from boardapp.db.environment import is_environment_error, write_problem

        # A reader (the pack, an export) of a workspace whose folder or disk cannot be written:
        # read it read-only; a write through this connection is then refused as read-only.
        if follow and path.is_file() and is_environment_error(exc) and write_problem(path) is not None:
            return connect_read_only(path)
        raise
    except BaseException:
        connection.close()
        raise
    return connection
