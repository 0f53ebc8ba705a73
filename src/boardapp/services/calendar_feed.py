"""The plan's dates as calendar events: action deadlines, board meetings and inspections/visits.

One frozen row per event with a stable identity (kind and id), the row's version (so a
calendar that imports the file again sees a newer SEQUENCE and updates the event), and
plain text for the event's title, place and notes. No ORM: plain SQL on the session.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from boardapp.domain.enums import ActionStatus, InspectionKind, InspectionStatus, MeetingStatus
from boardapp.services.connection import Reader, dbapi, to_date, to_time


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    kind: str  # "action", "meeting" or "inspection"
    id: int
    version: int
    title: str
    start: date
    end: date  # the last day (inclusive)
    start_time: time | None = None
    place: str = ""
    notes: str = ""
    status: str = "CONFIRMED"  # CONFIRMED, TENTATIVE or CANCELLED (RFC 5545)


def calendar_events(*, session: Reader) -> list[CalendarEvent]:
    """Live actions not yet complete (on their effective due date), meetings, inspections and visits."""
    db = dbapi(session)
    events: list[CalendarEvent] = []
    actions = db.execute(
        "SELECT a.id, a.version, a.ref, a.title, a.due_date, a.revised_due_date, coalesce(p.name, ''), a.brag "
        "FROM action a LEFT JOIN person p ON p.id = a.owner_id WHERE a.deleted_at IS NULL AND a.status <> ? "
        "ORDER BY a.due_date, a.id", (ActionStatus.COMPLETE.value,))
    for i, version, ref, title, due, revised, owner, brag in actions:
        day = to_date(revised) or to_date(due)
        notes = f"Action {ref}. Owner: {owner or 'none'}. BRAG: {brag.title()}."
        if revised:
            notes += f" Revised from {to_date(due):%d/%m/%Y}."  # type: ignore[union-attr]
        events.append(CalendarEvent("action", i, version, f"Due: {ref} {title}", day, day, notes=notes))  # type: ignore[arg-type]
    meetings = db.execute(
        "SELECT id, version, title, meeting_date, start_time, place, status FROM meeting WHERE deleted_at IS NULL "
        "ORDER BY meeting_date, id")
    for i, version, title, day, start, place, status in meetings:
        events.append(CalendarEvent(
            "meeting", i, version, title, to_date(day), to_date(day), to_time(start), place or "",  # type: ignore[arg-type]
            status="CANCELLED" if status == MeetingStatus.CANCELLED.value else "CONFIRMED"))
    inspections = db.execute(
        "SELECT id, version, kind, number, start_date, end_date, focus_area, status FROM inspection "
        "WHERE deleted_at IS NULL ORDER BY start_date, id")
    for i, version, kind, number, start, end, focus, status in inspections:
        label = InspectionKind(kind).label if kind in InspectionKind.__members__ else kind
        title = f"Ofsted {label.lower()}{f' {number}' if number else ''}" + (f": {focus}" if focus else "")
        state = {InspectionStatus.EXPECTED.value: "TENTATIVE",
                 InspectionStatus.CANCELLED.value: "CANCELLED"}.get(status, "CONFIRMED")
        notes = "Expected: dates not yet notified." if status == InspectionStatus.EXPECTED.value else ""
        events.append(CalendarEvent("inspection", i, version, title, to_date(start), to_date(end),  # type: ignore[arg-type]
                                    notes=notes, status=state))
    return events
