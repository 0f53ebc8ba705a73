"""Reads of inspections and their findings and grades, as frozen rows."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from boardapp.db.models import Action, ActionFinding, Finding, Inspection, InspectionGrade
from boardapp.domain.enums import FindingKind, Grade, IlacsArea, InspectionKind, InspectionStatus
from boardapp.services.rows import FindingRow


@dataclass(frozen=True, slots=True)
class InspectionListRow:
    """One inspection or visit with how many findings of each kind it made."""

    id: int
    kind: str
    number: int | None
    label: str
    start_date: date
    end_date: date
    focus_area: str
    ilacs_area: str | None
    status: str
    published_date: date | None
    overall_grade: str | None
    summary: str
    strengths: int
    areas_for_development: int
    recommendations: int

    @property
    def findings(self) -> int:
        return self.strengths + self.areas_for_development + self.recommendations


@dataclass(frozen=True, slots=True)
class InspectionFindingRow:
    id: int
    inspection_id: int
    kind: str
    text: str
    ilacs_area: str | None
    action_count: int


@dataclass(frozen=True, slots=True)
class GradeRow:
    area: str
    area_label: str
    grade: str
    grade_label: str


@dataclass(frozen=True, slots=True)
class InspectionDetail:
    inspection: InspectionListRow
    grades: tuple[GradeRow, ...]
    findings: tuple[InspectionFindingRow, ...]


def inspection_label(kind: str, number: int | None, start: date) -> str:
    """'Monitoring visit 3 (Nov 2023)'."""
    suffix = f" {number}" if number else ""
    return f"{InspectionKind(kind).label}{suffix} ({start:%b %Y})"


def _finding_counts(session: Session, inspection_id: int | None = None) -> dict[tuple[int, str], int]:
    stmt = select(Finding.inspection_id, Finding.kind, func.count()).group_by(Finding.inspection_id, Finding.kind)
    if inspection_id is not None:
        stmt = stmt.where(Finding.inspection_id == inspection_id)
    return {(i, k): n for i, k, n in session.exec(stmt)}


def _to_row(i: Inspection, counts: dict[tuple[int, str], int]) -> InspectionListRow:
    assert i.id is not None
    return InspectionListRow(
        id=i.id, kind=i.kind, number=i.number, label=inspection_label(i.kind, i.number, i.start_date),
        start_date=i.start_date, end_date=i.end_date, focus_area=i.focus_area, ilacs_area=i.ilacs_area,
        status=i.status, published_date=i.published_date, overall_grade=i.overall_grade, summary=i.summary,
        strengths=counts.get((i.id, FindingKind.STRENGTH.value), 0),
        areas_for_development=counts.get((i.id, FindingKind.AREA_FOR_DEVELOPMENT.value), 0),
        recommendations=counts.get((i.id, FindingKind.RECOMMENDATION.value), 0),
    )


def list_inspections(*, session: Session) -> list[InspectionListRow]:
    """Every inspection and visit, oldest first, with finding counts."""
    counts = _finding_counts(session)
    stmt = select(Inspection).order_by(Inspection.start_date, Inspection.id)
    return [_to_row(i, counts) for i in session.exec(stmt)]


def inspection_findings(inspection_id: int, *, session: Session) -> list[InspectionFindingRow]:
    """Findings of one inspection (strengths, then areas for development, then recommendations)."""
    order = {FindingKind.STRENGTH.value: 0, FindingKind.AREA_FOR_DEVELOPMENT.value: 1,
             FindingKind.RECOMMENDATION.value: 2}
    live_links = (
        select(ActionFinding.finding_id, func.count().label("n"))
        .join(Action, Action.id == ActionFinding.action_id)
        .where(col(Action.deleted_at).is_(None))
        .group_by(ActionFinding.finding_id)
        .subquery()
    )
    stmt = (
        select(Finding, live_links.c.n)
        .outerjoin(live_links, live_links.c.finding_id == Finding.id)
        .where(Finding.inspection_id == inspection_id)
        .order_by(Finding.id)
    )
    rows = [
        InspectionFindingRow(f.id, f.inspection_id, f.kind, f.text, f.ilacs_area, n or 0)  # type: ignore[arg-type]
        for f, n in session.exec(stmt)
    ]
    rows.sort(key=lambda r: order.get(r.kind, 3))
    return rows


def inspection_grades(inspection_id: int, *, session: Session) -> list[GradeRow]:
    """Judgements per ILACS area, in the report's order (overall effectiveness last)."""
    order = {area.value: n for n, area in enumerate(IlacsArea)}
    grades = session.exec(select(InspectionGrade).where(InspectionGrade.inspection_id == inspection_id)).all()
    rows = [GradeRow(g.area, IlacsArea(g.area).label, g.grade, Grade(g.grade).label) for g in grades]
    rows.sort(key=lambda r: order[r.area])
    return rows


def inspection_detail(inspection_id: int, *, session: Session) -> InspectionDetail:
    """One inspection with its grades and findings; LookupError if it does not exist."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise LookupError(f"inspection {inspection_id} does not exist")
    return InspectionDetail(
        inspection=_to_row(inspection, _finding_counts(session, inspection_id)),
        grades=tuple(inspection_grades(inspection_id, session=session)),
        findings=tuple(inspection_findings(inspection_id, session=session)),
    )


def latest_judgement(*, session: Session) -> InspectionListRow | None:
    """The most recent completed inspection that carries an overall grade (the ILACS judgement)."""
    stmt = (
        select(Inspection)
        .where(Inspection.status == InspectionStatus.COMPLETED.value, col(Inspection.overall_grade).is_not(None))
        .order_by(col(Inspection.start_date).desc())
    )
    inspection = session.exec(stmt).first()
    if inspection is None:
        return None
    return _to_row(inspection, _finding_counts(session, inspection.id))


def completed_visits(*, session: Session) -> list[InspectionListRow]:
    """Completed monitoring visits, oldest first (the pack's 'Ofsted feedback' section)."""
    return [
        r for r in list_inspections(session=session)
        if r.kind == InspectionKind.MONITORING_VISIT and r.status == InspectionStatus.COMPLETED
    ]


def list_findings(*, session: Session) -> list[FindingRow]:
    """Every finding, newest inspection first (the action editor's link list)."""
    stmt = select(Finding, Inspection).join(Inspection, Inspection.id == Finding.inspection_id).order_by(
        col(Inspection.start_date).desc(), Finding.id
    )
    return [
        FindingRow(f.id, f.inspection_id, inspection_label(i.kind, i.number, i.start_date), f.kind, f.text,  # type: ignore[arg-type]
                   f.ilacs_area)
        for f, i in session.exec(stmt)
    ]
