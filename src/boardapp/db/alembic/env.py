"""Alembic environment for the workspace database.

Configured from code (``boardapp.db.migrate``), never from an ``alembic.ini``: the
caller hands over an open connection in ``config.attributes["connection"]``.
``render_as_batch=True`` because SQLite can only add columns in place; every other
change (drop or alter a column, add a constraint) is a batch "copy and move" of the table.
"""
from __future__ import annotations

from typing import Any

from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

from boardapp.db import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from boardapp.db.types import UTCDateTime

config = context.config
target_metadata = SQLModel.metadata


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | bool:
    """Write app-specific column types as plain SQLAlchemy ones.

    A migration script must not import the app's current code: SQLModel's
    AutoString is a String and UTCDateTime stores a naive UTC DateTime.
    """
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String({obj.length})" if obj.length else "sa.String()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime()"
    return False


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("boardapp migrations run through boardapp.db.migrate, with a connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported for workspace files")
run_migrations_online()
