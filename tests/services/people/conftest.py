"""A small workspace of one's own board (made the way the wizard makes it) for the people services."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.services.people.setup import MemberDraft, ThemeDraft, WorkspaceSetup, create_workspace

TODAY = date(2027, 3, 1)
SETUP = WorkspaceSetup(
    name="Northshire Improvement Board", council="Northshire County Council", chair_name="Dr Ada Fairweather",
    next_meeting=date(2027, 3, 18),
    members=(MemberDraft("Sam Okafor", "DCS", "Northshire County Council", "sam.okafor@northshire.example"),
             MemberDraft("Jo Reyes", "DfE adviser", "Department for Education")),
    themes=(ThemeDraft("T1", "Front door", "Sam Okafor", "HELP_AND_PROTECTION"),
            ThemeDraft("T2", "Children in care", "", "CHILDREN_IN_CARE")),
)


@pytest.fixture(scope="session")
def board_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workspace made once per run (making one runs the migrations); tests write to copies."""
    path = tmp_path_factory.mktemp("own-board") / "own.db"
    create_workspace(path, SETUP, who="Setup Person", today=TODAY).dispose()
    return path


@pytest.fixture
def board_engine(board_template: Path, tmp_path: Path) -> Iterator[object]:
    import sqlite3
    from contextlib import closing

    from boardapp.db.workspace import open_workspace

    target = tmp_path / "own.db"
    with closing(sqlite3.connect(board_template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    engine = open_workspace(target)
    yield engine
    engine.dispose()


@pytest.fixture
def db(board_engine: object) -> Iterator[Session]:
    with Session(board_engine, expire_on_commit=False) as session:  # type: ignore[arg-type]
        yield session


AuditLine = tuple[str, str, int, str, str | None, str | None]


@pytest.fixture
def audit() -> object:
    """``audit(session, entity=None)``: the trail as (who, entity, id, field, old, new), oldest first."""
    return _audit


def _audit(session: Session, entity: str | None = None) -> list[AuditLine]:
    from sqlmodel import select

    from boardapp.db.models import AuditEntry

    query = select(AuditEntry).order_by(AuditEntry.id)  # type: ignore[arg-type]
    if entity:
        query = query.where(AuditEntry.entity == entity)
    return [(e.who, e.entity, e.entity_id, e.field, e.old, e.new) for e in session.exec(query).all()]
