"""Every DB-API connection to a workspace file, with the app's pragmas (no SQLAlchemy).

``connect`` is the one function every raw connection goes through: the ORM's engine, the
open path's reads, the checks and the backups alike. Keeping it one place is what lets a
workspace be opened read-only (another boardapp holds it, or its folder or disk cannot be
written) or, later, carry an encryption key, without each caller knowing.

A writable connection gets WAL journalling, ``synchronous=FULL`` (a committed edit
survives a power cut), ``foreign_keys=ON`` (SQLite leaves them off by default) and a busy
timeout. A read-only one gets ``query_only`` as well, and never changes the journal mode.

An encrypted workspace (SQLCipher; ``boardapp.db.keys`` says how keys are found) is told by
its first 16 bytes: a plain SQLite file starts with "SQLite format 3", an encrypted one with
its key's salt. Its connections are ``sqlcipher3`` connections keyed before their first
statement; the drivers' exception classes are not related, so handlers catch the tuples below
(``DB_ERRORS`` and friends) instead of ``sqlite3.Error``.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from boardapp.db import keys
from boardapp.db.errors import EncryptedWorkspaceError, WorkspaceError

try:  # SQLCipher is optional: without it, plain workspaces work and encrypted ones are refused clearly
    from sqlcipher3 import dbapi2 as _sqlcipher
except ImportError:  # pragma: no cover (installed wherever the tests run)
    _sqlcipher = None

#: The first 16 bytes of every plain SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"

if _sqlcipher is not None:
    DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, _sqlcipher.Error)
    DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, _sqlcipher.DatabaseError)
    OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError, _sqlcipher.OperationalError)
    INTEGRITY_ERRORS: tuple[type[Exception], ...] = (sqlite3.IntegrityError, _sqlcipher.IntegrityError)
    #: A DB-API connection of either driver (``isinstance`` checks).
    CONNECTION_TYPES: tuple[type, ...] = (sqlite3.Connection, _sqlcipher.Connection)
else:  # pragma: no cover
    DB_ERRORS, DATABASE_ERRORS = (sqlite3.Error,), (sqlite3.DatabaseError,)
    OPERATIONAL_ERRORS, INTEGRITY_ERRORS = (sqlite3.OperationalError,), (sqlite3.IntegrityError,)
    CONNECTION_TYPES = (sqlite3.Connection,)

#: A new file made by ``connect(create=True)`` in this thread is encrypted with this key (``encrypting_new``).
_new_files = threading.local()

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


def sqlcipher_available() -> bool:
    """Whether this installation can read and write encrypted workspaces."""
    return _sqlcipher is not None


def encryption_salt(path: Path | str) -> bytes | None:
    """The salt an encrypted workspace file starts with, or None for a plain, empty or missing file.

    SQLCipher leaves no magic text: a file is taken as encrypted when it is not plain SQLite and
    is whole pages long (a text file or a truncated copy is neither and is refused as not SQLite).
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(keys.SALT_BYTES)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return None
    if len(head) < keys.SALT_BYTES or head == SQLITE_HEADER or size % 1024:
        return None
    return head


def is_sqlite_file(path: Path | str) -> bool:
    """True for an SQLite database file, plain or encrypted, or an empty file (SQLite takes it for a
    new one). Raises OSError when the file cannot be read."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head == b"" or head == SQLITE_HEADER or encryption_salt(path) is not None


def is_encrypted(path: Path | str) -> bool:
    """Whether the workspace file at ``path`` is encrypted (SQLCipher)."""
    return encryption_salt(path) is not None


def key_of(path: Path | str) -> bytes | None:
    """The key of the encrypted file at ``path`` (None for a plain one); EncryptedWorkspaceError
    when no key for it is in this process, the keyring or ``BOARDAPP_RECOVERY_KEY``."""
    salt = encryption_salt(path)
    if salt is None:
        return None
    key = keys.key_for_salt(salt)
    if key is None:
        given = os.environ.get(keys.RECOVERY_KEY_ENV, "").strip()
        if given:  # say what is wrong with it rather than ask for one
            from boardapp.db.errors import WrongRecoveryKeyError

            try:
                keys.parse_recovery_key(given)
            except keys.RecoveryKeyTypoError as exc:
                raise WorkspaceError(f"{keys.RECOVERY_KEY_ENV}: {exc}") from None
            raise WrongRecoveryKeyError(Path(path))
        raise EncryptedWorkspaceError(Path(path))
    return key


def dbapi_module(path: Path | str) -> ModuleType | None:
    """The DB-API module SQLAlchemy must use for ``path`` (``sqlcipher3`` for an encrypted file, so
    its errors are wrapped as SQLAlchemy's), or None for the standard ``sqlite3``. A missing or empty
    file counts as encrypted inside ``encrypting_new``: it is about to be made so."""
    if is_encrypted(path):
        return _sqlcipher
    making = getattr(_new_files, "key", None) is not None
    missing = not Path(path).exists() or Path(path).stat().st_size == 0
    return _sqlcipher if making and missing else None


@contextmanager
def encrypting_new(key: bytes) -> Iterator[None]:
    """While inside, a workspace file this thread creates with ``connect(create=True)`` is encrypted
    with ``key`` (the new-workspace path stays the same whatever it names its files)."""
    previous = getattr(_new_files, "key", None)
    keys.remember(key)
    _new_files.key = key
    try:
        yield
    finally:
        _new_files.key = previous


def _cipher_connect(path: Path, uri: str, key: bytes, *, new: bool, timeout: float) -> Any:
    if _sqlcipher is None:
        raise WorkspaceError(
            f"{path} is encrypted, and this installation of boardapp has no SQLCipher (sqlcipher3) to open it")
    connection = _sqlcipher.connect(uri, uri=True, check_same_thread=False, timeout=timeout)
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not SQLCipher's log
        # A new file gets the key's own salt, so all its copies start with it (keys.py: the key id).
        material = key.hex() + (keys.salt_for(key).hex() if new else "")
        connection.execute(f"PRAGMA key = \"x'{material}'\"")
    except BaseException:
        connection.close()
        raise
    return connection


def connect_sqlcipher(path: Path | str) -> Any:
    """A ``sqlcipher3`` connection to ``path``, plain or encrypted (keyed), for ``sqlcipher_export``
    (encrypting and decrypting a workspace: ``boardapp.db.encryption``)."""
    path = Path(path).expanduser().absolute()
    uri = f"{path.as_uri()}?mode=rw"
    key = key_of(path)
    if key is not None:
        return _cipher_connect(path, uri, key, new=False, timeout=5.0)
    if _sqlcipher is None:
        raise WorkspaceError("this installation of boardapp has no SQLCipher (sqlcipher3)")
    return _sqlcipher.connect(uri, uri=True, check_same_thread=False, timeout=5.0)


def _open(
    path: Path, mode: str, *, immutable: bool = False, timeout: float = 5.0, key: bytes | None = None,
) -> sqlite3.Connection:
    uri = f"{path.as_uri()}?mode={mode}" + ("&immutable=1" if immutable else "")
    salt = encryption_salt(path)
    if salt is not None:
        found = key_of(path) if key is None or keys.salt_for(key) != salt else key
        return _cipher_connect(path, uri, found, new=False, timeout=timeout)  # type: ignore[arg-type]
    if key is not None and (not path.exists() or path.stat().st_size == 0):
        return _cipher_connect(path, uri, key, new=True, timeout=timeout)  # type: ignore[no-any-return]
    return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=timeout)


def connect_file(
    path: Path | str, *, mode: str = "ro", timeout: float = 5.0, key_from: Path | str | None = None,
) -> sqlite3.Connection:
    """A connection to ``path`` without the app's pragmas, for the file-level work on a workspace.

    ``mode`` is SQLite's URI mode: ``ro`` to measure or check a file (a backup, a candidate for
    restore), ``rw`` to settle a file's ``-wal`` before it is replaced, ``rwc`` for the new file
    a backup copies every page into. The journal mode is left as the file has it (the caller of
    a copy sets it). Like ``connect``, this is the one place such a connection is made, so a key
    for an encrypted workspace is given here too: an encrypted file opens with its key, and a new
    copy of an encrypted ``key_from`` is encrypted with the same key (backups stay encrypted).
    """
    if mode not in ("ro", "rw", "rwc"):
        raise ValueError(f"unknown SQLite open mode {mode!r}")
    key = key_of(key_from) if key_from is not None else None
    return _open(Path(path).expanduser().absolute(), mode, timeout=timeout, key=key)


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
    except OPERATIONAL_ERRORS as exc:
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
    connection = _open(path, "rwc" if create else "rw", key=getattr(_new_files, "key", None) if create else None)
    try:
        apply_pragmas(connection)
    except OPERATIONAL_ERRORS as exc:
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
