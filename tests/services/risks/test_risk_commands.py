"""Risk use-cases: validated, one transaction each, audited, frozen rows out; the importer's API."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import FrozenInstanceError
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from boardapp.db.models import AuditEntry, Person, Risk, Theme
from boardapp.db.workspace import open_workspace
from boardapp.domain.kpi import Rag
from boardapp.domain.rules import ValidationError
from boardapp.services.risks import commands as risks
from boardapp.services.risks.queries import heat_map_counts, list_risks, register_order, risk_id_for_ref, risk_row

FIELDS: dict[str, Any] = {
    "title": "Placement sufficiency", "cause": "Too few local homes", "effect": "Children placed far away",
    "inherent_likelihood": 5, "inherent_impact": 4, "residual_likelihood": 4, "residual_impact": 4,
    "controls": "Weekly placement panel", "mitigation": "Recruit foster carers", "owner_id": 1, "theme_id": 1,
    "review_date": date(2026, 12, 1),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated workspace with an owner and a theme; each test writes to its own copy."""
    path = tmp_path_factory.mktemp("risks") / "template.db"
    engine = open_workspace(path, create=True)
    with Session(engine) as s:
        s.add(Person(name="Tomasz Example", role="Head of Service"))
        s.add(Theme(code="T3", title="Children in Care"))
        s.commit()
    engine.dispose()
    return path


@pytest.fixture
def session(template: Path, tmp_path: Path) -> Iterator[Session]:
    target = tmp_path / "risks.db"
    with closing(sqlite3.connect(template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    engine = open_workspace(target)
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def _count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Risk)).one()


def _audit(session: Session, risk_id: int) -> list[tuple[str, str | None, str | None]]:
    rows = session.exec(select(AuditEntry).where(AuditEntry.entity == "risk", AuditEntry.entity_id == risk_id)
                        .order_by(AuditEntry.id)).all()
    return [(a.field, a.old, a.new) for a in rows]


def test_create_gives_the_next_ref_scores_and_audits(session: Session) -> None:
    first = risks.create_risk(session=session, who="tester", **FIELDS)
    second = risks.create_risk(session=session, who="tester", **{**FIELDS, "title": "  Caseloads  "})
    assert (first.ref, second.ref) == ("R01", "R02")
    assert second.title == "Caseloads"
    assert first.status == "OPEN" and first.score == 16 and first.rating is Rag.RED and first.inherent_score == 20
    assert first.owner_name == "Tomasz Example" and first.theme_code == "T3"
    assert (first.cause, first.effect, first.controls) == ("Too few local homes", "Children placed far away",
                                                          "Weekly placement panel")
    assert _audit(session, first.id) == [("created", None, "R01")]
    with pytest.raises(FrozenInstanceError):
        first.title = "changed"  # type: ignore[misc]
    assert risks.next_risk_ref(session=session) == "R03"


@pytest.mark.parametrize(("change", "field"), [
    ({"residual_impact": 6}, "residual_impact"), ({"inherent_likelihood": 0}, "inherent_likelihood"),
    ({"residual_likelihood": "4"}, "residual_likelihood"), ({"title": ""}, "title"), ({"owner_id": 99}, "owner_id"),
    ({"theme_id": 42}, "theme_id"), ({"status": "DONE"}, "status"), ({"score": 12}, "score"),
])
def test_create_refuses_bad_fields_by_name_and_writes_nothing(session: Session, change: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        risks.create_risk(session=session, who="tester", **{**FIELDS, **change})
    assert caught.value.field == field
    assert _count(session) == 0
    assert session.exec(select(func.count()).select_from(AuditEntry)).one() == 0


def test_a_reference_is_used_once(session: Session) -> None:
    risks.create_risk(session=session, who="tester", ref="RISK-1", **FIELDS)
    with pytest.raises(ValidationError) as caught:
        risks.create_risk(session=session, who="tester", ref="RISK-1", **FIELDS)
    assert caught.value.field == "ref"
    other = risks.create_risk(session=session, who="tester", **FIELDS)
    with pytest.raises(ValidationError):
        risks.update_risk(other.id, {"ref": "RISK-1"}, session=session, who="tester")
    assert risk_id_for_ref("RISK-1", session=session) is not None


def test_update_audits_each_changed_field_and_bumps_the_version(session: Session) -> None:
    row = risks.create_risk(session=session, who="tester", **FIELDS)
    changed = risks.update_risk(row.id, {"residual_likelihood": 2, "controls": "Panel and framework", "title": row.title},
                                session=session, who="tester", expected_version=row.version)
    assert changed.score == 8 and changed.rating is Rag.AMBER and changed.version == row.version + 1
    assert _audit(session, row.id)[1:] == [("residual_likelihood", "4", "2"),
                                           ("controls", "Weekly placement panel", "Panel and framework")]
    with pytest.raises(risks.ConflictError):
        risks.update_risk(row.id, {"title": "Stale"}, session=session, who="tester", expected_version=row.version)
    with pytest.raises(ValidationError) as caught:
        risks.update_risk(row.id, {"residual_impact": 9, "title": "Half"}, session=session, who="tester")
    assert caught.value.field == "residual_impact"
    assert risk_row(row.id, session=session).title == row.title  # type: ignore[union-attr]
    with pytest.raises(risks.NotFoundError):
        risks.update_risk(999, {"title": "x"}, session=session, who="tester")


def test_close_and_reopen(session: Session) -> None:
    row = risks.create_risk(session=session, who="tester", **FIELDS)
    closed = risks.close_risk(row.id, session=session, who="tester")
    assert closed.status == "CLOSED" and closed.closed and not closed.review_overdue(date(2027, 1, 1))
    assert list_risks(session=session, include_closed=False) == []
    reopened = risks.reopen_risk(row.id, session=session, who="tester", status="MONITORING")
    assert reopened.status == "MONITORING" and reopened.review_overdue(date(2027, 1, 1))
    with pytest.raises(ValidationError):
        risks.reopen_risk(row.id, session=session, who="tester", status="CLOSED")
    assert [f for f, _o, _n in _audit(session, row.id)] == ["created", "status", "status"]


def test_delete_then_recreate_under_the_same_id(session: Session) -> None:
    row = risks.create_risk(session=session, who="tester", **FIELDS)
    before = risks.delete_risk(row.id, session=session, who="tester")
    assert before == row and _count(session) == 0
    again = risks.create_risk(session=session, who="tester", risk_id=row.id, ref=row.ref, **FIELDS)
    assert (again.id, again.ref) == (row.id, row.ref)
    with pytest.raises(risks.ConflictError):
        risks.create_risk(session=session, who="tester", risk_id=row.id, **FIELDS)
    assert [f for f, _o, _n in _audit(session, row.id)] == ["created", "removed", "created"]


def test_many_rows_in_one_transaction_commit_or_roll_back_together(session: Session) -> None:
    """How an importer uses the API: commit=False for each row, one commit (or rollback) at the end."""
    first = risks.create_risk(session=session, who="import", commit=False, **FIELDS)
    risks.update_risk(first.id, {"residual_impact": 3}, session=session, who="import", commit=False)
    risks.create_risk(session=session, who="import", commit=False, **{**FIELDS, "title": "Second"})
    with pytest.raises(ValidationError):
        risks.create_risk(session=session, who="import", commit=False, **{**FIELDS, "inherent_impact": 7})
    session.rollback()
    assert _count(session) == 0
    for title in ("One", "Two", "Three"):
        risks.create_risk(session=session, who="import", commit=False, **{**FIELDS, "title": title})
    session.commit()
    assert [r.ref for r in list_risks(session=session)] == ["R01", "R02", "R03"]


def test_register_order_and_heat_map_counts(session: Session) -> None:
    risks.create_risk(session=session, who="t", **{**FIELDS, "residual_likelihood": 1, "residual_impact": 2})
    risks.create_risk(session=session, who="t", **FIELDS)
    risks.create_risk(session=session, who="t", status="CLOSED", **FIELDS)
    risks.create_risk(session=session, who="t", **FIELDS)
    rows = list_risks(session=session)
    assert [(r.ref, r.score, r.status) for r in rows] == [("R02", 16, "OPEN"), ("R04", 16, "OPEN"),
                                                          ("R01", 2, "OPEN"), ("R03", 16, "CLOSED")]
    assert register_order(reversed(rows)) == rows
    assert heat_map_counts(rows) == {(4, 4): 3, (1, 2): 1}
    assert heat_map_counts(rows, inherent=True) == {(5, 4): 4}
