"""Linked actions are listed in the register's natural ref order: T4.2 before T4.10 (issue 9, item 19)."""
from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from boardapp.db.models import Action, ActionFinding, ActionKpi, Finding, Inspection, Kpi
from boardapp.services.plan.queries import actions_for_finding, actions_for_kpi
from boardapp.services.plan.register_read import list_action_rows
from boardapp.services.plan.summary import summarise


def test_actions_linked_to_a_finding_or_a_measure_come_in_natural_ref_order(engine: Engine) -> None:
    with Session(engine) as session:
        visit = Inspection(kind="MONITORING_VISIT", number=3, start_date=date(2024, 2, 6), end_date=date(2024, 2, 7))
        session.add(visit)
        session.flush()
        finding = Finding(inspection_id=visit.id, kind="AREA_FOR_DEVELOPMENT", text="Plans lack timescales")
        kpi = Kpi(code="CP15", title="Conferences within 15 days")
        session.add_all([finding, kpi])
        session.flush()
        for ref in ("T4.10", "T4.2", "T10.1", "T4.9"):
            action = Action(ref=ref, title=f"Action {ref}", due_date=date(2025, 1, 1), status="IN_PROGRESS",
                            brag="RED")
            session.add(action)
            session.flush()
            session.add_all([ActionFinding(action_id=action.id, finding_id=finding.id),
                             ActionKpi(action_id=action.id, kpi_id=kpi.id)])
        session.commit()
        assert finding.id is not None and kpi.id is not None
        expected = ["T4.2", "T4.9", "T4.10", "T10.1"]
        assert [ref for _i, ref, _t in actions_for_finding(finding.id, session=session)] == expected
        assert [ref for _i, ref, _t in actions_for_kpi(kpi.id, session=session)] == expected
        rows = list_action_rows(session=session, today=date(2025, 3, 1))
        rows.reverse()  # whatever order they come in, equal due dates tie in ref order
        assert [r.ref for r in summarise(rows, today=date(2025, 3, 1)).oldest_red] == expected
