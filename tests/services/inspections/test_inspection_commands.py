"""Writing inspections, findings and their links: validation naming the field, nothing half-written,
an audit row per change, deleting recoverable; and readiness read from the demo workspace."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session, select

from boardapp.db.models import ActionFinding, AuditEntry, Finding, Inspection
from boardapp.domain.rules import ValidationError
from boardapp.services.inspections import commands as c
from boardapp.services.inspections import queries as q
from boardapp.services.inspections.next_visit import next_monitoring_visit
from boardapp.services.plan import commands as plan
from boardapp.services.plan import queries as plan_queries
from boardapp.services.plan.filters import natural_key
from boardapp.services.readiness_read import read_readiness, read_readiness_file

TODAY = date(2024, 9, 11)  # the day tests/conftest.py builds the demo for (its own as-at date)
WHO = "Test Secretary"


@pytest.fixture
def db(demo_path: Path) -> Iterator[Session]:
    from boardapp.db.engine import session_scope
    from boardapp.db.workspace import open_workspace

    engine = open_workspace(demo_path)
    with session_scope(engine) as session:
        yield session
    engine.dispose()


def visit(db: Session, number: int) -> q.InspectionListRow:
    return next(r for r in q.list_inspections(session=db) if r.kind == "MONITORING_VISIT" and r.number == number)


def field_of(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value.field


def test_create_a_visit_and_its_mistakes_name_the_field(db: Session) -> None:
    before = len(q.list_inspections(session=db))
    made = c.create_inspection(session=db, who=WHO, kind="MONITORING_VISIT", number=7, start_date=date(2027, 3, 2),
                               focus_area=" Care leavers ", ilacs_area="CARE_LEAVERS")
    assert made.end_date == made.start_date and made.status == "EXPECTED" and made.focus_area == "Care leavers"
    assert len(q.list_inspections(session=db)) == before + 1
    assert field_of(c.create_inspection, session=db, who=WHO, kind="MONITORING_VISIT", number=7,
                    start_date=date(2027, 6, 1)) == "number"  # a visit's number is unique
    assert field_of(c.create_inspection, session=db, who=WHO, kind="MONITORING_VISIT", number=8,
                    start_date=date(2027, 6, 1), end_date=date(2027, 5, 31)) == "end_date"
    assert field_of(c.create_inspection, session=db, who=WHO, kind="MONITORING_VISIT", number=8,
                    start_date=date(2026, 6, 1), status="COMPLETED", end_date=None) == "end_date"
    assert field_of(c.create_inspection, session=db, who=WHO, kind="FOCUSED_VISIT", start_date=date(2027, 6, 1),
                    grades={"OVERALL": "GOOD"}) == "grades"
    assert field_of(c.create_inspection, session=db, who=WHO, colour="red", start_date=date(2027, 6, 1)) == "colour"
    assert len(q.list_inspections(session=db)) == before + 1  # nothing half-written
    created = db.exec(select(AuditEntry).where(AuditEntry.entity == "inspection", AuditEntry.field == "created")).all()
    assert len(created) == 1 and created[0].who == WHO


def test_edit_dates_and_grades_with_an_audit_row_per_field(db: Session) -> None:
    ilacs = q.list_inspections(session=db)[0]
    grades = {g.area: g.grade for g in ilacs.grades} | {"CARE_LEAVERS": "REQUIRES_IMPROVEMENT"}
    row = c.update_inspection(ilacs.id, {"summary": "Updated"}, session=db, who=WHO, grades=grades,
                              expected_version=ilacs.version)
    assert {g.area for g in row.grades} >= {"CARE_LEAVERS"} and row.version == ilacs.version + 1
    fields = {e.field for e in db.exec(select(AuditEntry).where(AuditEntry.entity == "inspection",
                                                               AuditEntry.entity_id == ilacs.id))}
    assert fields == {"summary", "grades"}
    with pytest.raises(c.ConflictError):
        c.update_inspection(ilacs.id, {"summary": "again"}, session=db, who=WHO, expected_version=ilacs.version)
    mv4 = visit(db, 4)
    assert field_of(c.update_inspection, mv4.id, {"number": 3}, session=db, who=WHO) == "number"
    assert field_of(c.update_inspection, mv4.id, {"end_date": date(2024, 4, 1)}, session=db, who=WHO) == "end_date"
    assert visit(db, 4).end_date == date(2024, 4, 17)


def test_delete_is_recoverable_and_takes_the_findings_out_of_every_list(db: Session) -> None:
    mv4 = visit(db, 4)
    finding_ids = {f.id for f in q.inspection_findings(mv4.id, session=db)}
    gone = c.set_inspection_deleted(mv4.id, True, session=db, who=WHO)
    assert gone.deleted and mv4.id not in {r.id for r in q.list_inspections(session=db)}
    assert mv4.id in {r.id for r in q.list_inspections(session=db, include_deleted=True)}
    assert not finding_ids & {f.id for f in q.list_findings(session=db)}  # the action editor's list
    # a new visit may take the number meanwhile; restoring then says so
    c.create_inspection(session=db, who=WHO, kind="MONITORING_VISIT", number=4, start_date=date(2024, 4, 16))
    assert field_of(c.set_inspection_deleted, mv4.id, False, session=db, who=WHO) == "number"


def test_findings_added_in_one_go_edited_reordered_and_deleted(db: Session) -> None:
    mv6 = next(r for r in q.list_inspections(session=db) if r.number == 6)
    made = c.create_findings(mv6.id, [
        {"kind": "STRENGTH", "text": "Stable homes", "ilacs_area": "CHILDREN_IN_CARE"},
        {"kind": "AREA_FOR_DEVELOPMENT", "text": "Life-story work", "ilacs_area": "CHILDREN_IN_CARE"},
    ], session=db, who=WHO)
    assert [f.sort_order for f in made] == [1, 2]
    with pytest.raises(ValidationError) as caught:  # all or nothing, naming the item
        c.create_findings(mv6.id, [{"kind": "STRENGTH", "text": "ok"}, {"kind": "STRENGTH", "text": " "}],
                          session=db, who=WHO)
    assert caught.value.field == "finding 2 text"
    assert len(q.inspection_findings(mv6.id, session=db)) == 2
    edited = c.update_finding(made[0].id, {"text": "Stable, local homes"}, session=db, who=WHO)
    assert edited.text == "Stable, local homes" and edited.version == 2
    order = [made[1].id, made[0].id]
    assert [f.id for f in c.reorder_findings(mv6.id, order, session=db, who=WHO)] == order
    assert field_of(c.reorder_findings, mv6.id, [made[0].id], session=db, who=WHO) == "order"
    c.set_findings_deleted([made[0].id], True, session=db, who=WHO)
    assert [f.id for f in q.inspection_findings(mv6.id, session=db)] == [made[1].id]
    assert q.inspection_findings(mv6.id, session=db, include_deleted=True)[-1].deleted
    c.set_findings_deleted([made[0].id], False, session=db, who=WHO)
    assert len(q.inspection_findings(mv6.id, session=db)) == 2


def test_linking_from_the_findings_side_and_the_actions_side_agree(db: Session) -> None:
    finding = next(f for f in q.inspection_findings(visit(db, 4).id, session=db) if f.kind != "STRENGTH")
    choices = q.action_choices(session=db)
    extra = [a.id for a in choices if a.id not in {x.id for x in finding.actions}][:2]
    wanted = {a.id for a in finding.actions} | set(extra)
    changed = c.set_finding_actions(finding.id, wanted, session=db, who=WHO)
    assert changed == set(extra)
    assert {a.id for a in q.finding_row(finding.id, session=db).actions} == wanted
    for action_id in extra:  # seen from the action
        assert finding.id in plan_queries.linked_finding_ids(action_id, session=db)
    refs = [a.ref for a in q.finding_row(finding.id, session=db).actions]
    assert refs == sorted(refs, key=natural_key)  # T3.2 before T3.10, as the register
    audit = db.exec(select(AuditEntry).where(AuditEntry.entity == "action", AuditEntry.field == "findings",
                                             AuditEntry.entity_id == extra[0])).all()
    assert audit and str(finding.id) in (audit[-1].new or "")
    assert field_of(c.set_finding_actions, finding.id, {999_999}, session=db, who=WHO) == "actions"
    # and back, from the action's side (the action editor)
    action = plan.update_action(extra[0], {}, session=db, who=WHO,
                                finding_ids=plan_queries.linked_finding_ids(extra[0], session=db) - {finding.id})
    assert extra[0] not in {a.id for a in q.finding_row(finding.id, session=db).actions}
    assert action.id == extra[0]


def test_a_deleted_finding_keeps_its_links_hidden_until_it_is_restored(db: Session) -> None:
    link = db.exec(select(ActionFinding)).first()
    assert link is not None
    c.set_findings_deleted([link.finding_id], True, session=db, who=WHO)
    assert link.finding_id not in plan_queries.linked_finding_ids(link.action_id, session=db)
    # the action editor saves its (visible) links: the hidden one survives
    visible = plan_queries.linked_finding_ids(link.action_id, session=db)
    plan.update_action(link.action_id, {}, session=db, who=WHO, finding_ids=set(visible))
    c.set_findings_deleted([link.finding_id], False, session=db, who=WHO)
    assert link.finding_id in plan_queries.linked_finding_ids(link.action_id, session=db)


# -- readiness from the demo workspace ------------------------------------------------------------

def test_demo_readiness_for_the_re_visit_of_children_in_care(db: Session, demo_path: Path) -> None:
    r = read_readiness(session=db, today=TODAY)
    nxt = next_monitoring_visit(session=db, today=TODAY)
    assert r.next_visit is not None and nxt is not None and r.next_visit.id == nxt.id  # the same rule
    assert r.next_visit.number == 6 and r.next_visit.ilacs_area == "CHILDREN_IN_CARE"
    assert 0 < (r.days_to_go or 0) <= 120
    open_findings = [f for f in r.findings if any(r.action(a).row.status != "COMPLETE" for a in f.action_ids)]  # type: ignore[union-attr]
    assert len(open_findings) >= 3
    assert r.count("findings_without_action") == 0  # the demo links every one
    assert {f.inspection_label.split(" (")[0] for f in r.findings} == {"ILACS inspection", "Monitoring visit 4"}
    assert any(a.measures for a in r.actions)
    from boardapp.services.plan.register_read import list_action_rows

    whole = read_readiness(session=db, today=TODAY, rows=list_action_rows(session=db, today=TODAY))
    assert whole.to_json() == r.to_json() == read_readiness_file(demo_path, today=TODAY).to_json()


def test_the_demo_as_at_its_own_date_expects_the_re_inspection_in_2025(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from boardapp.demo.build import DEMO_AS_AT, build_demo

    path = tmp_path / "demo.db"
    build_demo(path, actions=60, seed=3)
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT kind, number, start_date, status, ilacs_area FROM inspection "
                            "WHERE status = 'EXPECTED' ORDER BY start_date").fetchall()
        unanswered = conn.execute(
            "SELECT count(*) FROM finding f WHERE f.kind <> 'STRENGTH' AND NOT EXISTS "
            "(SELECT 1 FROM actionfinding af WHERE af.finding_id = f.id)").fetchone()[0]
    (mv_kind, number, start, _s, area), (re_kind, _n, re_start, _s2, re_area) = rows
    assert (mv_kind, number, area) == ("MONITORING_VISIT", 6, "CHILDREN_IN_CARE")
    assert 0 < (date.fromisoformat(start) - DEMO_AS_AT).days <= 120
    assert re_kind == "RE_INSPECTION" and re_start.startswith("2025") and re_area == "OVERALL"
    assert unanswered == 0
    r = read_readiness_file(path, today=DEMO_AS_AT)
    assert len([f for f in r.findings if any(r.action(a).row.status != "COMPLETE" for a in f.action_ids)]) >= 3  # type: ignore[union-attr]


def test_findings_queries_hide_deleted_inspections(db: Session) -> None:
    before = len(q.list_findings(session=db))
    mv1 = visit(db, 1)
    c.set_inspection_deleted(mv1.id, True, session=db, who=WHO)
    hidden = len(db.exec(select(Finding).where(Finding.inspection_id == mv1.id)).all())
    assert len(q.list_findings(session=db)) == before - hidden
    assert db.get(Inspection, mv1.id).deleted_at is not None  # type: ignore[union-attr]
