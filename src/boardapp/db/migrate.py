"""Schema migrations of a workspace file, with Alembic configured from code.

No ``alembic.ini`` is needed at run time: the script folder is the ``alembic``
package beside this module (installed as package data, and bundled as data by
``build_installer.spec``).

Migrations run on their own engine with ``foreign_keys`` OFF and inside ONE
transaction. OFF because a batch migration recreates a table (create copy, drop
old, rename) and dropping a parent table with foreign keys ON would fire its
``ON DELETE CASCADE`` on the children; one transaction because SQLite has
transactional DDL, so a failed upgrade leaves the file exactly as it was.
``foreign_key_check`` runs afterwards instead.

Developers add a revision with ``python -m boardapp.db.migrate "what changed"``:
it upgrades a scratch database to head and autogenerates the difference from
``models.py`` into ``alembic/versions/NNNN_what_changed.py`` (review it by hand).
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event

if TYPE_CHECKING:  # Alembic costs ~0.4 s to import: only pay it when a migration must run
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: The Alembic script folder (env.py, script.py.mako, versions/).
SCRIPT_LOCATION: Path = Path(__file__).resolve().with_name("alembic")



class MigrationError(RuntimeError):
    """An upgrade ran but left the workspace inconsistent (or could not run)."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration without an ini file, optionally bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=4)
def _script_directory(location: str) -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", location)
    config.set_main_option("path_separator", "os")
    return ScriptDirectory.from_config(config)


def script_directory() -> ScriptDirectory:
    """The migration scripts this app ships (parsed once per location)."""
    return _script_directory(str(SCRIPT_LOCATION))


def scripts_head_revision() -> str:
    """The head revision as the shipped scripts say (imports Alembic)."""
    head = script_directory().get_current_head()
    if head is None:
        raise MigrationError("no migration scripts found in the installed boardapp")
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the file, None when it has never been migrated."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _migration_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Driver-level autocommit: the "begin" listener below emits BEGIN itself, so
    # DDL runs inside the transaction too (pysqlite would otherwise commit before it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=OFF")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migration_engine(path: Path) -> Engine:
    """An engine for migrating ``path``: foreign keys off, transactional DDL."""
    from boardapp.db.connect import connect, dbapi_module  # every connection to a workspace is connect's

    module = dbapi_module(path)  # sqlcipher3 for an encrypted file (or one about to be made encrypted)
    extra = {"module": module} if module is not None else {}
    engine = create_engine(f"sqlite:///{path}", creator=lambda: connect(path, read_only=False, create=True), **extra)
    event.listen(engine, "connect", _migration_pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def upgrade_to_head(path: Path) -> str:
    """Bring the file at ``path`` to the head revision in one transaction; returns the head.

    The caller decides about backups first (``boardapp.db.workspace`` takes a
    verified one when the file already holds a schema).
    """
    from alembic import command

    engine = migration_engine(path)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            revision = current_revision(connection)
    finally:
        engine.dispose()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise MigrationError(
            f"the upgrade left {len(problems)} broken reference(s), e.g. {table} row {rowid} -> {parent}"
        )
    if revision is None:
        raise MigrationError("the upgrade did not stamp a schema revision")
    return revision


def make_revision(message: str) -> Path:
    """Autogenerate the next revision from the difference between head and ``models.py``."""
    from alembic import command

    existing = [s.revision for s in script_directory().walk_revisions()]
    numbers = [int(r) for r in existing if r.isdigit()]
    rev_id = f"{max(numbers, default=0) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        db_path = Path(scratch) / "head.db"
        if existing:
            upgrade_to_head(db_path)
        engine = migration_engine(db_path)
        try:
            with engine.begin() as connection:
                script = command.revision(
                    alembic_config(connection), message=message, autogenerate=True, rev_id=rev_id
                )
        finally:
            engine.dispose()
            _script_directory.cache_clear()
    if script is None or isinstance(script, list):
        raise MigrationError("alembic did not write exactly one revision")
    return Path(script.path)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print('usage: python -m boardapp.db.migrate "what changed"', file=sys.stderr)
        sys.exit(2)
    print(make_revision(sys.argv[1]))
