"""Is the workspace file still the one this process opened?

SQLite keeps writing to the file it opened even after another program deleted it or
renamed another file over it: every edit reports "saved" and is gone when the window
closes. The engine notes the file's identity (device and inode; Windows' file index)
when it is made and checks it before every transaction, refusing to go on once the path
names another file, or none.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from boardapp.db.errors import WorkspaceError


@dataclass(frozen=True)
class FileIdentity:
    """Which file a path names: the same device and inode means the same file, whatever its content."""

    device: int
    inode: int


def file_identity(path: Path | str) -> FileIdentity | None:
    """The identity of the file at ``path`` now, or None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return FileIdentity(found.st_dev, found.st_ino)


class WorkspaceReplacedError(WorkspaceError):
    """The workspace file was deleted, moved or replaced by another program while it was open."""

    def __init__(self, path: Path, deleted: bool) -> None:
        what = "deleted or moved" if deleted else "replaced by another file"
        super().__init__(
            f"{path} was {what} by another program while it was open here, so nothing more is saved "
            "to it (an edit now would be lost). Open the workspace again to see the file as it is now."
        )
        self.path = path
        self.deleted = deleted


def check_same_file(path: Path, expected: FileIdentity | None) -> None:
    """Raise WorkspaceReplacedError unless ``path`` still names the file ``expected`` identifies."""
    if expected is None:
        return
    now = file_identity(path)
    if now != expected:
        raise WorkspaceReplacedError(path, deleted=now is None)
