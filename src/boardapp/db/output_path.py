"""Where a command may write a file it makes (the pack's PDF, a backup, an export): checked before writing.

Every writer builds its file under a temporary name beside the target and renames it into
place. A rename replaces whatever the name points at, so without these checks ``pack --out
ws.db`` replaced the workspace with the PDF, and a FIFO or a device node (``/dev/full``) at
``--out`` was replaced too. ``output_problem`` refuses the workspace itself and its SQLite
companions (``-wal``, ``-shm``, ``-journal``), a folder, anything that is not a regular file,
a missing or read-only folder, and (for backups) any existing file.
"""
from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from boardapp.db.errors import WorkspaceError

#: The files SQLite keeps beside a workspace; writing over one destroys committed edits.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputPathError(WorkspaceError):
    """An output file name that must not be written; the message names it and says why."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"cannot write {path}: {why}")
        self.path = path
        self.why = why


def _real(path: Path) -> str:
    return os.path.normcase(os.path.realpath(os.path.abspath(path)))


def _workspace_role(out: Path, workspace: Path) -> str | None:
    """What ``out`` is of ``workspace`` ("the workspace itself", "its -wal file"), or None."""
    real_out, real_ws = _real(out), _real(workspace)
    if real_out == real_ws:
        return "it is the workspace itself"
    for suffix in COMPANION_SUFFIXES:
        if real_out == real_ws + suffix:
            return f"it is the workspace's {suffix} file, which SQLite needs to keep its edits"
    try:
        if out.exists() and workspace.exists() and os.path.samefile(out, workspace):
            return "it is the workspace itself (another name for the same file)"
    except OSError:
        pass
    return None


def output_problem(out: Path | str, *, workspaces: Iterable[Path | str] = (), may_replace: bool = True) -> str | None:
    """Why ``out`` must not be written, or None when a new file (or, with ``may_replace``, a regular file) may go there."""
    out = Path(out).expanduser()
    for workspace in workspaces:
        role = _workspace_role(out, Path(workspace).expanduser())
        if role is not None:
            return role
    try:
        mode: int | None = os.stat(out).st_mode  # follows a symbolic link to what it names
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        return exc.strerror or str(exc)
    if mode is not None:
        if stat.S_ISDIR(mode):
            return "it is a folder; give a file name in it"
        if not stat.S_ISREG(mode):
            return "it is not a regular file (a device, pipe or socket); choose a file name"
        if not may_replace:
            return "it already exists; choose another file name (a backup never replaces a file)"
    folder = Path(os.path.abspath(out)).parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is read-only for you"
    return None


def check_output_path(out: Path | str, *, workspaces: Iterable[Path | str] = (), may_replace: bool = True) -> Path:
    """``out`` as a Path when it may be written; else OutputPathError naming it and why."""
    path = Path(out).expanduser()
    why = output_problem(path, workspaces=workspaces, may_replace=may_replace)
    if why is not None:
        raise OutputPathError(path, why)
    return path


def describe_write_error(exc: OSError, out: Path | str) -> str:
    """A failed write of ``out`` in the user's words, naming ``out`` (never the temporary file)."""
    from boardapp.db.environment import describe_os_error

    out = Path(out)
    if exc.errno == errno.ENOENT:
        return f"cannot write {out}: the folder {Path(os.path.abspath(out)).parent} does not exist"
    return f"cannot write {out}: {describe_os_error(exc, out)}"


def place_new_file(temporary: Path, out: Path) -> None:
    """Move the finished ``temporary`` to ``out`` without ever replacing a file that appeared there meanwhile.

    A hard link fails if ``out`` exists (a rename would silently replace it); where hard links
    are not supported (FAT, some network disks) the name is checked and the file renamed.
    """
    try:
        os.link(temporary, out)
    except FileExistsError:
        raise OutputPathError(out, "it already exists; choose another file name (a backup never replaces a file)") from None
    except OSError:
        if os.path.lexists(out):
            raise OutputPathError(out, "it already exists; choose another file name") from None
        os.replace(temporary, out)
        return
    os.unlink(temporary)


def replace_regular_file(temporary: Path, out: Path, *, workspaces: Iterable[Path | str] = ()) -> None:
    """Rename the finished ``temporary`` over ``out``, only when ``out`` is missing or a regular file."""
    why = output_problem(out, workspaces=workspaces, may_replace=True)
    if why is not None:
        raise OutputPathError(out, why)
    os.replace(temporary, out)
