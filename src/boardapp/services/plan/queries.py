"""Reads of the plan as frozen rows. The register's own loader lives in action_rows."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, time, timezone

from sqlmodel import Session, col, select

from boardapp.db.models import (
    Action, ActionFinding, ActionKpi, ActionUpdate, Finding, Inspection, Person, Theme,
)
from boardapp.domain.enums import ActionStatus, Brag
from boardapp.services.audit import changes_for
from boardapp.services.plan.filters import natural_key
from boardapp.services.rows import HistoryRow


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
    history += [_readable_change(h, session) for h in changes_for("action", action_id, session=session)]
    history.sort(key=lambda h: h.when, reverse=True)
    return history


def _readable_change(h: HistoryRow, session: Session) -> HistoryRow:
    """Old and new values as a person reads them: names for ids, words for codes, UK dates."""
    def show(value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if h.field == "owner_id":
            person = session.get(Person, int(value))
            return person.name if person else f"(removed person {value})"
        if h.field == "theme_id":
            theme = session.get(Theme, int(value))
            return f"{theme.code} {theme.title}" if theme else f"(removed theme {value})"
        if h.field == "status" and value in ActionStatus.__members__:
            return ActionStatus(value).label
        if h.field == "brag" and value in Brag.__members__:
            return Brag(value).label
        if h.field.endswith("_date"):
            try:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            except ValueError:
                return value
        return value

    if h.field in ("created", "deleted_at", "update_removed", "findings", "kpis"):
        return h
    old, new = show(h.old), show(h.new)
    return replace(h, old=old, new=new, text=f"{h.field.replace('_', ' ')}: {old or '—'} → {new or '—'}")


def linked_finding_ids(action_id: int, *, session: Session) -> set[int]:
    """The live findings an action answers (a deleted finding or inspection keeps its links, hidden)."""
    stmt = (select(ActionFinding.finding_id).join(Finding, Finding.id == ActionFinding.finding_id)
            .join(Inspection, Inspection.id == Finding.inspection_id)
            .where(ActionFinding.action_id == action_id, col(Finding.deleted_at).is_(None),
                   col(Inspection.deleted_at).is_(None)))
    return set(session.exec(stmt).all())


def linked_kpi_ids(action_id: int, *, session: Session) -> set[int]:
    return set(session.exec(select(ActionKpi.kpi_id).where(ActionKpi.action_id == action_id)).all())


def _in_ref_order(rows: Iterable[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """The register's natural order (T4.2 before T4.10), not SQL's text order."""
    return sorted(((i, r, t) for i, r, t in rows), key=lambda row: natural_key(row[1]))


def actions_for_finding(finding_id: int, *, session: Session) -> list[tuple[int, str, str]]:
    """(id, ref, title) of the live actions answering a finding: the link seen from the other side."""
    stmt = (
        select(Action.id, Action.ref, Action.title)
        .join(ActionFinding, ActionFinding.action_id == Action.id)
        .where(ActionFinding.finding_id == finding_id, col(Action.deleted_at).is_(None))
    )
    return _in_ref_order(session.exec(stmt))


def actions_for_kpi(kpi_id: int, *, session: Session) -> list[tuple[int, str, str]]:
    """(id, ref, title) of the live actions a measure shows the impact of, in natural ref order."""
    stmt = (
        select(Action.id, Action.ref, Action.title)
        .join(ActionKpi, ActionKpi.action_id == Action.id)
        .where(ActionKpi.kpi_id == kpi_id, col(Action.deleted_at).is_(None))
    )
    return _in_ref_order(session.exec(stmt))
