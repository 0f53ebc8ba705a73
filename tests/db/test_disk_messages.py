"""A write the disk refused reads as a disk problem naming the file, however deep it is wrapped."""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import OperationalError

from boardapp.db.environment import disk_error_kind, disk_error_message
from boardapp.db.errors import WorkspaceError


def _wrapped(original: BaseException) -> BaseException:
    """As the app meets it: SQLAlchemy's error around the driver's, re-raised as a refusal."""
    try:
        try:
            raise OperationalError("INSERT INTO action", {}, original)  # type: ignore[arg-type]
        except OperationalError as exc:
            raise WorkspaceError("refused") from exc
    except WorkspaceError as outer:
        return outer


def test_full_and_io_errors_are_told_apart_and_name_the_file(tmp_path: Path) -> None:
    db = tmp_path / "ours.db"
    full = _wrapped(sqlite3.OperationalError("database or disk is full"))
    assert disk_error_kind(full) == "full"
    assert disk_error_message(full, db, doing="create") == f"There is not enough disk space to create {db}"
    io = _wrapped(sqlite3.OperationalError("disk I/O error"))
    assert disk_error_kind(io) == "io"
    assert disk_error_message(io, db) == f"could not write {db}: the disk reported an error"
    assert disk_error_kind(OSError(errno.ENOSPC, "No space left on device")) == "full"
    assert disk_error_kind(OSError(errno.EFBIG, "File too large")) == "full"


def test_other_errors_are_not_disk_problems(tmp_path: Path) -> None:
    for other in (sqlite3.OperationalError("no such table: action"), sqlite3.IntegrityError("UNIQUE constraint"),
                  ValueError("disk I/O error"), OSError(errno.EACCES, "Permission denied")):
        assert disk_error_kind(_wrapped(other)) is None
        assert disk_error_message(other, tmp_path / "ours.db") is None
