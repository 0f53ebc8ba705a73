"""Reads of inspections and their findings and grades, as frozen rows.

Deleted inspections and findings (recoverable) are left out unless asked for; the
findings of a deleted inspection are left out with it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from boardapp.db.models import Action, ActionFinding, Finding, Inspection, InspectionGrade, Person
from boardapp.domain.enums import FindingKind, Grade, IlacsArea, InspectionKind, InspectionStatus
from boardapp.domain.inspections import NEEDS_ACTION
from boardapp.domain.rules import effective_due
from boardapp.services.inspections.readiness import ref_key
from boardapp.services.rows import FindingRow


@dataclass(frozen=True, slots=True)
class GradeRow:
    area: str
    area_label: str
    grade: str
    grade_label: str


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
    letter_published: bool = False
    unanswered: int = 0  # areas for development and recommendations no live action answers
    grades: tuple[GradeRow, ...] = ()
    deleted: bool = False
    version: int = 1

    @property
    def findings(self) -> int:
        return self.strengths + self.areas_for_development + self.recommendations

    @property
    def short_label(self) -> str:
        """'MV 3', 'ILACS', 'Re-inspection' (the timeline's headline)."""
        short = {"ILACS": "ILACS", "MONITORING_VISIT": "MV", "FOCUSED_VISIT": "Focused visit", "JTAI": "JTAI",
                 "RE_INSPECTION": "Re-inspection"}[self.kind]
        return f"{short} {self.number}" if self.number else short


@dataclass(frozen=True, slots=True)
class LinkedAction:
    """An action answering a finding, as the finding's list shows it."""

    id: int
    ref: str
    title: str
    brag: str
    status: str
    due_date: date
    owner_name: str


@dataclass(frozen=True, slots=True)
class InspectionFindingRow:
    id: int
    inspection_id: int
    kind: str
    text: str
    ilacs_area: str | None
    action_count: int
    sort_order: int = 0
    actions: tuple[LinkedAction, ...] = ()
    deleted: bool = False
    version: int = 1

    @property
    def needs_action(self) -> bool:
        """An area for development or a recommendation that no live action answers: flagged."""
        return self.kind in NEEDS_ACTION and not self.action_count and not self.deleted


@dataclass(frozen=True, slots=True)
class InspectionDetail:
    inspection: InspectionListRow
    grades: tuple[GradeRow, ...]
    findings: tuple[InspectionFindingRow, ...]


@dataclass(frozen=True, slots=True)
class ActionChoice:
    """A live action offered when linking a finding (natural ref order)."""

    id: int
    ref: str
    title: str
    brag: str
    owner_name: str


def inspection_label(kind: str, number: int | None, start: date) -> str:
    """'Monitoring visit 3 (Nov 2023)'."""
    suffix = f" {number}" if number else ""
    return f"{InspectionKind(kind).label}{suffix} ({start:%b %Y})"


def _live_link_counts(session: Session) -> dict[int, int]:
    stmt = (select(ActionFinding.finding_id, func.count())
            .join(Action, Action.id == ActionFinding.action_id)
            .where(col(Action.deleted_at).is_(None)).group_by(ActionFinding.finding_id))
    return {f: n for f, n in session.exec(stmt)}


def _finding_counts(session: Session, inspection_id: int | None = None) -> tuple[dict[tuple[int, str], int], dict[int, int]]:
    """Live findings per (inspection, kind), and per inspection those needing an action that have none."""
    stmt = select(Finding.id, Finding.inspection_id, Finding.kind).where(col(Finding.deleted_at).is_(None))
    if inspection_id is not None:
        stmt = stmt.where(Finding.inspection_id == inspection_id)
    linked = _live_link_counts(session)
    counts: dict[tuple[int, str], int] = {}
    unanswered: dict[int, int] = {}
    for finding_id, owner, kind in session.exec(stmt):
        counts[(owner, kind)] = counts.get((owner, kind), 0) + 1
        if kind in NEEDS_ACTION and not linked.get(finding_id):
            unanswered[owner] = unanswered.get(owner, 0) + 1
    return counts, unanswered


def _grades_by_inspection(session: Session, ids: Iterable[int] | None = None) -> dict[int, tuple[GradeRow, ...]]:
    order = {area.value: n for n, area in enumerate(IlacsArea)}
    stmt = select(InspectionGrade)
    if ids is not None:
        stmt = stmt.where(col(InspectionGrade.inspection_id).in_(list(ids)))
    found: dict[int, list[GradeRow]] = {}
    for g in session.exec(stmt):
        found.setdefault(g.inspection_id, []).append(GradeRow(g.area, IlacsArea(g.area).label, g.grade, Grade(g.grade).label))
    return {i: tuple(sorted(rows, key=lambda r: order[r.area])) for i, rows in found.items()}


def _to_row(i: Inspection, counts: tuple[dict[tuple[int, str], int], dict[int, int]],
            grades: dict[int, tuple[GradeRow, ...]]) -> InspectionListRow:
    assert i.id is not None
    by_kind, unanswered = counts
    return InspectionListRow(
        id=i.id, kind=i.kind, number=i.number, label=inspection_label(i.kind, i.number, i.start_date),
        start_date=i.start_date, end_date=i.end_date, focus_area=i.focus_area, ilacs_area=i.ilacs_area,
        status=i.status, published_date=i.published_date, overall_grade=i.overall_grade, summary=i.summary,
        strengths=by_kind.get((i.id, FindingKind.STRENGTH.value), 0),
        areas_for_development=by_kind.get((i.id, FindingKind.AREA_FOR_DEVELOPMENT.value), 0),
        recommendations=by_kind.get((i.id, FindingKind.RECOMMENDATION.value), 0),
        letter_published=i.letter_published, unanswered=unanswered.get(i.id, 0), grades=grades.get(i.id, ()),
        deleted=i.deleted_at is not None, version=i.version,
    )


def list_inspections(*, session: Session, include_deleted: bool = False) -> list[InspectionListRow]:
    """Every live inspection and visit (deleted ones too if asked), oldest first, with finding counts."""
    counts = _finding_counts(session)
    grades = _grades_by_inspection(session)
    stmt = select(Inspection).order_by(Inspection.start_date, Inspection.id)
    if not include_deleted:
        stmt = stmt.where(col(Inspection.deleted_at).is_(None))
    return [_to_row(i, counts, grades) for i in session.exec(stmt)]


def inspection_row(inspection_id: int, *, session: Session) -> InspectionListRow:
    """One inspection (deleted ones included, so undo can show them); LookupError if there is none."""
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise LookupError(f"inspection {inspection_id} does not exist")
    return _to_row(inspection, _finding_counts(session, inspection_id), _grades_by_inspection(session, [inspection_id]))


def linked_actions(finding_ids: Iterable[int], *, session: Session) -> dict[int, tuple[LinkedAction, ...]]:
    """The live actions answering each finding, in natural ref order."""
    ids = list(finding_ids)
    stmt = (
        select(ActionFinding.finding_id, Action, Person.name)
        .join(Action, Action.id == ActionFinding.action_id)
        .outerjoin(Person, Person.id == Action.owner_id)
        .where(col(ActionFinding.finding_id).in_(ids), col(Action.deleted_at).is_(None))
    )
    found: dict[int, list[LinkedAction]] = {}
    for finding_id, a, owner in session.exec(stmt):
        found.setdefault(finding_id, []).append(LinkedAction(
            a.id, a.ref, a.title, a.brag, a.status, effective_due(a.due_date, a.revised_due_date), owner or ""))  # type: ignore[arg-type]
    return {f: tuple(sorted(rows, key=lambda r: ref_key(r.ref))) for f, rows in found.items()}


def inspection_findings(inspection_id: int, *, session: Session, include_deleted: bool = False) -> list[InspectionFindingRow]:
    """Findings of one inspection in their order (as the letter has them, or as reordered)."""
    stmt = select(Finding).where(Finding.inspection_id == inspection_id).order_by(Finding.sort_order, Finding.id)
    if not include_deleted:
        stmt = stmt.where(col(Finding.deleted_at).is_(None))
    findings = list(session.exec(stmt))
    actions = linked_actions([f.id for f in findings if f.id is not None], session=session)
    return [
        InspectionFindingRow(f.id, f.inspection_id, f.kind, f.text, f.ilacs_area, len(actions.get(f.id, ())),  # type: ignore[arg-type]
                             f.sort_order, actions.get(f.id, ()), f.deleted_at is not None, f.version)  # type: ignore[arg-type]
        for f in findings
    ]


def finding_row(finding_id: int, *, session: Session) -> InspectionFindingRow:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise LookupError(f"finding {finding_id} does not exist")
    actions = linked_actions([finding_id], session=session).get(finding_id, ())
    return InspectionFindingRow(finding_id, finding.inspection_id, finding.kind, finding.text, finding.ilacs_area,
                                len(actions), finding.sort_order, actions, finding.deleted_at is not None,
                                finding.version)


def inspection_grades(inspection_id: int, *, session: Session) -> list[GradeRow]:
    """Judgements per ILACS area, in the report's order (overall effectiveness last)."""
    return list(_grades_by_inspection(session, [inspection_id]).get(inspection_id, ()))


def inspection_detail(inspection_id: int, *, session: Session) -> InspectionDetail:
    """One inspection with its grades and findings; LookupError if it does not exist."""
    row = inspection_row(inspection_id, session=session)
    return InspectionDetail(
        inspection=row, grades=row.grades, findings=tuple(inspection_findings(inspection_id, session=session)),
    )


def latest_judgement(*, session: Session) -> InspectionListRow | None:
    """The most recent completed live inspection that carries an overall grade (the ILACS judgement)."""
    stmt = (
        select(Inspection)
        .where(Inspection.status == InspectionStatus.COMPLETED.value, col(Inspection.overall_grade).is_not(None),
               col(Inspection.deleted_at).is_(None))
        .order_by(col(Inspection.start_date).desc())
    )
    inspection = session.exec(stmt).first()
    if inspection is None:
        return None
    return inspection_row(inspection.id, session=session)  # type: ignore[arg-type]


def completed_visits(*, session: Session) -> list[InspectionListRow]:
    """Completed monitoring visits, oldest first (the pack's 'Ofsted feedback' section)."""
    return [
        r for r in list_inspections(session=session)
        if r.kind == InspectionKind.MONITORING_VISIT and r.status == InspectionStatus.COMPLETED
    ]


def list_findings(*, session: Session) -> list[FindingRow]:
    """Every live finding, newest inspection first, each inspection's in order (the action editor's link list)."""
    stmt = (select(Finding, Inspection).join(Inspection, Inspection.id == Finding.inspection_id)
            .where(col(Finding.deleted_at).is_(None), col(Inspection.deleted_at).is_(None))
            .order_by(col(Inspection.start_date).desc(), Inspection.id, Finding.sort_order, Finding.id))
    return [
        FindingRow(f.id, f.inspection_id, inspection_label(i.kind, i.number, i.start_date), f.kind, f.text,  # type: ignore[arg-type]
                   f.ilacs_area)
        for f, i in session.exec(stmt)
    ]


def action_choices(*, session: Session) -> list[ActionChoice]:
    """Every live action, natural ref order: what a finding can be linked to."""
    stmt = (select(Action.id, Action.ref, Action.title, Action.brag, Person.name)
            .outerjoin(Person, Person.id == Action.owner_id).where(col(Action.deleted_at).is_(None)))
    rows = [ActionChoice(i, r, t, b, o or "") for i, r, t, b, o in session.exec(stmt)]  # type: ignore[arg-type]
    rows.sort(key=lambda r: ref_key(r.ref))
    return rows


def live_action_ids_of_finding(finding_id: int, *, session: Session) -> set[int]:
    stmt = (select(ActionFinding.action_id).join(Action, Action.id == ActionFinding.action_id)
            .where(ActionFinding.finding_id == finding_id, col(Action.deleted_at).is_(None)))
    return set(session.exec(stmt).all())
