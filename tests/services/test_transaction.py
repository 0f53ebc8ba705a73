"""The one writing transaction of a use-case: version checked by every UPDATE, rollback on any error."""
from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, select

import boardapp
from boardapp.db import models
from boardapp.db.engine import session_scope
from boardapp.db.workspace import open_workspace
from boardapp.services.transaction import ConflictError, WriteRefusedError, write_transaction

SRC = Path(boardapp.__file__).parent


def test_every_table_with_a_version_checks_it_on_update() -> None:
    versioned = [m for m in SQLModel._sa_registry.mappers if "version" in m.local_table.c]  # type: ignore[attr-defined]
    assert len(versioned) >= 15
    for mapper in versioned:
        assert mapper.version_id_col is mapper.local_table.c.version, mapper.class_.__name__


def test_no_code_bumps_a_version_by_hand() -> None:
    """The UPDATE bumps it (a hand-made bump would be written and then checked against the wrong value)."""
    hand_made = re.compile(r"\b(?!self\b)\w+\.version\s*(\+=|=(?!=))")
    writers = [p for folder in ("services", "db", "exchange", "demo") for p in (SRC / folder).rglob("*.py")]
    found = [f"{p.relative_to(SRC)}:{n}" for p in writers
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1) if hand_made.search(line)]
    assert found == []


def _person(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("INSERT INTO person (id, name, role, organisation, email, is_member, version) "
                     "VALUES (1, 'Ana Patel', 'DCS', 'Council', '', 1, 1)")
        conn.commit()


def test_a_row_changed_elsewhere_is_a_conflict_and_the_session_stays_usable(workspace_path: Path) -> None:
    _person(workspace_path)
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as reader, session_scope(engine) as session:
            stale = reader.get(models.Person, 1)  # read, then another process saves first
            assert stale is not None and stale.version == 1
            with closing(sqlite3.connect(workspace_path)) as other:
                other.execute("UPDATE person SET role = 'Chair', version = 2 WHERE id = 1")
                other.commit()
            stale.role = "Director"
            with pytest.raises(Exception, match="expected to update 1 row"):  # the UPDATE carries the version
                reader.commit()
            reader.rollback()

            with pytest.raises(ConflictError, match="This person was changed elsewhere"):
                with write_transaction(session):
                    person = session.get(models.Person, 1)
                    assert person is not None and person.version == 2
                    session.connection().exec_driver_sql("UPDATE person SET version = 3 WHERE id = 1")
                    person.role = "Director"
            with write_transaction(session):  # rolled back, and usable again
                fresh = session.get(models.Person, 1)
                assert fresh is not None and (fresh.role, fresh.version) == ("Chair", 2)
                fresh.email = "ana@example.org"
            assert session.get(models.Person, 1).version == 3  # type: ignore[union-attr]
    finally:
        engine.dispose()


def test_any_error_rolls_the_whole_use_case_back(workspace_path: Path) -> None:
    _person(workspace_path)
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session:
            with pytest.raises(KeyError):
                with write_transaction(session):
                    session.add(models.Person(name="Half written"))
                    session.flush()
                    raise KeyError("a bug half-way")
            with write_transaction(session):
                session.add(models.Person(name="Whole"))
        with closing(sqlite3.connect(workspace_path)) as conn:
            assert [n for (n,) in conn.execute("SELECT name FROM person ORDER BY id")] == ["Ana Patel", "Whole"]
    finally:
        engine.dispose()


def test_a_workspace_busy_elsewhere_is_a_clear_refusal(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.services import transaction

    monkeypatch.setattr(transaction, "WRITE_WAIT_SECONDS", 0.2)
    _person(workspace_path)
    engine = open_workspace(workspace_path)
    try:
        with closing(sqlite3.connect(workspace_path, timeout=0)) as other, session_scope(engine) as session:
            other.execute("BEGIN IMMEDIATE")  # another boardapp is in the middle of saving
            with pytest.raises(WriteRefusedError, match="busy"):
                with write_transaction(session):
                    session.add(models.Person(name="Waits"))
            other.rollback()
            with write_transaction(session):
                session.add(models.Person(name="Later"))
    finally:
        engine.dispose()


def test_nested_use_cases_are_one_transaction(workspace_path: Path) -> None:
    engine = open_workspace(workspace_path)
    try:
        with session_scope(engine) as session:
            with pytest.raises(ValueError):
                with write_transaction(session):
                    with write_transaction(session):
                        session.add(models.Person(name="Inner"))
                    raise ValueError("the outer use-case fails after the inner one")
        with closing(sqlite3.connect(workspace_path)) as conn:
            assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)
    finally:
        engine.dispose()


def test_a_write_after_a_read_in_the_same_session_reads_afresh(engine: object) -> None:
    with Session(engine, expire_on_commit=False) as session:  # type: ignore[arg-type]
        with write_transaction(session):
            session.add(models.Person(name="Ana"))
        person = session.exec(select(models.Person)).one()  # a read leaves the session in a transaction
        with closing(sqlite3.connect(engine.url.database)) as other:  # type: ignore[attr-defined]
            other.execute("UPDATE person SET name = 'Ana Patel', version = version + 1")
            other.commit()
        with write_transaction(session):
            assert person.name == "Ana Patel"  # expired at the start: read as it is now
            person.role = "DCS"
        assert person.version == 3
