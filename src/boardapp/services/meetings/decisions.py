"""Decisions of a meeting, numbered within it and shown as year/month/number (2026/12/3).

Adding takes the next number of the meeting inside the write lock, so two writers cannot
both take it. A removed decision is soft-deleted (undo restores it, with its number when
that is still free).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from boardapp.db.models import AgendaItem, Decision, Meeting, Person
from boardapp.db.types import utcnow
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.minutes import item_numbers, item_of, live_meeting
from boardapp.services.transaction import ConflictError, write_transaction

EDITABLE = ("text", "agenda_item_id", "owner_id", "due_date")
ENTITY = "decision"


@dataclass(frozen=True, slots=True)
class DecisionEntry:
    """A decision as the Decisions tab, the minutes and the pack show it."""

    id: int
    meeting_id: int
    meeting_date: date
    number: int
    agenda_item_id: int | None
    item_order: int | None
    text: str
    owner_id: int | None
    owner_name: str
    due_date: date | None
    version: int
    item_number: str = ""  # as the agenda shows it: "5", "3.1" ("" without an item)

    @property
    def label(self) -> str:
        return decision_label(self.meeting_date, self.number)


def decision_label(meeting_date: date, number: int) -> str:
    """How a decision is cited: the meeting's year and month, then its number (2026/12/3)."""
    return f"{meeting_date.year}/{meeting_date.month:02d}/{number}"


def list_decisions(meeting_id: int | None = None, *, session: Session) -> list[DecisionEntry]:
    """Live decisions of one meeting (or of every live meeting: the decisions log), in number order."""
    stmt = (
        select(Decision, Meeting.meeting_date, Person.name, AgendaItem.item_order)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .outerjoin(Person, Person.id == Decision.owner_id)
        .outerjoin(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .where(col(Decision.deleted_at).is_(None), col(Meeting.deleted_at).is_(None))
        .order_by(Meeting.meeting_date, Decision.number, Decision.id)
    )
    if meeting_id is not None:
        stmt = stmt.where(Decision.meeting_id == meeting_id)
    found = session.exec(stmt).all()
    numbers = item_numbers((d.meeting_id for d, *_ in found if d.agenda_item_id is not None), session=session)
    return [
        DecisionEntry(d.id, d.meeting_id, day, d.number, d.agenda_item_id, order, d.text, d.owner_id,  # type: ignore[arg-type]
                      owner or "", d.due_date, d.version, numbers.get(d.agenda_item_id or 0, ""))
        for d, day, owner, order in found
    ]


def _entry(session: Session, decision_id: int) -> DecisionEntry:
    session.flush()
    decision = session.get(Decision, decision_id)
    assert decision is not None
    found = [e for e in list_decisions(decision.meeting_id, session=session) if e.id == decision_id]
    if not found:
        raise ValidationError("decision", "that decision no longer exists")
    return found[0]


def _check(session: Session, meeting_id: int, values: dict[str, Any]) -> None:
    text = values.get("text")
    if text is not None and not str(text).strip():
        raise ValidationError("text", "a decision needs its wording")
    if "agenda_item_id" in values:
        item_of(session, meeting_id, values["agenda_item_id"])
    owner = values.get("owner_id")
    if owner is not None and session.get(Person, owner) is None:
        raise ValidationError("owner_id", "that person is no longer in the directory")


def _next_number(session: Session, meeting_id: int) -> int:
    current = session.exec(
        select(func.max(Decision.number)).where(Decision.meeting_id == meeting_id, col(Decision.deleted_at).is_(None))
    ).one()
    return int(current or 0) + 1


def add_decision(
    meeting_id: int, *, session: Session, who: str, text: str, agenda_item_id: int | None = None,
    owner_id: int | None = None, due_date: date | None = None,
) -> DecisionEntry:
    """Record a decision with the meeting's next number."""
    values = {"text": text, "agenda_item_id": agenda_item_id, "owner_id": owner_id}
    with write_transaction(session):
        meeting = live_meeting(session, meeting_id)
        _check(session, meeting_id, values)
        if due_date is not None and due_date < meeting.meeting_date:
            raise ValidationError("due_date", f"the due date is before the meeting ({meeting.meeting_date:%d/%m/%Y})")
        decision = Decision(meeting_id=meeting_id, number=_next_number(session, meeting_id), text=text.strip(),
                            agenda_item_id=agenda_item_id, owner_id=owner_id, due_date=due_date)
        session.add(decision)
        session.flush()
        assert decision.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=decision.id, field="created", old=None,
                      new=decision_label(meeting.meeting_date, decision.number))
        entry = _entry(session, decision.id)
    return entry


def _live(session: Session, decision_id: int, *, allow_deleted: bool = False) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None or (decision.deleted_at is not None and not allow_deleted):
        raise ValidationError("decision", "that decision no longer exists")
    return decision


def update_decision(
    decision_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None
) -> DecisionEntry:
    """Change a decision's wording, item, owner or due date (one transaction)."""
    if unknown := set(changes) - set(EDITABLE):
        raise ValidationError(sorted(unknown)[0], "not a field of a decision")
    with write_transaction(session):
        decision = _live(session, decision_id)
        if expected_version is not None and decision.version != expected_version:
            raise ConflictError("this decision was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        _check(session, decision.meeting_id, changes)
        if "text" in changes:
            changes = {**changes, "text": str(changes["text"]).strip()}
        for name, new in changes.items():
            old = getattr(decision, name)
            if old != new:
                record_change(session, who=who, entity=ENTITY, entity_id=decision_id, field=name, old=old, new=new)
                setattr(decision, name, new)
        session.add(decision)
        entry = _entry(session, decision_id)
    return entry


def delete_decision(decision_id: int, *, session: Session, who: str) -> None:
    """Remove a decision recorded by mistake (soft: ``restore_decision`` brings it back)."""
    with write_transaction(session):
        decision = _live(session, decision_id)
        now = utcnow()
        record_change(session, who=who, entity=ENTITY, entity_id=decision_id, field="deleted_at", old=None, new=now)
        decision.deleted_at = now
        session.add(decision)


def restore_decision(decision_id: int, *, session: Session, who: str) -> DecisionEntry:
    """Bring a removed decision back; it keeps its number unless another decision has taken it."""
    with write_transaction(session):
        decision = _live(session, decision_id, allow_deleted=True)
        if decision.deleted_at is not None:
            taken = session.exec(select(Decision.id).where(
                Decision.meeting_id == decision.meeting_id, Decision.number == decision.number,
                col(Decision.deleted_at).is_(None), Decision.id != decision_id)).first()
            if taken is not None:
                new_number = _next_number(session, decision.meeting_id)
                record_change(session, who=who, entity=ENTITY, entity_id=decision_id, field="number",
                              old=decision.number, new=new_number)
                decision.number = new_number
            record_change(session, who=who, entity=ENTITY, entity_id=decision_id, field="deleted_at",
                          old=decision.deleted_at, new=None)
            decision.deleted_at = None
            session.add(decision)
        entry = _entry(session, decision_id)
    return entry
