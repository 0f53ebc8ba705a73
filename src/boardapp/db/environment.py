"""What is true about the place a workspace lives: a read-only folder or disk, a full disk, no permission.

SQLite answers a read-only folder with "attempt to write a readonly database", a read-only
mount with "unable to open database file" and a full disk with "disk I/O error": none of
them says the file is damaged, and none says what to do. These helpers ask the operating
system instead, so a message can say what is true ("the folder … is read-only").
"""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from boardapp.db.errors import WorkspaceError

#: SQLite primary result codes that mean "the place", not "the file": READONLY, CANTOPEN, FULL,
#: IOERR, PERM, AUTH (and BUSY, another process holding it).
_ENVIRONMENT_CODES = {8: "READONLY", 14: "CANTOPEN", 13: "FULL", 10: "IOERR", 3: "PERM", 23: "AUTH", 5: "BUSY"}
#: Free space below this is "the disk is full" (SQLite needs room for its -wal and -shm files).
NEARLY_FULL_BYTES = 256 * 1024


def _folder_of(path: Path) -> Path:
    path = Path(path).absolute()
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def free_bytes(folder: Path) -> int | None:
    """Bytes free for this user on the disk holding ``folder`` (None when it cannot be told)."""
    try:
        import shutil

        return shutil.disk_usage(folder).free
    except OSError:
        return None


def write_problem(path: Path | str) -> str | None:
    """Why the workspace at ``path`` (existing or to be created) cannot be written, or None.

    Asks the operating system only (never writes): a read-only mount, a full disk, a
    folder or file this user may not change.
    """
    path = Path(path).absolute()
    folder = _folder_of(path)
    if _read_only_mount(folder):
        return f"the disk holding {folder} is mounted read-only"
    free = free_bytes(folder)
    if free is not None and free < NEARLY_FULL_BYTES:
        return f"the disk holding {folder} is full ({free // 1024} KB free)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only for you"
    if path.exists() and not path.is_dir() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only"
    return None


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """A short reason for an OSError met while writing ``path``: what is true, not errno jargon."""
    target = Path(path or exc.filename or ".")
    code = exc.errno
    if code == errno.EROFS:
        return f"the disk holding {_folder_of(target)} is mounted read-only"
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):  # EFBIG: the file may grow no more
        return f"the disk holding {_folder_of(target)} is full"
    if code in (errno.EACCES, errno.EPERM):
        return write_problem(target) or f"you do not have permission to change {target}"
    if code == errno.ENOENT:
        return f"the folder {target.parent} does not exist"
    if code == errno.EISDIR:
        return f"{target} is a folder"
    return exc.strerror or str(exc)


def is_environment_error(exc: BaseException) -> bool:
    """Whether an sqlite3 error is about the file's place (read-only, full, no access), not its content."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _ENVIRONMENT_CODES
    text = str(exc).lower()
    return any(words in text for words in (
        "readonly", "read-only", "unable to open", "disk i/o", "disk is full", "locked", "authoriz"))


def describe_sqlite_error(exc: sqlite3.Error, path: Path | str) -> str:
    """What an environment error of SQLite means for ``path``, in the user's words."""
    found = write_problem(path)
    if found is not None:
        return found
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if "FULL" in name or "SHMSIZE" in name:
        return f"the disk holding {_folder_of(Path(path))} is full"
    if name.startswith("SQLITE_BUSY") or "locked" in str(exc).lower():
        return "another program is writing it"
    return str(exc)


class WorkspaceUnavailableError(WorkspaceError):
    """The file's place cannot be used now (read-only, full, no access): nothing says the file is damaged."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} cannot be opened: {reason}. The file itself was not found damaged.")
        self.path = path
        self.reason = reason


def raise_if_environment(exc: sqlite3.Error, path: Path | str) -> None:
    """Raise WorkspaceUnavailableError when ``exc`` is about the file's place, not its content."""
    if is_environment_error(exc):
        raise WorkspaceUnavailableError(Path(path), describe_sqlite_error(exc, path)) from exc


#: SQLite primary result codes of a write that the disk refused.
_SQLITE_FULL, _SQLITE_IOERR = 13, 10
#: OSError numbers that mean "no room" (EFBIG: the file reached the largest size allowed to it).
_NO_ROOM = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _disk_kind(exc: BaseException) -> str | None:
    """'full' or 'io' when ``exc`` is SQLite's (or the OS's) report of a write the disk refused, else None."""
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        if exc.errno in _NO_ROOM:
            return "full"
        return "io" if exc.errno == errno.EIO else None
    if not isinstance(exc, sqlite3.Error) and (type(exc).__name__ not in ("OperationalError", "DatabaseError")
                                              or hasattr(exc, "orig")):
        return None  # SQLCipher's driver raises its own OperationalError (same codes and texts); SQLAlchemy's
        # wraps the driver's in ``orig``, which ``disk_error_kind`` looks at
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        return "full" if primary == _SQLITE_FULL else "io" if primary == _SQLITE_IOERR else None
    text = str(exc).lower()
    return "full" if "disk is full" in text else "io" if "disk i/o error" in text else None


def disk_error_kind(exc: BaseException) -> str | None:
    """'full' or 'io' when ``exc`` or what it wraps (SQLAlchemy's ``orig``, a ``raise … from``) is a
    disk-full or disk I/O error, else None."""
    found = _disk_error_in_chain(exc)
    return _disk_kind(found) if found is not None else None


def _disk_error_in_chain(exc: BaseException) -> BaseException | None:
    """The first error in ``exc``'s chain (itself, SQLAlchemy's ``orig``, its cause and context) that
    is a disk-full or disk I/O error."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if _disk_kind(current) is not None:
            return current
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return None


def disk_error_message(exc: BaseException, path: Path | str, *, doing: str = "save to") -> str | None:
    """The disk problem behind ``exc`` as a sentence naming ``path``, or None when it is not one.

    Under a full disk SQLite says "database or disk is full" and, as often, only "disk I/O error"
    (a write cut short is an I/O error to it): the free space decides which it was. ``doing`` says
    what was being done to the file: "create", "save to".
    """
    kind = disk_error_kind(exc)
    if kind is None:
        return None
    path = Path(path)
    free = free_bytes(_folder_of(path))
    if kind == "full" or (free is not None and free < NEARLY_FULL_BYTES):
        return f"There is not enough disk space to {doing} {path}"
    return f"could not write {path}: the disk reported an error"


_DISK_WORDS = ("not enough disk space", "the disk reported an error", "is full")


def disk_message_for(exc: BaseException, said: str, *, workspace: Path | str | None,
                     output: Path | str | None = None) -> str | None:
    """What a command says instead of ``said`` when ``exc`` is a disk problem that ``said`` does not
    already word as one (SQLite's bare "disk I/O error"), or words naming a temporary build file.
    SQLite's errors are about the ``workspace`` (or ``output`` when ``said`` names it: a backup's
    target is a database too); an OSError about its own file, else ``output``.
    None keeps ``said``."""
    kind = disk_error_kind(exc)
    if kind is None:
        return None
    if any(words in said for words in _DISK_WORDS) and ".building" not in said:
        return None
    found = _first_os_error(exc)
    if found is not None:  # the OS refused a file of the command's own (an output), named or not
        target = found.filename or output or workspace
    else:  # SQLite's: about the workspace, unless what was said names the output (a backup's target)
        target = output if output is not None and Path(str(output)).name in said else workspace
    if target is None:
        return None
    return disk_error_message(exc, Path(str(target)).absolute(), doing="write")


def _first_os_error(exc: BaseException) -> OSError | None:
    """The OSError (not SQLite's) behind a disk error, if that is what it was."""
    found = _disk_error_in_chain(exc)
    return found if isinstance(found, OSError) and not isinstance(found, sqlite3.Error) else None


def backup_failure_reason(exc: BaseException) -> str:
    """Why a backup could not be written, in words: a disk problem as one, else the error's own text."""
    kind = disk_error_kind(exc)
    if kind == "full":
        return "there is not enough disk space for it"
    if kind == "io":
        return "the disk reported an error writing it"
    return str(exc)
