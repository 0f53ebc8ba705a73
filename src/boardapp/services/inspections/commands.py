"""Use-cases that change inspections, their findings and the findings' links to actions.

Each takes ``session=`` keyword-only, validates (naming the field at fault), writes,
records an AuditEntry per changed field, commits one transaction and returns fresh rows.
Deleting is recoverable (``deleted_at``), so every change can be undone.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session, col, select

from boardapp.db.models import Action, ActionFinding, Finding, Inspection, InspectionGrade
from boardapp.db.types import utcnow
from boardapp.domain.enums import InspectionKind, InspectionStatus
from boardapp.domain.inspections import validate_finding_fields, validate_inspection_fields
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.transaction import ConflictError, commit, touch
from boardapp.services.inspections.queries import (
    InspectionFindingRow, InspectionListRow, finding_row, inspection_findings, inspection_row,
)

INSPECTION_FIELDS = (
    "kind", "number", "start_date", "end_date", "focus_area", "ilacs_area", "status", "letter_published",
    "published_date", "overall_grade", "summary",
)
FINDING_FIELDS = ("kind", "text", "ilacs_area")


class NotFoundError(LookupError):
    pass


# --- inspections -----------------------------------------------------------------------------

def _inspection(session: Session, inspection_id: int, *, allow_deleted: bool = False) -> Inspection:
    found = session.get(Inspection, inspection_id)
    if found is None or (found.deleted_at is not None and not allow_deleted):
        raise NotFoundError(f"inspection {inspection_id} does not exist")
    return found


def _check_inspection(session: Session, values: dict[str, Any], grades: Mapping[str, str] | None,
                      inspection_id: int | None) -> None:
    for name in ("focus_area", "summary"):
        values[name] = (values.get(name) or "").strip()
    if values.get("end_date") is None and values.get("start_date") is not None:
        if values.get("status") == InspectionStatus.COMPLETED:
            validate_inspection_fields(**_rule_args(values, grades))  # names end_date
        values["end_date"] = values["start_date"]  # a visit still to come: expected around one day
    validate_inspection_fields(**_rule_args(values, grades))
    if values.get("number") is not None:
        clash = session.exec(select(Inspection).where(
            Inspection.kind == values["kind"], Inspection.number == values["number"],
            col(Inspection.deleted_at).is_(None), Inspection.id != (inspection_id or -1))).first()
        if clash is not None:
            what = InspectionKind(values["kind"]).label.lower()
            raise ValidationError("number", f"{what} {values['number']} already exists ({clash.start_date:%d/%m/%Y})")


def _rule_args(values: dict[str, Any], grades: Mapping[str, str] | None) -> dict[str, Any]:
    return {
        "kind": values.get("kind"), "number": values.get("number"), "start_date": values.get("start_date"),
        "end_date": values.get("end_date"), "status": values.get("status"), "ilacs_area": values.get("ilacs_area"),
        "letter_published": bool(values.get("letter_published")), "published_date": values.get("published_date"),
        "overall_grade": values.get("overall_grade"), "grades": grades,
    }


def _current_grades(session: Session, inspection_id: int) -> dict[str, str]:
    return {g.area: g.grade for g in session.exec(
        select(InspectionGrade).where(InspectionGrade.inspection_id == inspection_id))}


def _replace_grades(session: Session, inspection_id: int, grades: Mapping[str, str], *, who: str) -> None:
    current = _current_grades(session, inspection_id)
    wanted = dict(grades)
    if current == wanted:
        return
    for g in session.exec(select(InspectionGrade).where(InspectionGrade.inspection_id == inspection_id)):
        session.delete(g)
    session.flush()
    for area, grade in sorted(wanted.items()):
        session.add(InspectionGrade(inspection_id=inspection_id, area=area, grade=grade))
    record_change(session, who=who, entity="inspection", entity_id=inspection_id, field="grades",
                  old=_grades_text(current), new=_grades_text(wanted))


def _grades_text(grades: Mapping[str, str]) -> str | None:
    return ", ".join(f"{a}={g}" for a, g in sorted(grades.items())) or None


def create_inspection(*, session: Session, who: str, grades: Mapping[str, str] | None = None,
                      **fields: Any) -> InspectionListRow:
    """Add an inspection or visit (and its grades). Unknown fields are refused by name."""
    if unknown := set(fields) - set(INSPECTION_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of an inspection")
    values: dict[str, Any] = {"status": InspectionStatus.EXPECTED.value, "letter_published": False, **fields}
    values.setdefault("kind", InspectionKind.MONITORING_VISIT.value)
    _check_inspection(session, values, grades, None)
    inspection = Inspection(**values)
    session.add(inspection)
    session.flush()
    assert inspection.id is not None
    record_change(session, who=who, entity="inspection", entity_id=inspection.id, field="created", old=None,
                  new=inspection_row_label(inspection))
    if grades:
        _replace_grades(session, inspection.id, grades, who=who)
    commit(session)
    return inspection_row(inspection.id, session=session)


def inspection_row_label(i: Inspection) -> str:
    return f"{InspectionKind(i.kind).label}{f' {i.number}' if i.number else ''} {i.start_date:%d/%m/%Y}"


def update_inspection(
    inspection_id: int, changes: Mapping[str, Any], *, session: Session, who: str,
    grades: Mapping[str, str] | None = None, expected_version: int | None = None,
) -> InspectionListRow:
    """Change fields (and, when given, the grades: the full set) of one inspection in one transaction."""
    if unknown := set(changes) - set(INSPECTION_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of an inspection")
    inspection = _inspection(session, inspection_id)
    if expected_version is not None and inspection.version != expected_version:
        raise ConflictError(f"{inspection_row_label(inspection)} was changed elsewhere; reload it and try again")
    values = {f: getattr(inspection, f) for f in INSPECTION_FIELDS} | dict(changes)
    kept_grades = _current_grades(session, inspection_id) if grades is None else dict(grades)
    _check_inspection(session, values, kept_grades, inspection_id)
    changed = False
    for name in INSPECTION_FIELDS:
        old, new = getattr(inspection, name), values[name]
        if old != new:
            record_change(session, who=who, entity="inspection", entity_id=inspection_id, field=name, old=old, new=new)
            setattr(inspection, name, new)
            changed = True
    if grades is not None:
        _replace_grades(session, inspection_id, grades, who=who)
        if not changed:
            touch(inspection, "kind")  # only its grades changed: the inspection's version still moves on
        changed = True
    if changed:  # the UPDATE checks and bumps ``version`` (db.models.Versioned)
        session.add(inspection)
    commit(session)
    return inspection_row(inspection_id, session=session)


def set_inspection_deleted(inspection_id: int, deleted: bool, *, session: Session, who: str) -> InspectionListRow:
    """Soft-delete (or restore) an inspection; its findings go (and come back) with it."""
    inspection = _inspection(session, inspection_id, allow_deleted=True)
    if (inspection.deleted_at is not None) == deleted:
        return inspection_row(inspection_id, session=session)
    if not deleted and inspection.number is not None:
        clash = session.exec(select(Inspection).where(
            Inspection.kind == inspection.kind, Inspection.number == inspection.number,
            col(Inspection.deleted_at).is_(None), Inspection.id != inspection_id)).first()
        if clash is not None:
            raise ValidationError("number", f"{InspectionKind(inspection.kind).label.lower()} {inspection.number} "
                                            "exists again: renumber one of them first")
    old, new = (None, utcnow()) if deleted else (inspection.deleted_at, None)
    record_change(session, who=who, entity="inspection", entity_id=inspection_id, field="deleted_at", old=old, new=new)
    inspection.deleted_at = new  # not a new version: undoing an earlier edit must still find its own
    session.add(inspection)
    commit(session)
    return inspection_row(inspection_id, session=session)


# --- findings --------------------------------------------------------------------------------

def _finding(session: Session, finding_id: int, *, allow_deleted: bool = False) -> Finding:
    found = session.get(Finding, finding_id)
    if found is None or (found.deleted_at is not None and not allow_deleted):
        raise NotFoundError(f"finding {finding_id} does not exist")
    return found


def create_findings(
    inspection_id: int, items: Sequence[Mapping[str, Any]], *, session: Session, who: str,
) -> list[InspectionFindingRow]:
    """Add findings (one, or a pasted letter's worth) after the inspection's last, all or nothing.

    A bad item is refused naming its position ('finding 3 text: …')."""
    _inspection(session, inspection_id)
    if not items:
        raise ValidationError("text", "there is no finding to add")
    last = session.exec(select(Finding.sort_order).where(Finding.inspection_id == inspection_id)
                        .order_by(col(Finding.sort_order).desc())).first() or 0
    made: list[Finding] = []
    for position, item in enumerate(items, start=1):
        if unknown := set(item) - set(FINDING_FIELDS):
            raise ValidationError(sorted(unknown)[0], "not a field of a finding")
        values = {"ilacs_area": None, **item, "text": (item.get("text") or "").strip()}
        try:
            validate_finding_fields(kind=values.get("kind", ""), text=values["text"], ilacs_area=values["ilacs_area"])
        except ValidationError as exc:
            session.rollback()
            raise (ValidationError(f"finding {position} {exc.field}", exc.message) if len(items) > 1 else exc) from None
        finding = Finding(inspection_id=inspection_id, sort_order=last + position, **values)
        session.add(finding)
        made.append(finding)
    session.flush()
    for finding in made:
        assert finding.id is not None
        record_change(session, who=who, entity="finding", entity_id=finding.id, field="created", old=None,
                      new=finding.text[:80])
    commit(session)
    return [finding_row(f.id, session=session) for f in made]  # type: ignore[arg-type]


def update_finding(finding_id: int, changes: Mapping[str, Any], *, session: Session, who: str,
                   expected_version: int | None = None) -> InspectionFindingRow:
    if unknown := set(changes) - set(FINDING_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a finding")
    finding = _finding(session, finding_id)
    if expected_version is not None and finding.version != expected_version:
        raise ConflictError("this finding was changed elsewhere; reload it and try again")
    values = {f: getattr(finding, f) for f in FINDING_FIELDS} | dict(changes)
    values["text"] = (values["text"] or "").strip()
    validate_finding_fields(kind=values["kind"], text=values["text"], ilacs_area=values["ilacs_area"])
    changed = False
    for name in FINDING_FIELDS:
        old, new = getattr(finding, name), values[name]
        if old != new:
            record_change(session, who=who, entity="finding", entity_id=finding_id, field=name, old=old, new=new)
            setattr(finding, name, new)
            changed = True
    if changed:  # the UPDATE checks and bumps ``version`` (db.models.Versioned)
        session.add(finding)
    commit(session)
    return finding_row(finding_id, session=session)


def set_findings_deleted(finding_ids: Sequence[int], deleted: bool, *, session: Session,
                         who: str) -> list[InspectionFindingRow]:
    """Soft-delete (or restore) findings in one transaction; their links to actions are kept."""
    now = utcnow()
    for finding_id in finding_ids:
        finding = _finding(session, finding_id, allow_deleted=True)
        if (finding.deleted_at is not None) == deleted:
            continue
        old, new = (None, now) if deleted else (finding.deleted_at, None)
        record_change(session, who=who, entity="finding", entity_id=finding_id, field="deleted_at", old=old, new=new)
        finding.deleted_at = new  # not a new version (see set_inspection_deleted)
        session.add(finding)
    commit(session)
    return [finding_row(i, session=session) for i in finding_ids]


def reorder_findings(inspection_id: int, ordered_ids: Sequence[int], *, session: Session,
                     who: str) -> list[InspectionFindingRow]:
    """Put the inspection's findings in this order (every live finding of it, once)."""
    _inspection(session, inspection_id)
    findings = {f.id: f for f in session.exec(select(Finding).where(Finding.inspection_id == inspection_id))}
    live = {i for i, f in findings.items() if f.deleted_at is None}
    if len(set(ordered_ids)) != len(ordered_ids) or set(ordered_ids) != live:
        raise ValidationError("order", "the new order must list every finding of the inspection once")
    deleted = sorted((f for f in findings.values() if f.deleted_at is not None), key=lambda f: f.sort_order)
    old = ",".join(str(f.id) for f in sorted(findings.values(), key=lambda f: (f.sort_order, f.id or 0)))
    for position, finding_id in enumerate([*ordered_ids, *(f.id for f in deleted)], start=1):
        finding = findings[finding_id]
        if finding.sort_order != position:
            finding.sort_order = position
            session.add(finding)
    record_change(session, who=who, entity="inspection", entity_id=inspection_id, field="finding_order", old=old,
                  new=",".join(str(i) for i in ordered_ids))
    commit(session)
    return inspection_findings(inspection_id, session=session)


def set_finding_actions(finding_id: int, action_ids: set[int], *, session: Session, who: str) -> set[int]:
    """Link a finding to exactly these live actions (the link seen from the finding's side).

    Links to deleted actions are left alone (they come back with the action). Returns the
    actions whose links changed. Audited on the finding and on each action changed.
    """
    _finding(session, finding_id)
    for action_id in action_ids:
        action = session.get(Action, action_id)
        if action is None or action.deleted_at is not None:
            raise ValidationError("actions", f"no live action with id {action_id}")
    current = set(session.exec(
        select(ActionFinding.action_id).join(Action, Action.id == ActionFinding.action_id)
        .where(ActionFinding.finding_id == finding_id, col(Action.deleted_at).is_(None))).all())
    wanted = set(action_ids)
    if current == wanted:
        return set()
    changed = current ^ wanted
    before = {a: set(session.exec(select(ActionFinding.finding_id).where(ActionFinding.action_id == a)).all())
              for a in changed}
    for action_id in current - wanted:
        session.delete(session.get(ActionFinding, (action_id, finding_id)))
    for action_id in wanted - current:
        session.add(ActionFinding(action_id=action_id, finding_id=finding_id))
    record_change(session, who=who, entity="finding", entity_id=finding_id, field="actions",
                  old=_ids(current), new=_ids(wanted))
    for action_id in sorted(changed):
        record_change(session, who=who, entity="action", entity_id=action_id, field="findings",
                      old=_ids(before[action_id]), new=_ids(before[action_id] ^ {finding_id}))
    commit(session)
    return changed


def _ids(ids: set[int]) -> str:
    return ",".join(map(str, sorted(ids)))
