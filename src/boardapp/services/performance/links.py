"""A measure's links to the plan: the actions whose impact it shows and the findings it evidences.

The same ActionKpi / FindingKpi rows the action editor writes from the other side; here they
are read and replaced from the measure's side, in one transaction with an AuditEntry.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.db.models import Action, ActionKpi, Finding, FindingKpi, Inspection, Kpi
from boardapp.domain.enums import FindingKind, InspectionKind
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.performance.measures import ENTITY, NotFoundError
from boardapp.services.plan.filters import natural_key
from boardapp.services.transaction import write_transaction


@dataclass(frozen=True, slots=True)
class LinkChoice:
    """Something a measure can be linked to, as the picker lists it."""

    id: int
    label: str  # "T2.3" or "Monitoring visit 4 (07/2024) · Area for development"
    text: str


@dataclass(frozen=True, slots=True)
class KpiLinks:
    action_ids: frozenset[int]
    finding_ids: frozenset[int]


def kpi_links(kpi_id: int, *, session: Session) -> KpiLinks:
    """The live actions and findings linked to a measure."""
    actions = session.exec(select(ActionKpi.action_id).join(Action, Action.id == ActionKpi.action_id)
                           .where(ActionKpi.kpi_id == kpi_id, col(Action.deleted_at).is_(None))).all()
    findings = session.exec(select(FindingKpi.finding_id).join(Finding, Finding.id == FindingKpi.finding_id)
                            .where(FindingKpi.kpi_id == kpi_id, col(Finding.deleted_at).is_(None))).all()
    return KpiLinks(frozenset(actions), frozenset(findings))


def action_choices(*, session: Session) -> list[LinkChoice]:
    """Every live action, in natural reference order (T1.2 before T1.10)."""
    rows = session.exec(select(Action.id, Action.ref, Action.title).where(col(Action.deleted_at).is_(None))).all()
    return [LinkChoice(i, ref, title) for i, ref, title in sorted(rows, key=lambda r: natural_key(r[1]))]  # type: ignore[arg-type]


def _inspection_label(kind: str, number: int | None, start: object) -> str:
    name = InspectionKind(kind).label
    when = f"{start:%m/%Y}" if start is not None else ""
    return f"{name}{f' {number}' if number else ''} ({when})"


def finding_choices(*, session: Session) -> list[LinkChoice]:
    """Every live finding of a live inspection, newest inspection first, in the letter's order."""
    stmt = (select(Finding, Inspection.kind, Inspection.number, Inspection.start_date)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .where(col(Finding.deleted_at).is_(None), col(Inspection.deleted_at).is_(None))
            .order_by(col(Inspection.start_date).desc(), Finding.sort_order, Finding.id))
    return [LinkChoice(f.id, f"{_inspection_label(kind, number, start)} · {FindingKind(f.kind).label}", f.text)  # type: ignore[arg-type]
            for f, kind, number, start in session.exec(stmt)]


def _replace(session: Session, kpi_id: int, link: type, column: str, target: type, ids: set[int],
             current: set[int], *, who: str, field: str) -> None:
    for other in ids - current:
        if session.get(target, other) is None:
            raise ValidationError(field, f"no {field[:-1]} with id {other}")
    if ids == current:
        return
    for other in current - ids:
        found = session.exec(select(link).where(link.kpi_id == kpi_id, getattr(link, column) == other)).first()
        if found is not None:
            session.delete(found)
    for other in ids - current:
        session.add(link(kpi_id=kpi_id, **{column: other}))
    record_change(session, who=who, entity=ENTITY, entity_id=kpi_id, field=field,
                  old=",".join(map(str, sorted(current))), new=",".join(map(str, sorted(ids))))


def set_kpi_links(kpi_id: int, *, session: Session, who: str, action_ids: Iterable[int] | None = None,
                  finding_ids: Iterable[int] | None = None) -> KpiLinks:
    """Replace the measure's linked actions and/or findings (None leaves that side alone); returns the links before."""
    with write_transaction(session):
        if session.get(Kpi, kpi_id) is None:
            raise NotFoundError(f"measure {kpi_id} no longer exists")
        before = kpi_links(kpi_id, session=session)
        if action_ids is not None:
            _replace(session, kpi_id, ActionKpi, "action_id", Action, set(action_ids), set(before.action_ids),
                     who=who, field="actions")
        if finding_ids is not None:
            _replace(session, kpi_id, FindingKpi, "finding_id", Finding, set(finding_ids), set(before.finding_ids),
                     who=who, field="findings")
    return before
