"""Use-cases of a board meeting itself: plan one (with the standing agenda), edit, cancel, delete, restore.

Every call is one transaction (``write_transaction``) with an AuditEntry per changed field; bad
input raises ``ValidationError(field, message)`` naming the field and writes nothing. Delete is
recoverable: it sets ``deleted_at`` (the meeting disappears from every list and the pack) and
``restore_meeting`` brings it back with its agenda, papers and attendance, which is how the
window undoes both "delete" and "new meeting".
"""
from __future__ import annotations

import calendar as _calendar
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from boardapp.db.models import Board, Meeting, Person
from boardapp.db.types import utcnow
from boardapp.domain.enums import MeetingFrequency, MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.errors import NotFoundError
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "ConflictError", "MEETING_FIELDS", "NotFoundError", "ValidationError", "cancel_meeting", "create_meeting",
    "delete_meeting", "meeting_values", "next_meeting_date", "restore_meeting", "set_pack_issued", "update_meeting",
]

ENTITY = "meeting"
#: What a caller may set on a meeting (the agenda, papers and attendance have their own use-cases).
MEETING_FIELDS = ("title", "meeting_date", "start_time", "place", "chair_id", "status", "pack_issued_at")
DEFAULT_TITLE = "Improvement Board"
DEFAULT_START = time(10, 0)


def validate_meeting(values: dict[str, Any]) -> dict[str, Any]:
    """Tidied values, or ValidationError naming the field at fault."""
    if unknown := set(values) - set(MEETING_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a field of a meeting")
    clean = dict(values)
    if "title" in clean:
        clean["title"] = " ".join(str(clean["title"] or "").split())
        if not clean["title"]:
            raise ValidationError("title", "the meeting needs a title (e.g. Improvement Board)")
        if len(clean["title"]) > 120:
            raise ValidationError("title", "is too long (at most 120 characters)")
    if "meeting_date" in clean and (not isinstance(clean["meeting_date"], date)
                                    or isinstance(clean["meeting_date"], datetime)):
        raise ValidationError("meeting_date", "give the date of the meeting (DD/MM/YYYY)")
    if clean.get("start_time") is not None and not isinstance(clean["start_time"], time):
        raise ValidationError("start_time", "give the start time as HH:MM (e.g. 10:00), or leave it empty")
    if "place" in clean:
        clean["place"] = " ".join(str(clean["place"] or "").split())
        if len(clean["place"]) > 200:
            raise ValidationError("place", "is too long (at most 200 characters)")
    if "status" in clean and clean["status"] not in MeetingStatus.__members__:
        raise ValidationError("status", f"unknown status {clean['status']!r} (planned, held or cancelled)")
    issued = clean.get("pack_issued_at")
    if issued is not None and (not isinstance(issued, datetime) or issued.tzinfo is None):
        raise ValidationError("pack_issued_at", "must be a date and time with its time zone")
    return clean


def _get(session: Session, meeting_id: int, *, deleted: bool = False) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or (meeting.deleted_at is not None) != deleted:
        raise NotFoundError("this meeting no longer exists" if not deleted else "this meeting is not deleted")
    return meeting


def meeting_values(meeting_id: int, names: list[str] | tuple[str, ...], *, session: Session) -> dict[str, Any]:
    """The current values of ``names`` (fields of ``MEETING_FIELDS``), for undo checks."""
    meeting = _get(session, meeting_id)
    return {name: getattr(meeting, name) for name in names}


def _check_chair(session: Session, chair_id: Any) -> None:
    if chair_id is not None and (isinstance(chair_id, bool) or not isinstance(chair_id, int)
                                 or session.get(Person, chair_id) is None):
        raise ValidationError("chair_id", f"no person with id {chair_id!r}")


def create_meeting(*, session: Session, who: str, standing_items: bool = True, **fields: Any) -> int:
    """Plan a meeting (status planned unless given); with ``standing_items`` its agenda starts with the
    board's standing items. Returns its id. The chair defaults to the board's chair."""
    from boardapp.services.meetings.agenda import add_standing_items  # agenda builds on meetings, not the reverse

    values = validate_meeting({"title": DEFAULT_TITLE, "status": MeetingStatus.PLANNED.value, **fields})
    if "meeting_date" not in values:
        raise ValidationError("meeting_date", "give the date of the meeting (DD/MM/YYYY)")
    with write_transaction(session):
        if "chair_id" not in values:
            board = session.exec(select(Board).order_by(col(Board.id))).first()
            values["chair_id"] = board.chair_id if board is not None else None
        _check_chair(session, values["chair_id"])
        meeting = Meeting(**values)
        session.add(meeting)
        session.flush()
        assert meeting.id is not None
        record_change(session, who=who, entity=ENTITY, entity_id=meeting.id, field="created", old=None,
                      new=meeting.meeting_date)
        if standing_items:
            add_standing_items(meeting.id, session=session, who=who)
        return meeting.id


def update_meeting(meeting_id: int, changes: dict[str, Any], *, session: Session, who: str,
                   expected_version: int | None = None, expected: dict[str, Any] | None = None) -> dict[str, Any]:
    """Change fields of a meeting; returns the old values of those that changed (what undo puts back).

    ``expected_version`` (a form's first save) or ``expected`` (undo: the values the change left)
    guard against overwriting someone else's later change: ConflictError, nothing saved.
    """
    clean = validate_meeting(changes)
    with write_transaction(session):
        meeting = _get(session, meeting_id)
        if expected_version is not None and meeting.version != expected_version:
            raise ConflictError("this meeting was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        if expected is not None and any(getattr(meeting, k) != v for k, v in expected.items()):
            raise ConflictError("this meeting was changed again since; its current values were kept")
        if "chair_id" in clean:
            _check_chair(session, clean["chair_id"])
        old: dict[str, Any] = {}
        for name, new in clean.items():
            before = getattr(meeting, name)
            if before != new:
                record_change(session, who=who, entity=ENTITY, entity_id=meeting_id, field=name, old=before, new=new)
                setattr(meeting, name, new)
                old[name] = before
        if old:
            session.add(meeting)
        if "pack_issued_at" in old:
            from boardapp.services.meetings.papers import mark_late_papers

            mark_late_papers(session, meeting_id, meeting.pack_issued_at, who=who)
    return old


def cancel_meeting(meeting_id: int, *, session: Session, who: str) -> dict[str, Any]:
    """Mark a planned meeting cancelled (it stays in the list; attendance rates leave it out)."""
    with write_transaction(session):
        meeting = _get(session, meeting_id)
        if meeting.status == MeetingStatus.HELD.value:
            raise ValidationError("status", "this meeting has been held; a held meeting cannot be cancelled")
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise ValidationError("status", "this meeting is already cancelled")
        return update_meeting(meeting_id, {"status": MeetingStatus.CANCELLED.value}, session=session, who=who)


def delete_meeting(meeting_id: int, *, session: Session, who: str, any_status: bool = False) -> datetime:
    """Delete a planned (or cancelled) meeting, recoverably; returns the ``deleted_at`` stamp.

    A held meeting keeps its minutes and decisions: it cannot be deleted. ``any_status``: the
    undo of "new meeting", which removes what it made whatever became of it.
    """
    with write_transaction(session):
        meeting = _get(session, meeting_id)
        if meeting.status == MeetingStatus.HELD.value and not any_status:
            raise ValidationError("status", "this meeting has been held; its record (minutes, decisions, attendance) "
                                            "is kept, so it cannot be deleted")
        stamp = utcnow()
        record_change(session, who=who, entity=ENTITY, entity_id=meeting_id, field="deleted_at", old=None, new=stamp)
        meeting.deleted_at = stamp
        session.add(meeting)
        return stamp


def restore_meeting(meeting_id: int, *, session: Session, who: str) -> None:
    """Bring a deleted meeting back, with everything it had."""
    with write_transaction(session):
        meeting = _get(session, meeting_id, deleted=True)
        record_change(session, who=who, entity=ENTITY, entity_id=meeting_id, field="deleted_at",
                      old=meeting.deleted_at, new=None)
        meeting.deleted_at = None
        session.add(meeting)


# -- the next date -------------------------------------------------------------------------------
def _same_weekday_months_on(day: date, months: int) -> date:
    """The same weekday in the same week of the month, ``months`` later (the 2nd Tuesday → the 2nd
    Tuesday); a 5th weekday that the month lacks becomes its last one."""
    nth = (day.day - 1) // 7
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    first_weekday, length = _calendar.monthrange(year, month)
    first = 1 + (day.weekday() - first_weekday) % 7
    candidate = first + 7 * nth
    while candidate > length:
        candidate -= 7
    return date(year, month, candidate)


def step(day: date, frequency: str) -> date:
    """The meeting after one on ``day`` for the board's frequency."""
    if frequency == MeetingFrequency.SIX_WEEKLY.value:
        return day + timedelta(weeks=6)
    months = {MeetingFrequency.BI_MONTHLY.value: 2, MeetingFrequency.QUARTERLY.value: 3}.get(frequency, 1)
    return _same_weekday_months_on(day, months)


def next_meeting_date(*, session: Session, today: date) -> tuple[date, time | None, str]:
    """What "New meeting" offers: the date one period after the latest meeting (moved on until it is
    not before today), with that meeting's start time and place; with no meeting yet, one period
    from today at 10:00."""
    board = session.exec(select(Board).order_by(col(Board.id))).first()
    frequency = board.meeting_frequency if board is not None else MeetingFrequency.MONTHLY.value
    last = session.exec(
        select(Meeting).where(col(Meeting.deleted_at).is_(None))
        .order_by(col(Meeting.meeting_date).desc(), col(Meeting.id).desc())
    ).first()
    if last is None:
        return step(today, frequency), DEFAULT_START, ""
    day = step(last.meeting_date, frequency)
    while day < today:
        day = step(day, frequency)
    return day, last.start_time or DEFAULT_START, last.place


def set_pack_issued(meeting_id: int, when: datetime | None, *, session: Session, who: str) -> datetime | None:
    """Record when the meeting's pack went out (None: not issued); papers added later are marked late.
    The pack's final export calls this; the Meetings page sets it by hand. Returns the old value."""
    old = update_meeting(meeting_id, {"pack_issued_at": when}, session=session, who=who)
    return old.get("pack_issued_at", when)
