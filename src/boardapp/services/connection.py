"""Reads that run without the ORM: the open path of the window imports no SQLAlchemy.

The register, the dashboard's figures and the status bar are read before SQLAlchemy
and SQLModel (~0.65 s to import and build the models) are loaded, straight on the
standard library's ``sqlite3``. The same read functions also take a SQLModel
``Session`` (they then use its driver connection, inside its transaction), so a
service that writes can hand back fresh rows from the same transaction.
"""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timezone
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from sqlmodel import Session

#: What a read takes: a SQLModel session, or a bare DB-API connection (the open path).
Reader = Union["Session", sqlite3.Connection]


def dbapi(reader: Reader) -> sqlite3.Connection:
    """The DB-API connection behind ``reader`` (the session's own, in its transaction)."""
    from boardapp.db.connect import CONNECTION_TYPES  # sqlite3, or sqlcipher3 for an encrypted workspace

    if isinstance(reader, CONNECTION_TYPES):
        return reader  # type: ignore[return-value]
    if reader.autoflush and (reader.new or reader.dirty or reader.deleted):
        reader.flush()  # what an ORM query would do first: the read sees the session's own pending changes
    return reader.connection().connection.driver_connection  # type: ignore[return-value]


def to_date(text: str | None) -> date | None:
    """A stored date column ('YYYY-MM-DD'), or None."""
    return None if text is None else date.fromisoformat(text)


def to_time(text: str | None) -> time | None:
    """A stored time column ('HH:MM:SS.ffffff', as SQLAlchemy writes it), or None."""
    return None if text is None else time.fromisoformat(text)


def to_utc(text: str | None) -> datetime | None:
    """A stored UTCDateTime column (naive UTC text, as ``db.types.UTCDateTime`` writes it), aware, or None."""
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=timezone.utc)
