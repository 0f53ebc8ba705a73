"""Which schema revisions this app knows, without importing Alembic or SQLAlchemy.

Opening an up-to-date workspace only compares the stamped revision with
``HEAD_REVISION``; the shipped migration scripts are read (Alembic, ~0.4 s) only
when a file carries another revision.
"""
from __future__ import annotations

#: The newest revision in alembic/versions. tests/db/test_migrations.py checks it equals the
#: scripts' head, so adding a migration without updating it fails the tests.
HEAD_REVISION = "0002"


def head_revision() -> str:
    """The schema revision this app writes."""
    return HEAD_REVISION


def is_known_revision(revision: str) -> bool:
    """Whether this app has the migration script for ``revision``."""
    if revision == HEAD_REVISION:
        return True
    from boardapp.db.migrate import script_directory

    return any(script.revision == revision for script in script_directory().walk_revisions())
