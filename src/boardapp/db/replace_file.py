"""Putting a newly built workspace file in place of an old one: one rename, nothing lost, nothing left over.

``demo --force`` used to delete the old workspace and then move the new one in; a kill in
between left no workspace at the path. Here the new file is renamed *over* the old one, so
the path always holds a whole workspace. Before that, the old file's own ``-wal`` or hot
``-journal`` is settled by SQLite itself (a checkpoint, or the rollback a hot journal asks
for) rather than deleted: a deleted hot journal leaves a half-written transaction in the
file, and an old ``-wal`` left beside the new file would be replayed into it. Leftovers of a
killed build (``<path>.building*``) are removed at the next run.
"""
from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path

from boardapp.db.connect import DB_ERRORS, connect_file
from boardapp.db.errors import WorkspaceError

BUILDING_SUFFIX = ".building"


def building_path(path: Path) -> Path:
    """Where a new workspace for ``path`` is built before it replaces ``path``."""
    return path.with_name(path.name + BUILDING_SUFFIX)


def remove_build_leftovers(path: Path) -> list[Path]:
    """Delete ``<path>.building*`` files (with their -wal/-shm/-journal) left by a killed build; returns them.

    Only those names: ``<path>-wal`` and ``<path>-journal`` belong to the workspace and are never touched.
    """
    folder = path.absolute().parent
    prefix = path.name + BUILDING_SUFFIX
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for leftover in folder.iterdir():
        if leftover.name.startswith(prefix) and (leftover.is_file() or leftover.is_symlink()):
            leftover.unlink(missing_ok=True)
            removed.append(leftover)
    return removed


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _needs_settling(path: Path) -> bool:
    wal = _companion(path, "-wal")
    return _companion(path, "-journal").exists() or (wal.exists() and wal.stat().st_size > 0)


def settle_companions(path: Path) -> None:
    """Let SQLite finish with ``path``'s -wal or hot -journal (checkpoint or roll back) so the file stands alone."""
    if not path.is_file() or not _needs_settling(path):
        return
    try:
        with closing(connect_file(path, mode="rw", timeout=5)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a hot journal is rolled back here
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            if mode == "wal":
                busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                if busy:
                    raise WorkspaceError(f"{path} is in use by another program; close it and try again")
    except DB_ERRORS as exc:
        raise WorkspaceError(f"{path} cannot be replaced: SQLite could not finish its last write ({exc})") from exc


def replace_workspace_file(new_file: Path, path: Path) -> None:
    """Rename the complete ``new_file`` over ``path`` in one step; settle the old file's companions first.

    A damaged old file whose companions cannot be settled is moved aside (with them) into the
    backups folder instead: nothing of it is deleted.
    """
    if path.exists():
        try:
            settle_companions(path)
        except WorkspaceError:
            if not _looks_damaged(path):
                raise
            _move_aside_with_companions(path)
    os.replace(new_file, path)
    # The old file's -wal is now empty (settled) and its -shm describes nothing: both go, so the
    # new file starts clean. A non-empty -wal could only be another program's: it is left alone.
    wal, shm = _companion(path, "-wal"), _companion(path, "-shm")
    if not (wal.exists() and wal.stat().st_size > 0):
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)


def _move_aside_with_companions(path: Path) -> Path:
    from boardapp.db.backup import backup_path

    destination = backup_path(path, "damaged")
    destination.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-journal", "-shm"):
        if _companion(path, suffix).exists():
            os.replace(_companion(path, suffix), _companion(destination, suffix))
    os.replace(path, destination)
    return destination


def _looks_damaged(path: Path) -> bool:
    from boardapp.db.backup import file_problem

    try:
        return file_problem(path) is not None
    except OSError:
        return True
