"""The workspace lock: one boardapp at a time writes a workspace file.

An operating-system lock (``filelock``: ``flock`` on Unix, ``LockFileEx`` on Windows) on
a side file ``<workspace>.lock``. The OS drops it when its process ends, however it
ends, so a crash never leaves a workspace locked (a PID file would). The window holds
it while a workspace is open; every command that writes a workspace (``demo``,
``restore``, a backup's target, an upgrade) takes it for as long as it writes.

The holder writes who it is into the lock file (process id, host, user, since when,
what for), so a refused second opener can say "open in boardapp (window) on LAPTOP-3
since 14:02". The first byte of the file is left as a newline: on Windows it is the
locked byte, which other processes cannot read.
"""
from __future__ import annotations

import json
import os
import random
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from boardapp.db.errors import WorkspaceError

LOCK_SUFFIX = ".lock"


def lock_path_for(path: Path | str) -> Path:
    """The side file that carries the lock of the workspace at ``path``."""
    path = Path(path).expanduser().absolute()
    return path.with_name(path.name + LOCK_SUFFIX)


@dataclass(frozen=True)
class LockHolder:
    """Who holds a workspace lock, as the holder wrote it."""

    pid: int
    host: str
    user: str
    since: datetime  # aware UTC
    purpose: str  # "window", "demo", "restore", "backup", "upgrade"

    def describe(self, *, here: str | None = None) -> str:
        """'boardapp (window, process 1234) on LAPTOP-3 since 14:02' (the host left out when it is this one)."""
        local = self.since.astimezone()
        today = datetime.now().astimezone().date()
        when = f"{local:%H:%M}" if local.date() == today else f"{local:%d/%m/%Y %H:%M}"
        host = "" if self.host == (here or socket.gethostname()) else f" on {self.host}"
        return f"boardapp ({self.purpose}, process {self.pid}){host} since {when}"


class WorkspaceLockedError(WorkspaceError):
    """Another boardapp holds the workspace's lock. ``holder`` is who, when the lock file says."""

    def __init__(self, path: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder is not None else "another boardapp"
        super().__init__(f"{path} is in use by {who}; close it there first, then try again")
        self.path = path
        self.holder = holder


class LockUnavailableError(WorkspaceError):
    """The lock file cannot be created or opened (a read-only folder, no permission)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path} cannot be locked for writing ({reason})")
        self.path = path
        self.reason = reason


def _holder_text(purpose: str) -> bytes:
    try:
        import getpass

        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        user = "unknown"
    record = {
        "app": "boardapp", "pid": os.getpid(), "host": socket.gethostname(), "user": user,
        "since": datetime.now(timezone.utc).isoformat(timespec="seconds"), "purpose": purpose,
    }
    return b"\n" + json.dumps(record).encode("utf-8") + b"\n"


def _parse_holder(raw: bytes) -> LockHolder | None:
    try:
        record = json.loads(raw.decode("utf-8").strip() or "null")
        if not isinstance(record, dict):
            return None
        return LockHolder(
            pid=int(record["pid"]), host=str(record.get("host", "")), user=str(record.get("user", "")),
            since=datetime.fromisoformat(str(record["since"])), purpose=str(record.get("purpose", "")),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def _read_holder(lock_file: Path) -> LockHolder | None:
    try:
        with lock_file.open("rb") as handle:
            handle.seek(1)  # byte 0 is the one locked on Windows
            return _parse_holder(handle.read(4096))
    except OSError:
        return None


class WorkspaceLock:
    """The lock of one workspace file, for one holder in this process.

    ``acquire(timeout=0)`` takes it or raises WorkspaceLockedError (held by another boardapp,
    or by another WorkspaceLock of this process) or LockUnavailableError; ``timeout`` > 0
    waits that many seconds first (``--wait S``). ``release()`` gives it back (also on
    ``with`` exit). Not re-entrant: acquiring a held lock again is a no-op.
    """

    def __init__(self, path: Path | str, *, purpose: str = "window") -> None:
        self.path = Path(path).expanduser().absolute()
        self.lock_file = lock_path_for(self.path)
        self.purpose = purpose
        self._lock = FileLock(self.lock_file, thread_local=False, on_acquired=self._write_holder)

    def _write_holder(self, fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, _holder_text(self.purpose))
        os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))

    @property
    def held(self) -> bool:
        """Whether this object holds the lock now."""
        return self._lock.is_locked

    def acquire(self, timeout: float = 0) -> WorkspaceLock:
        """Take the lock (waiting up to ``timeout`` seconds); returns self."""
        if self.held:
            return self
        deadline = time.monotonic() + max(timeout, 0)
        try:
            while True:
                try:
                    self._lock.acquire(timeout=0)
                    break
                except Timeout:
                    if time.monotonic() >= deadline:
                        raise
                # A short, random pause between tries: waiters that poll in step with each other (or
                # with a holder that lets go and takes it again) would otherwise starve one of them.
                time.sleep(random.uniform(0.001, 0.006))
        except Timeout:
            raise WorkspaceLockedError(self.path, _read_holder(self.lock_file)) from None
        except OSError as exc:
            from boardapp.db.environment import describe_os_error

            raise LockUnavailableError(self.path, describe_os_error(exc, self.lock_file)) from exc
        return self

    def release(self) -> None:
        """Give the lock back (nothing happens when it is not held)."""
        if self.held:
            self._lock.release(force=True)

    def holder_info(self) -> LockHolder | None:
        """Who holds the lock now (this object included), or None when nobody does.

        Tells by trying the lock for an instant, so do not call it in a tight loop.
        """
        if self.held:
            return _read_holder(self.lock_file)
        probe = FileLock(self.lock_file, thread_local=False)
        try:
            probe.acquire(timeout=0)
        except Timeout:
            return _read_holder(self.lock_file)
        except OSError:
            return None
        probe.release(force=True)
        return None

    def __enter__(self) -> WorkspaceLock:
        return self.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"WorkspaceLock({str(self.path)!r}, purpose={self.purpose!r}, held={self.held})"
