"""Opening a workspace for the ORM: checks (``opening``), migrations behind a verified backup, the engine.

``boardapp.db.opening`` has the checks and the window's ORM-free first read; this
module adds what needs SQLAlchemy: creating a new file, upgrading an old one after a
verified backup, and the engine with the app's pragmas.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from boardapp.db import models  # noqa: F401  (registers the tables)
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
from boardapp.db.filesystem import (
    filesystem_type, fs_type_from_mount_output, fs_type_from_mountinfo, is_network_filesystem,
)
from boardapp.db.opening import WorkspaceStatus, inspect_workspace, open_and_read
from boardapp.db.upgrade import create_schema, upgrade_if_needed

__all__ = [
    "BackupError", "CorruptWorkspaceError", "MissingWorkspaceError", "NetworkShareError",
    "NewerSchemaError", "NotAWorkspaceError", "WorkspaceError", "WorkspaceStatus",
    "filesystem_type", "fs_type_from_mount_output", "fs_type_from_mountinfo", "inspect_workspace",
    "is_network_filesystem", "open_and_read", "open_workspace",
]


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
        create_schema(path)
        return make_engine(path)
    status = inspect_workspace(path)
    upgrade_if_needed(status.path, status.revision)
    return make_engine(path)
