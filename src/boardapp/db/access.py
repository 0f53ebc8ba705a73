"""How this process holds a workspace: for writing (with its lock) or read-only (and why).

``take_workspace`` is what a window, and every command that writes, does first:

- the place is asked whether it can be written at all (a read-only folder, file or disk,
  a full disk: ``environment.write_problem``); if not, the workspace is opened read-only
  and says why, instead of failing later as "damaged";
- otherwise the workspace lock is taken (``lock.WorkspaceLock``, waiting up to ``wait``
  seconds); held by another boardapp, a window gets the workspace read-only with the
  holder named, and a command is refused;
- the file's identity is noted, and every write checks it again first
  (``check_writable``): a file replaced, moved or deleted by another program stops the
  writing with a clear message, instead of edits going to a deleted file.

While held, ``connect.connect`` opens every connection to the path read-only when the
access is read-only, and ``services.transaction`` asks ``check_writable`` before each
write.
"""
from __future__ import annotations

import socket
import threading
from pathlib import Path
from types import TracebackType

from boardapp.db import connect as connections
from boardapp.db.environment import write_problem
from boardapp.db.errors import WorkspaceError
from boardapp.db.file_identity import FileIdentity, WorkspaceReplacedError, file_identity
from boardapp.db.lock import LockHolder, LockUnavailableError, WorkspaceLock, WorkspaceLockedError


class WorkspaceReadOnlyError(WorkspaceError):
    """The workspace is open read-only here; the message says why."""


def holder_banner(holder: LockHolder | None) -> str:
    """'Open in another boardapp on this computer since 14:02 — read-only' (or on which computer)."""
    if holder is None:
        return "Open in another boardapp — read-only"
    local = holder.since.astimezone()
    from datetime import datetime

    when = f"{local:%H:%M}" if local.date() == datetime.now().astimezone().date() else f"{local:%d/%m/%Y %H:%M}"
    where = "on this computer" if holder.host == socket.gethostname() else f"on {holder.host}"
    return f"Open in another boardapp {where} since {when} — read-only"


class WorkspaceAccess:
    """One holder's access to the workspace at ``path``; ``release()`` (or ``with``) ends it."""

    def __init__(self, path: Path, *, lock: WorkspaceLock | None, identity: FileIdentity | None,
                 read_only_reason: str | None = None, holder: LockHolder | None = None) -> None:
        self.path = path
        self.lock = lock
        self.identity = identity
        #: Why the workspace is read-only here (shown in the window's banner), or None when writable.
        self.read_only_reason = read_only_reason
        #: Who holds the lock, when that is why it is read-only.
        self.holder = holder
        #: Set once the file was found replaced, moved or deleted: nothing more is written.
        self.lost: WorkspaceReplacedError | None = None
        self._released = False
        connections.register_access(path, read_only=self.read_only)
        with _held_lock:
            _held.setdefault(str(path), []).append(self)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def writable(self) -> bool:
        return not self.read_only and self.lost is None and not self._released

    def note_identity(self) -> None:
        """Note the file's identity now: this holder has just created (or rebuilt) it."""
        self.identity = file_identity(self.path)

    def check_file(self) -> WorkspaceReplacedError | None:
        """Whether the path still names the file opened (a cheap ``stat``); remembers a loss."""
        if self.lost is None and self.identity is not None:
            now = file_identity(self.path)
            if now != self.identity:
                self.lost = WorkspaceReplacedError(self.path, deleted=now is None)
        return self.lost

    def check_writable(self) -> None:
        """Raise WorkspaceError unless a write may go ahead now (called before every write)."""
        if self.read_only_reason is not None:
            raise WorkspaceReadOnlyError(
                f"{self.path.name} is open read-only here ({self.read_only_reason.removesuffix(' — read-only')}); "
                "nothing was saved.")
        lost = self.check_file()
        if lost is not None:
            raise lost

    def release(self) -> None:
        """Give the lock back and forget the access (nothing happens the second time)."""
        if self._released:
            return
        self._released = True
        with _held_lock:
            holders = _held.get(str(self.path), [])
            if self in holders:
                holders.remove(self)
            if not holders:
                _held.pop(str(self.path), None)
        connections.unregister_access(self.path, read_only=self.read_only)
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> WorkspaceAccess:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "writable" if self.writable else f"read-only ({self.read_only_reason or self.lost})"
        return f"WorkspaceAccess({str(self.path)!r}, {state})"


_held: dict[str, list[WorkspaceAccess]] = {}
_held_lock = threading.Lock()


def access_for(path: Path | str) -> WorkspaceAccess | None:
    """This process's access to the workspace at ``path`` (a writable one first), or None."""
    key = str(Path(path).expanduser().absolute())
    with _held_lock:
        holders = list(_held.get(key, []))
    if not holders:
        return None
    return next((a for a in holders if not a.read_only), holders[0])


def check_writable(path: Path | str) -> None:
    """Before a write to ``path``: refuse it when this process holds the workspace read-only, or the
    file it opened was replaced or deleted. A path this process holds no access to is not checked."""
    access = access_for(path)
    if access is not None:
        access.check_writable()


def take_workspace(path: Path | str, *, purpose: str = "window", wait: float = 0.0,
                   read_only_ok: bool = True) -> WorkspaceAccess:
    """Hold the workspace at ``path``: writable with its lock, or (``read_only_ok``) read-only saying why.

    Without ``read_only_ok`` (a command that writes) a workspace that cannot be written raises:
    WorkspaceLockedError (another boardapp holds it, after waiting ``wait`` seconds),
    LockUnavailableError or WorkspaceReadOnlyError (the place cannot be written).
    """
    path = Path(path).expanduser().absolute()
    identity = file_identity(path)
    problem = write_problem(path)
    if problem is not None:
        if not read_only_ok:
            raise WorkspaceReadOnlyError(f"{path} cannot be written: {problem}")
        return WorkspaceAccess(path, lock=None, identity=identity, read_only_reason=f"{problem[0].upper()}{problem[1:]} — read-only")
    lock = WorkspaceLock(path, purpose=purpose)
    try:
        lock.acquire(timeout=wait)
    except WorkspaceLockedError as exc:
        if not read_only_ok:
            raise
        return WorkspaceAccess(path, lock=None, identity=identity, read_only_reason=holder_banner(exc.holder),
                               holder=exc.holder)
    except LockUnavailableError as exc:
        if not read_only_ok:
            raise
        return WorkspaceAccess(path, lock=None, identity=identity, read_only_reason=f"{exc.reason[0].upper()}{exc.reason[1:]} — read-only")
    # Taken after the lock: the file we now hold is the one every later write must still find.
    return WorkspaceAccess(path, lock=lock, identity=file_identity(path) or identity)
