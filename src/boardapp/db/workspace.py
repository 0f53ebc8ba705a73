"""Opening a workspace file. (Minimal first version: creates the schema; the full
open — network-share refusal, quick_check, migrations after a verified backup,
newer-schema refusal — replaces this with the same signature.)"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import SQLModel

from boardapp.db import models  # noqa: F401  (registers the tables)
from boardapp.db.engine import make_engine


class WorkspaceError(RuntimeError):
    """A workspace cannot be opened; the message says why and what to do."""


def open_workspace(path: Path | str, *, create: bool = False) -> Engine:
    path = Path(path)
    if not create and not path.exists():
        raise WorkspaceError(f"{path} does not exist")
    engine = make_engine(path)
    SQLModel.metadata.create_all(engine)
    return engine
