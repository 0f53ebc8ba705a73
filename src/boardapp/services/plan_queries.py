"""Reads of the plan as frozen rows, built with set-based SQL so 50,000 actions load fast."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timezone
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from boardapp.db.models import (
    Action, ActionFinding, ActionKpi, ActionUpdate, Finding, Inspection, Kpi, Meeting, Person, Theme,
)
from boardapp.domain.enums import InspectionKind, InspectionStatus, MeetingStatus
from boardapp.domain.rules import direction_of_travel, is_overdue
from boardapp.services.audit import changes_for
from boardapp.services.rows import ActionRow, FindingRow, HistoryRow, KpiRow, PersonRow, ThemeRow


def _today(today: date | None) -> date:
    return today or date.today()


UNCHANGED = "="  # brag_at(): the action existed at the cutoff and its BRAG has not changed since


def last_meeting_cutoff(*, session: Session, today: date | None = None) -> datetime | None:
    """End of the day of the last board meeting held before today: the baseline for direction of travel."""
    day = session.exec(
        select(func.max(Meeting.meeting_date)).where(
            Meeting.meeting_date < _today(today), Meeting.status != MeetingStatus.CANCELLED.value
        )
    ).first()
    if day is None:
        return None
    return datetime.combine(day, time.max).replace(tzinfo=timezone.utc)


def brag_at(cutoff: datetime, *, session: Session, ids: list[int] | None = None) -> dict[int, str | None]:
    """Each action's BRAG as it stood at ``cutoff``, from the audit trail.

    Actions created after the cutoff map to None (they are new); actions that existed
    then and have not changed BRAG since map to UNCHANGED; actions with no audit trail
    at all are absent (the caller falls back to their creation time).
    """
    naive = cutoff.astimezone(timezone.utc).replace(tzinfo=None)
    id_filter = "" if ids is None else f" AND entity_id IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"
    sql = text(
        f"""
        WITH ch AS (
          SELECT entity_id, field, old, new, at,
            ROW_NUMBER() OVER (PARTITION BY entity_id, at <= :cut
                               ORDER BY CASE WHEN at <= :cut THEN at END DESC, at ASC, id) AS rn,
            at <= :cut AS before
          FROM auditentry
          WHERE entity = 'action' AND field IN ('brag', 'created'){id_filter}
        )
        SELECT entity_id, field, old, new, before FROM ch WHERE rn = 1
        """
    )
    latest_before: dict[int, tuple[str, str | None]] = {}
    first_after: dict[int, tuple[str, str | None]] = {}
    for entity_id, field, old, new, before in session.connection().execute(sql, {"cut": naive}):
        if before:
            latest_before[entity_id] = (field, new)
        else:
            first_after[entity_id] = (field, old)
    result: dict[int, str | None] = {}
    for entity_id in latest_before.keys() | first_after.keys():
        if entity_id in latest_before:
            field, value = latest_before[entity_id]
            if field == "brag":
                result[entity_id] = value
            elif entity_id in first_after:  # created before, changed after: the value it had then
                result[entity_id] = first_after[entity_id][1]
            else:  # created before and never changed since
                result[entity_id] = UNCHANGED
        else:
            field, value = first_after[entity_id]
            result[entity_id] = None if field == "created" else value
    return result


def _latest_updates(session: Session, ids: list[int] | None) -> dict[int, tuple[date, str]]:
    id_filter = "" if ids is None else f"WHERE action_id IN ({','.join(str(int(i)) for i in ids) or 'NULL'})"
    sql = text(
        f"""
        SELECT action_id, update_date, narrative FROM (
          SELECT action_id, update_date, narrative,
                 ROW_NUMBER() OVER (PARTITION BY action_id ORDER BY update_date DESC, id DESC) AS rn
          FROM actionupdate {id_filter}
        ) WHERE rn = 1
        """
    )
    return {
        a: (d if isinstance(d, date) else date.fromisoformat(d), n)
        for a, d, n in session.connection().execute(sql)
    }


def _finding_areas(session: Session, ids: list[int] | None) -> dict[int, set[str]]:
    stmt = select(ActionFinding.action_id, Finding.ilacs_area).join(Finding, Finding.id == ActionFinding.finding_id)
    if ids is not None:
        stmt = stmt.where(col(ActionFinding.action_id).in_(ids))
    areas: dict[int, set[str]] = defaultdict(set)
    for action_id, area in session.exec(stmt):
        if area:
            areas[action_id].add(area)
    return areas


def list_action_rows(
    *, session: Session, today: date | None = None, include_deleted: bool = False, ids: list[int] | None = None
) -> list[ActionRow]:
    """Every action of the plan (or the given ids) as frozen rows, ordered by ref."""
    day = _today(today)
    action = Action.__table__  # type: ignore[attr-defined]
    stmt = (
        select(
            *action.columns, Theme.code.label("theme_code"), Theme.title.label("theme_title"),  # type: ignore[attr-defined]
            Theme.ilacs_area.label("theme_area"), Person.name.label("owner_name"),  # type: ignore[attr-defined]
        )
        .select_from(action)
        .outerjoin(Theme, Theme.id == action.c.theme_id)
        .outerjoin(Person, Person.id == action.c.owner_id)
    )
    if not include_deleted:
        stmt = stmt.where(action.c.deleted_at.is_(None))
    if ids is not None:
        stmt = stmt.where(action.c.id.in_(ids))
    raw = session.connection().execute(stmt).all()
    updates = _latest_updates(session, ids)
    areas = _finding_areas(session, ids)
    cutoff = last_meeting_cutoff(session=session, today=day)
    before = brag_at(cutoff, session=session, ids=ids) if cutoff else {}
    rows = [_to_row(r, updates, areas, before, cutoff, day) for r in raw]
    rows.sort(key=lambda r: _ref_key(r.ref))
    return rows


def _ref_key(ref: str) -> tuple[Any, ...]:
    """Natural order for refs like 'T2.10' after 'T2.9'."""
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", ref))


def _to_row(
    r: Any, updates: dict[int, tuple[date, str]], areas: dict[int, set[str]], before: dict[int, str | None],
    cutoff: datetime | None, day: date,
) -> ActionRow:
    m = r._mapping
    action_id = m["id"]
    latest = updates.get(action_id)
    area_set = set(areas.get(action_id, ()))
    if m["theme_area"]:
        area_set.add(m["theme_area"])
    created = m["created_at"]
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    if cutoff is None:
        previous: str | None = m["brag"]
    elif action_id in before:
        previous = before[action_id]
        if previous == UNCHANGED:
            previous = m["brag"]
    elif created is not None and created > cutoff:
        previous = None
    else:
        previous = m["brag"]
    effective = m["revised_due_date"] or m["due_date"]
    return ActionRow(
        id=action_id, ref=m["ref"], title=m["title"], description=m["description"], how=m["how"],
        theme_id=m["theme_id"], theme_code=m["theme_code"] or "", theme_title=m["theme_title"] or "",
        owner_id=m["owner_id"], owner_name=m["owner_name"] or "", start_date=m["start_date"], due_date=m["due_date"],
        revised_due_date=m["revised_due_date"], status=m["status"], brag=m["brag"], progress=m["progress"],
        success_measure=m["success_measure"], evidence_of_impact=m["evidence_of_impact"],
        latest_update_date=latest[0] if latest else None, latest_update=latest[1] if latest else "",
        previous_brag=previous, direction=direction_of_travel(previous, m["brag"]),
        days_left=(effective - day).days,
        overdue=is_overdue(m["due_date"], m["revised_due_date"], m["status"], day),
        ilacs_areas=frozenset(area_set), updated_at=m["updated_at"], deleted=m["deleted_at"] is not None,
        version=m["version"],
    )


def action_row(action_id: int, *, session: Session, today: date | None = None) -> ActionRow:
    """One action as a row (deleted ones included, so undo can show them)."""
    rows = list_action_rows(session=session, today=today, include_deleted=True, ids=[action_id])
    if not rows:
        raise LookupError(f"action {action_id} does not exist")
    return rows[0]


def action_history(action_id: int, *, session: Session) -> list[HistoryRow]:
    """Progress updates and field changes of one action, newest first."""
    updates = session.exec(
        select(ActionUpdate).where(ActionUpdate.action_id == action_id)
    ).all()
    history = [
        HistoryRow(
            when=u.created_at if u.update_date == u.created_at.date()
            else datetime.combine(u.update_date, time(12), tzinfo=timezone.utc),
            kind="update", who=u.author, text=u.narrative, brag=u.brag, progress=u.progress,
        )
        for u in updates
    ]
    history += changes_for("action", action_id, session=session)
    history.sort(key=lambda h: h.when, reverse=True)
    return history


def linked_finding_ids(action_id: int, *, session: Session) -> set[int]:
    return set(session.exec(select(ActionFinding.finding_id).where(ActionFinding.action_id == action_id)).all())


def linked_kpi_ids(action_id: int, *, session: Session) -> set[int]:
    return set(session.exec(select(ActionKpi.kpi_id).where(ActionKpi.action_id == action_id)).all())


def actions_for_finding(finding_id: int, *, session: Session) -> list[tuple[int, str, str]]:
    """(id, ref, title) of the live actions answering a finding: the link seen from the other side."""
    stmt = (
        select(Action.id, Action.ref, Action.title)
        .join(ActionFinding, ActionFinding.action_id == Action.id)
        .where(ActionFinding.finding_id == finding_id, col(Action.deleted_at).is_(None))
        .order_by(Action.ref)
    )
    return [(i, r, t) for i, r, t in session.exec(stmt)]


def actions_for_kpi(kpi_id: int, *, session: Session) -> list[tuple[int, str, str]]:
    stmt = (
        select(Action.id, Action.ref, Action.title)
        .join(ActionKpi, ActionKpi.action_id == Action.id)
        .where(ActionKpi.kpi_id == kpi_id, col(Action.deleted_at).is_(None))
        .order_by(Action.ref)
    )
    return [(i, r, t) for i, r, t in session.exec(stmt)]


def list_people(*, session: Session) -> list[PersonRow]:
    return [PersonRow(p.id, p.name, p.role, p.organisation) for p in session.exec(select(Person).order_by(Person.name))]  # type: ignore[arg-type]


def list_themes(*, session: Session) -> list[ThemeRow]:
    stmt = select(Theme, Person.name).outerjoin(Person, Person.id == Theme.lead_id).order_by(Theme.sort_order, Theme.code)
    return [ThemeRow(t.id, t.code, t.title, lead or "", t.ilacs_area) for t, lead in session.exec(stmt)]  # type: ignore[arg-type]


def _inspection_label(i: Inspection) -> str:
    kind = InspectionKind(i.kind).label
    number = f" {i.number}" if i.number else ""
    return f"{kind}{number} ({i.start_date:%b %Y})"


def list_findings(*, session: Session) -> list[FindingRow]:
    stmt = select(Finding, Inspection).join(Inspection, Inspection.id == Finding.inspection_id).order_by(
        col(Inspection.start_date).desc(), Finding.id
    )
    return [
        FindingRow(f.id, f.inspection_id, _inspection_label(i), f.kind, f.text, f.ilacs_area)  # type: ignore[arg-type]
        for f, i in session.exec(stmt)
    ]


def list_kpis(*, session: Session) -> list[KpiRow]:
    return [KpiRow(k.id, k.code, k.title, k.unit, k.polarity, k.target) for k in session.exec(select(Kpi).order_by(Kpi.code))]  # type: ignore[arg-type]


def next_monitoring_visit(*, session: Session, today: date | None = None) -> Inspection | None:
    """The next planned visit on or after today (any inspection kind that is still planned)."""
    stmt = (
        select(Inspection)
        .where(Inspection.status == InspectionStatus.PLANNED.value, Inspection.end_date >= _today(today))
        .order_by(Inspection.start_date)
    )
    return session.exec(stmt).first()

