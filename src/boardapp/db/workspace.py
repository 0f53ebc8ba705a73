"""Opening a workspace file: every check a file gets before the app trusts it.

In order: the file exists (or ``create=True``); it is not on a network share
(SQLite's locking is unreliable there, so two laptops could overwrite each
other's edits); it is an SQLite file that passes ``quick_check`` (else the
newest backup is offered); its schema revision is one this app knows (a newer
one is refused rather than half-understood); pending migrations run after a
verified backup. Then the engine with the app's pragmas is returned.
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from boardapp import __version__
from boardapp.db import models  # noqa: F401  (registers the tables)
from boardapp.db.backup import (
    automatic_backup,
    file_problem,
    has_sqlite_header,
    has_tables,
    newest_backup,
    stored_revision,
)
from boardapp.db.engine import make_engine
from boardapp.db.errors import (
    BackupError,
    CorruptWorkspaceError,
    MissingWorkspaceError,
    NetworkShareError,
    NewerSchemaError,
    NotAWorkspaceError,
    WorkspaceError,
)
from boardapp.db.migrate import MigrationError, head_revision, is_known_revision, upgrade_to_head

__all__ = [
    "BackupError", "CorruptWorkspaceError", "MissingWorkspaceError", "NetworkShareError",
    "NewerSchemaError", "NotAWorkspaceError", "WorkspaceError", "WorkspaceStatus",
    "filesystem_type", "inspect_workspace", "is_network_filesystem", "open_and_read", "open_workspace",
]

T = TypeVar("T")

#: Filesystem types (Linux mountinfo / macOS mount names) that are network shares.
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "afs", "ceph", "glusterfs", "9p",
    "lustre", "gpfs", "ncpfs", "davfs", "webdav", "afpfs", "coda", "ocfs2", "gfs2", "beegfs",
    "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "fuse.s3fs",
    "fuse.gcsfuse", "fuse.smbnetfs",
    "remote",  # what filesystem_type() says on Windows for a UNC path or a mapped network drive
})


def is_network_filesystem(fs_type: str | None) -> bool:
    """Whether a filesystem type names a network share."""
    return fs_type is not None and fs_type.lower() in NETWORK_FS_TYPES


def _unescape_mount_point(field: str) -> str:
    # mountinfo writes space, tab, newline and backslash as octal escapes (\040 ...).
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _longest_mount(path: PurePosixPath, mounts: list[tuple[str, str]]) -> str | None:
    """The fs type of the deepest mount point containing ``path`` (later mounts win ties)."""
    best: tuple[int, str] | None = None
    for mount_point, fs_type in mounts:
        point = PurePosixPath(mount_point)
        if path == point or point in path.parents:
            depth = len(point.parts)
            if best is None or depth >= best[0]:
                best = (depth, fs_type)
    return best[1] if best else None


def fs_type_from_mountinfo(path: PurePosixPath, mountinfo: str) -> str | None:
    """The filesystem type of ``path`` according to Linux ``/proc/self/mountinfo`` text."""
    mounts: list[tuple[str, str]] = []
    for line in mountinfo.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        after = line.split(" - ", 1)[1].split()
        if after:
            mounts.append((_unescape_mount_point(fields[4]), after[0]))
    return _longest_mount(path, mounts)


_MAC_MOUNT_LINE = re.compile(r"^.+? on (?P<point>/.*?) \((?P<type>[^,()]+)")


def fs_type_from_mount_output(path: PurePosixPath, text: str) -> str | None:
    """The filesystem type of ``path`` according to macOS/BSD ``mount`` output."""
    mounts = [
        (m.group("point"), m.group("type").strip())
        for line in text.splitlines()
        if (m := _MAC_MOUNT_LINE.match(line))
    ]
    return _longest_mount(path, mounts)


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def _windows_fs_type(path: Path) -> str | None:
    text = str(path)
    if text.upper().startswith("\\\\?\\UNC\\") or (text.startswith("\\\\") and not text.startswith("\\\\?\\")):
        return "remote"
    drive = os.path.splitdrive(text)[0]
    if not drive:
        return None
    import ctypes

    drive_remote = 4
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return "remote" if kernel32.GetDriveTypeW(drive + "\\") == drive_remote else None


def filesystem_type(path: Path) -> str | None:
    """The type of filesystem holding ``path`` (or the folder it would be created in).

    None when it cannot be told; that is treated as local. Tests monkeypatch this.
    """
    target = _existing_ancestor(path)
    try:
        if sys.platform == "win32":
            return _windows_fs_type(target)
        if sys.platform.startswith("linux"):
            text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
            return fs_type_from_mountinfo(PurePosixPath(target), text)
        if sys.platform == "darwin":
            # os.statvfs has no fs type on macOS; the mount table names it (smbfs, nfs, afpfs, webdav).
            result = subprocess.run(["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False)
            return fs_type_from_mount_output(PurePosixPath(target), result.stdout)
    except (OSError, subprocess.SubprocessError):
        return None
    return None


def refuse_network_share(path: Path) -> None:
    """Raise NetworkShareError when ``path`` is on a network share."""
    fs_type = filesystem_type(path)
    if is_network_filesystem(fs_type):
        raise NetworkShareError(path, fs_type or "network")


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
    if check_pages:
        _raise_if_damaged(path, file_problem(path, thorough=thorough))
    revision = stored_revision(path)
    head = head_revision()
    if revision is None and has_tables(path):
        raise NotAWorkspaceError(path, "it holds tables but no boardapp schema version")
    if revision is not None and not is_known_revision(revision):
        raise NewerSchemaError(path, revision, head, __version__)
    return WorkspaceStatus(path=path, revision=revision, head=head)


def _raise_if_damaged(path: Path, problem: str | None) -> None:
    if problem is not None:
        raise CorruptWorkspaceError(path, problem, newest_backup(path))


def _upgrade(path: Path, backup: Path | None) -> None:
    try:
        upgrade_to_head(path)
    except (MigrationError, SQLAlchemyError, OSError) as exc:
        kept = f"; the backup taken before it is {backup}" if backup else ""
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WorkspaceError(f"upgrading {path} to schema {head_revision()} failed ({first_line}){kept}") from exc


def open_workspace(path: Path | str, *, create: bool = False) -> Engine:
    """Check, migrate if needed, and open the workspace at ``path``.

    ``create=True`` makes a new, fully migrated file when none exists; without
    it a missing file raises MissingWorkspaceError. Every refusal is a
    WorkspaceError subclass whose message says what to do.
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        if not create:
            raise MissingWorkspaceError(path)
        refuse_network_share(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _upgrade(path, None)
        return make_engine(path)
    status = inspect_workspace(path)
    if status.pending_upgrade:
        backup = None
        if status.revision is not None:
            backup = automatic_backup(path, f"before-upgrade-{status.revision}")
        _upgrade(path, backup)
    return make_engine(path)


def _yield_to_other_threads() -> None:
    """Lower this thread's priority where the OS allows it per thread (Linux): the check then
    runs on an idle core, not on the one the first read needs (on a 2-core machine it was
    slowing that read by a third)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass


def open_and_read(path: Path | str, read: Callable[[Engine], T]) -> tuple[Engine, T]:
    """Open the workspace at ``path`` and run ``read`` on it while ``quick_check`` runs alongside.

    The check spends its time inside SQLite with Python's lock released, so on a second
    core it costs the first read nothing (~0.15 s of a 50,000-action open). ``read`` must
    only read: if the check then fails, its result is thrown away, the engine disposed,
    and the same CorruptWorkspaceError as ``open_workspace`` raised. A file that needs an
    upgrade, or whose schema cannot even be read, takes ``open_workspace``'s path first.
    """
    path = Path(path).expanduser().absolute()
    try:
        status = inspect_workspace(path, check_pages=False)
    except sqlite3.DatabaseError:
        status = None  # unreadable schema table: let the sequential open say why
    if status is None or status.pending_upgrade:
        engine = open_workspace(path)
        return engine, read(engine)

    found: dict[str, str | None] = {}

    def check() -> None:
        _yield_to_other_threads()
        try:
            found["problem"] = file_problem(path)
        except OSError as exc:
            found["problem"] = f"it cannot be read ({exc.strerror or exc})"

    checker = threading.Thread(target=check, name="quick_check", daemon=True)
    checker.start()
    engine = make_engine(path)
    try:
        value = read(engine)
    except BaseException:
        checker.join()
        engine.dispose()
        _raise_if_damaged(path, found.get("problem"))  # a damaged file explains a failed read
        raise
    checker.join()
    if found.get("problem") is not None:
        engine.dispose()
        _raise_if_damaged(path, found["problem"])
    return engine, value
