"""A new workspace file appears whole or not at all: built under a temporary name, then put in place.

``boardapp new`` and the wizard used to create the file at its final name; a full disk part-way
left a 4 KB file there that was no workspace, and the next try was refused ("already exists").
Now the file is built as ``<name>.building`` in the same folder (so the last step is a rename on
one disk), its write-ahead log is checkpointed into it, and only then is it given its name,
without ever replacing a file that appeared there meanwhile. On any failure the temporary files go.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from sqlalchemy import Engine

from boardapp.db.errors import WorkspaceError
from boardapp.db.replace_file import building_path, remove_build_leftovers

__all__ = ["building_path", "finish_building", "place_new_file", "remove_build_leftovers", "remove_new_file"]

_COMPANIONS = ("-wal", "-shm", "-journal")


def finish_building(engine: Engine, building: Path) -> None:
    """Fold the new file's write-ahead log into it and close it, so the file alone is the workspace.

    Raises WorkspaceError (or the driver's error, a disk one included) when SQLite could not.
    """
    try:
        with engine.connect() as conn:
            busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            conn.commit()
    finally:
        engine.dispose()
    wal = building.with_name(building.name + "-wal")
    if busy or (wal.exists() and wal.stat().st_size > 0):
        raise WorkspaceError(f"{building} could not be completed: SQLite could not finish writing it")


def place_new_file(building: Path, target: Path) -> None:
    """Give the complete ``building`` file the name ``target``; never replace a file already there.

    A hard link is the one step that fails when ``target`` exists; where the disk has no hard links
    (FAT, some shares) a rename after a last check does the same job.
    """
    try:
        os.link(building, target)
    except FileExistsError:
        raise FileExistsError(
            f"{target} already exists; choose another file name (a workspace is never replaced)") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
                             getattr(errno, "ENOSYS", errno.ENOTSUP)) and not isinstance(exc, NotImplementedError):
            raise
        if target.exists():
            raise FileExistsError(
                f"{target} already exists; choose another file name (a workspace is never replaced)") from None
        os.rename(building, target)
        return
    building.unlink()


def remove_new_file(path: Path) -> None:
    """Delete a workspace file this process has just made (and its -wal/-shm), after a failure to open it."""
    for leftover in (path, *(path.with_name(path.name + suffix) for suffix in _COMPANIONS)):
        leftover.unlink(missing_ok=True)
