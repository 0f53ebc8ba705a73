"""The challenge log: a challenge raised by a board member, to whom, the response and its status.

Status runs open → answered → closed; an answered or closed challenge carries the date it
was answered (the caller offers today). Removal is soft, so undo restores the entry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.db.models import AgendaItem, ChallengeLogEntry, Meeting, Person
from boardapp.db.types import utcnow
from boardapp.domain.enums import ChallengeStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.minutes import item_numbers, item_of, live_meeting
from boardapp.services.transaction import ConflictError, write_transaction

EDITABLE = ("challenge", "raised_by_id", "directed_to", "response", "status", "answered_on", "agenda_item_id")
ENTITY = "challengelogentry"


@dataclass(frozen=True, slots=True)
class ChallengeEntry:
    """One line of the challenge log, as the tab, the minutes and the pack show it."""

    id: int
    meeting_id: int
    meeting_date: date
    agenda_item_id: int | None
    item_order: int | None
    raised_by_id: int | None
    raised_by_name: str
    directed_to: str
    challenge: str
    response: str
    status: str
    answered_on: date | None
    version: int
    item_number: str = ""  # as the agenda shows it: "5", "3.1" ("" without an item)

    @property
    def status_label(self) -> str:
        return ChallengeStatus(self.status).label if self.status in ChallengeStatus.__members__ else self.status


def list_challenges(
    meeting_id: int | None = None, *, session: Session, open_only: bool = False, before: date | None = None
) -> list[ChallengeEntry]:
    """Live challenges of one meeting (or the whole log; ``before``: raised at meetings before that day)."""
    raiser = aliased(Person)
    stmt = (
        select(ChallengeLogEntry, Meeting.meeting_date, raiser.name, AgendaItem.item_order)
        .join(Meeting, Meeting.id == ChallengeLogEntry.meeting_id)
        .outerjoin(raiser, raiser.id == ChallengeLogEntry.raised_by_id)
        .outerjoin(AgendaItem, AgendaItem.id == ChallengeLogEntry.agenda_item_id)
        .where(col(ChallengeLogEntry.deleted_at).is_(None), col(Meeting.deleted_at).is_(None))
        .order_by(Meeting.meeting_date, ChallengeLogEntry.id)
    )
    if meeting_id is not None:
        stmt = stmt.where(ChallengeLogEntry.meeting_id == meeting_id)
    if open_only:
        stmt = stmt.where(ChallengeLogEntry.status == ChallengeStatus.OPEN.value)
    if before is not None:
        stmt = stmt.where(Meeting.meeting_date < before)
    found = session.exec(stmt).all()
    numbers = item_numbers((c.meeting_id for c, *_ in found if c.agenda_item_id is not None), session=session)
    return [
        ChallengeEntry(c.id, c.meeting_id, day, c.agenda_item_id, order, c.raised_by_id, name or "",  # type: ignore[arg-type]
                       c.directed_to, c.challenge, c.response, c.status, c.answered_on, c.version,
                       numbers.get(c.agenda_item_id or 0, ""))
        for c, day, name, order in found
    ]


def _entry(session: Session, entry_id: int) -> ChallengeEntry:
    session.flush()
    row = session.get(ChallengeLogEntry, entry_id)
    assert row is not None
    return next(e for e in list_challenges(row.meeting_id, session=session) if e.id == entry_id)


def _validate(session: Session, meeting: Meeting, values: dict[str, Any]) -> None:
    if not str(values.get("challenge", "")).strip():
        raise ValidationError("challenge", "write down the challenge that was raised")
    if values.get("status") not in ChallengeStatus.__members__:
        raise ValidationError("status", "must be open, answered or closed")
    if values.get("raised_by_id") is not None and session.get(Person, values["raised_by_id"]) is None:
        raise ValidationError("raised_by_id", "that person is no longer in the directory")
    assert meeting.id is not None
    item_of(session, meeting.id, values.get("agenda_item_id"))
    answered = values.get("answered_on")
    if values["status"] == ChallengeStatus.OPEN.value and answered is not None:
        raise ValidationError("answered_on", "an open challenge has no date answered; mark it answered or clear the date")
    if values["status"] == ChallengeStatus.ANSWERED.value and not str(values.get("response", "")).strip():
        raise ValidationError("response", "an answered challenge needs the response given")
    if answered is not None and answered < meeting.meeting_date:
        raise ValidationError("answered_on",
                              f"the date answered is before the meeting it was raised at ({meeting.meeting_date:%d/%m/%Y})")


def add_challenge(
    meeting_id: int, *, session: Session, who: str, challenge: str, raised_by_id: int | None = None,
    directed_to: str = "", response: str = "", status: str = ChallengeStatus.OPEN.value,
    answered_on: date | None = None, agenda_item_id: int | None = None,
) -> ChallengeEntry:
    """Log a challenge raised at the meeting."""
    values: dict[str, Any] = {
        "challenge": challenge.strip(), "raised_by_id": raised_by_id, "directed_to": directed_to.strip(),
        "response": response.strip(), "status": status, "answered_on": answered_on, "agenda_item_id": agenda_item_id,
    }
    with write_transaction(session):
        meeting = live_meeting(session, meeting_id)
        _validate(session, meeting, values)
        row = ChallengeLogEntry(meeting_id=meeting_id, **values)
        session.add(row)
        session.flush()
        assert row.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=row.id, field="created", old=None,
                      new=values["challenge"][:200])
        entry = _entry(session, row.id)
    return entry


def _live(session: Session, entry_id: int, *, allow_deleted: bool = False) -> ChallengeLogEntry:
    row = session.get(ChallengeLogEntry, entry_id)
    if row is None or (row.deleted_at is not None and not allow_deleted):
        raise ValidationError("challenge", "that challenge is no longer in the log")
    return row


def update_challenge(
    entry_id: int, changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None
) -> ChallengeEntry:
    """Change a challenge (the response, its status, the date answered…) in one transaction."""
    if unknown := set(changes) - set(EDITABLE):
        raise ValidationError(sorted(unknown)[0], "not a field of a challenge")
    changes = {k: (v.strip() if isinstance(v, str) and k != "status" else v) for k, v in changes.items()}
    with write_transaction(session):
        row = _live(session, entry_id)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("this challenge was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        values = {name: getattr(row, name) for name in EDITABLE} | changes
        _validate(session, live_meeting(session, row.meeting_id), values)
        for name, new in changes.items():
            old = getattr(row, name)
            if old != new:
                record_change(session, who=who, entity=ENTITY, entity_id=entry_id, field=name, old=old, new=new)
                setattr(row, name, new)
        session.add(row)
        entry = _entry(session, entry_id)
    return entry


def set_challenge_deleted(entry_id: int, deleted: bool, *, session: Session, who: str) -> None:
    """Remove a challenge logged by mistake, or bring it back (undo)."""
    with write_transaction(session):
        row = _live(session, entry_id, allow_deleted=True)
        if (row.deleted_at is not None) == deleted:
            return
        old, new = (None, utcnow()) if deleted else (row.deleted_at, None)
        record_change(session, who=who, entity=ENTITY, entity_id=entry_id, field="deleted_at", old=old, new=new)
        row.deleted_at = new
        session.add(row)
