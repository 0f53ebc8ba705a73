"""Grant and line use-cases: money in pence, totals, the over-allocation and overspend warnings, soft delete."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, func, select

from boardapp.db.models import Action, AuditEntry, Grant, GrantLineAction, Person
from boardapp.db.workspace import open_workspace
from boardapp.domain.rules import ValidationError
from boardapp.services.funding import commands as funding
from boardapp.services.funding.queries import funding_totals, grant_row, list_grants

GRANT: dict[str, Any] = {"name": "DfE improvement grant", "funder": "Department for Education",
                         "allocated_pence": 34_275_200, "start_date": date(2023, 4, 1), "end_date": date(2025, 3, 31)}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("funding") / "template.db"
    engine = open_workspace(path, create=True)
    with Session(engine) as s:
        s.add(Person(name="Megan Example", role="Head of Performance"))
        for n in (1, 2, 3):
            s.add(Action(ref=f"T6.{n}", title=f"Action {n}", due_date=date(2025, 1, n)))
        s.commit()
    engine.dispose()
    return path


@pytest.fixture
def session(template: Path, tmp_path: Path) -> Iterator[Session]:
    target = tmp_path / "funding.db"
    with closing(sqlite3.connect(template)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    engine = open_workspace(target)
    with Session(engine, expire_on_commit=False) as s:
        yield s
    engine.dispose()


def _dfe(session: Session) -> int:
    grant = funding.create_grant(session=session, who="t", **GRANT)
    for purpose, pence in (("Improvement specialist", 8_600_000), ("Case-management IT", 13_000_000),
                           ("Quality-assurance learning", 9_200_000)):
        funding.create_line(grant.id, session=session, who="t", purpose=purpose, allocated_pence=pence)
    return grant.id


def test_totals_remaining_and_share_spent(session: Session) -> None:
    grant_id = _dfe(session)
    grant = grant_row(grant_id, session=session)
    assert grant is not None and grant.lines_allocated_pence == 30_800_000
    assert grant.unallocated_pence == 3_475_200 and grant.over_allocated_pence == 0 and grant.warnings == ()
    line = funding.update_line(grant.lines[1].id, {"spent_pence": 10_659_168}, session=session, who="t")
    assert line.remaining_pence == 2_340_832 and line.spent_share == "82%" and line.warning == ""
    grant = grant_row(grant_id, session=session)
    assert grant is not None
    assert (grant.spent_pence, grant.remaining_pence, grant.spent_share) == (10_659_168, 23_616_032, "31%")
    assert [l.sort_order for l in grant.lines] == [1, 2, 3]
    other = funding.create_grant(session=session, who="t", name="Partnership fund", allocated_pence=5_000_000)
    totals = funding_totals(list_grants(session=session))
    assert (totals.grants, totals.allocated_pence, totals.spent_pence) == (2, 39_275_200, 10_659_168)
    assert totals.remaining_pence == 28_616_032 and other.period == ""


def test_lines_adding_up_to_more_than_the_grant_are_warned_about(session: Session) -> None:
    grant_id = _dfe(session)
    line = funding.create_line(grant_id, session=session, who="t", purpose="Training", allocated_pence=3_500_000)
    grant = grant_row(grant_id, session=session)
    assert grant is not None and grant.lines[-1] == line
    assert grant.lines_allocated_pence == 34_300_000 and grant.over_allocated_pence == 24_800
    assert grant.allocation_warning == ("The lines of DfE improvement grant add up to £343,000: £248 more than the "
                                        "grant of £342,752.")
    assert grant.warnings == (grant.allocation_warning,)
    funding.update_line(line.id, {"allocated_pence": 3_475_200}, session=session, who="t")
    assert grant_row(grant_id, session=session).warnings == ()  # type: ignore[union-attr]


def test_spend_above_a_line_allocation_is_flagged(session: Session) -> None:
    grant_id = _dfe(session)
    first = grant_row(grant_id, session=session).lines[0]  # type: ignore[union-attr]
    line = funding.update_line(first.id, {"spent_pence": 8_712_050}, session=session, who="t")
    assert line.overspent_pence == 112_050 and line.remaining_pence == -112_050
    assert line.warning == ("Improvement specialist: spent £87,120.50, £1,120.50 more than its allocation of £86,000")
    grant = grant_row(grant_id, session=session)
    assert grant is not None and grant.warnings == (f"Overspent line — {line.warning}.",)


@pytest.mark.parametrize(("fields", "field"), [
    ({"name": " "}, "name"), ({"allocated_pence": -1}, "allocated_pence"), ({"allocated_pence": 12.5}, "allocated_pence"),
    ({"allocated_pence": "£5"}, "allocated_pence"), ({"end_date": date(2023, 3, 31)}, "end_date"),
    ({"colour": "blue"}, "colour"),
])
def test_a_bad_grant_is_refused_by_field_and_nothing_is_written(session: Session, fields: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        funding.create_grant(session=session, who="t", **{**GRANT, **fields})
    assert caught.value.field == field
    assert session.exec(select(func.count()).select_from(Grant)).one() == 0


@pytest.mark.parametrize(("fields", "field"), [
    ({"purpose": ""}, "purpose"), ({"allocated_pence": -5}, "allocated_pence"), ({"spent_pence": -1}, "spent_pence"),
    ({"spent_pence": 10.5}, "spent_pence"), ({"owner_id": 77}, "owner_id"),
])
def test_a_bad_line_is_refused_by_field(session: Session, fields: dict[str, Any], field: str) -> None:
    grant_id = _dfe(session)
    line = grant_row(grant_id, session=session).lines[0]  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as caught:
        funding.create_line(grant_id, session=session, who="t", **{"purpose": "Training", "allocated_pence": 1, **fields})
    assert caught.value.field == field
    with pytest.raises(ValidationError) as caught:
        funding.update_line(line.id, fields, session=session, who="t")
    assert caught.value.field == field
    assert grant_row(grant_id, session=session).lines[0] == line  # type: ignore[union-attr]


def test_lines_link_the_actions_they_pay_for(session: Session) -> None:
    grant_id = _dfe(session)
    line = funding.create_line(grant_id, session=session, who="t", purpose="Training", allocated_pence=100,
                               owner_id=1, action_ids={3, 1})
    assert line.action_refs == "T6.1, T6.3" and line.owner_name == "Megan Example"
    moved = funding.update_line(line.id, {}, session=session, who="t", action_ids={2}, expected_version=line.version)
    assert moved.action_refs == "T6.2" and moved.version == line.version + 1
    with pytest.raises(ValidationError) as caught:
        funding.update_line(line.id, {}, session=session, who="t", action_ids={2, 99})
    assert caught.value.field == "action_ids"
    assert session.exec(select(GrantLineAction.action_id).where(GrantLineAction.grant_line_id == line.id)).all() == [2]
    with pytest.raises(funding.ConflictError):
        funding.update_line(line.id, {"purpose": "x"}, session=session, who="t", expected_version=line.version)


def test_delete_and_restore_are_soft_and_audited(session: Session) -> None:
    grant_id = _dfe(session)
    line = grant_row(grant_id, session=session).lines[0]  # type: ignore[union-attr]
    gone = funding.delete_line(line.id, session=session, who="t")
    assert gone.deleted
    grant = grant_row(grant_id, session=session)
    assert grant is not None and len(grant.lines) == 2 and grant.deleted_lines[0].id == line.id
    assert grant.lines_allocated_pence == 22_200_000
    assert len(list_grants(session=session)[0].lines) == 2 and list_grants(session=session)[0].deleted_lines == ()
    assert not funding.restore_line(line.id, session=session, who="t").deleted
    funding.delete_grant(grant_id, session=session, who="t")
    assert list_grants(session=session) == []
    assert [g.deleted for g in list_grants(session=session, include_deleted=True)] == [True]
    with pytest.raises(funding.NotFoundError):
        funding.update_grant(grant_id, {"name": "x"}, session=session, who="t")
    assert not funding.restore_grant(grant_id, session=session, who="t").deleted
    fields = [a.field for a in session.exec(select(AuditEntry).where(AuditEntry.entity_id.in_([grant_id, line.id])))]  # type: ignore[attr-defined]
    assert fields.count("deleted_at") == 4
