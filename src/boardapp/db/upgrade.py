"""Bringing a workspace file to this app's schema: a verified backup first, then the migrations.

Alembic and SQLAlchemy are imported only here and only when a file needs it, so an
up-to-date workspace opens without them.
"""
from __future__ import annotations

from pathlib import Path

from boardapp.db.backup import automatic_backup
from boardapp.db.errors import WorkspaceError
from boardapp.db.filesystem import refuse_network_share
from boardapp.db.schema_version import head_revision


def _upgrade(path: Path, backup: Path | None, doing: str = "upgrade") -> None:
    from sqlalchemy.exc import SQLAlchemyError

    from boardapp.db.environment import disk_error_message
    from boardapp.db.migrate import MigrationError, upgrade_to_head

    try:
        upgrade_to_head(path)
    except (MigrationError, SQLAlchemyError, OSError) as exc:
        kept = f"; the backup taken before it is {backup}" if backup else ""
        disk = disk_error_message(exc, path, doing=doing)  # a full disk is not a failed migration
        if disk is not None:
            raise WorkspaceError(f"{disk}{kept}") from exc
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise WorkspaceError(f"upgrading {path} to schema {head_revision()} failed ({first_line}){kept}") from exc


def upgrade_if_needed(path: Path, revision: str | None) -> None:
    """Migrate a checked file whose schema ``revision`` is behind, after a verified backup (none for a file
    with no schema yet: there is nothing to lose)."""
    if revision == head_revision():
        return
    backup = automatic_backup(path, f"before-upgrade-{revision}") if revision is not None else None
    _upgrade(path, backup)


def create_schema(path: Path) -> None:
    """Write the full schema into a new file at ``path``."""
    refuse_network_share(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _upgrade(path, None, doing="create")
