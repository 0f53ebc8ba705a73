"""Minutes of a meeting: the notes of each agenda item, and the approval of the minutes.

Each write is one transaction (``write_transaction``) with an AuditEntry per changed field;
the functions return what an undo needs (the old value, the new version).
"""
from __future__ import annotations

from collections.abc import Iterable

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from boardapp.db.models import AgendaItem, Meeting
from boardapp.domain.enums import MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.connection import dbapi
from boardapp.services.transaction import ConflictError, write_transaction

#: Notes longer than this are refused (a pasted document by mistake, not minutes).
MAX_NOTES = 20_000


@dataclass(frozen=True, slots=True)
class ItemNotes:
    """An agenda item's minutes after a change: what undo writes back, against ``version``."""

    item_id: int
    meeting_id: int
    notes: str
    old_notes: str
    version: int


@dataclass(frozen=True, slots=True)
class MinutedItem:
    """An agenda item as the minutes show it: its number (3, or 3.1 for a sub-item) and notes."""

    id: int
    number: str
    title: str
    presenter: str
    notes: str
    version: int
    confidential: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"


def item_numbers(meeting_ids: "Iterable[int]", *, session: Session) -> dict[int, str]:
    """Agenda item id → its number as the agenda shows it ("5", "3.1"), for these meetings' live items.

    ``item_order`` is only the place among siblings (0, 1, 2 …), never what a reader sees."""
    return {m.id: m.number for mid in sorted(set(meeting_ids)) for m in minuted_items(mid, session=session)}


def minuted_items(meeting_id: int, *, session: Session) -> list[MinutedItem]:
    """The meeting's live agenda items in order, numbered 1, 2, 3, 3.1, 3.2, 4…"""
    rows = dbapi(session).execute(
        "SELECT i.id, i.parent_id, i.title, coalesce(p.name, i.presenter_name, ''), i.notes, i.version, i.confidential "
        "FROM agendaitem i LEFT JOIN person p ON p.id = i.presenter_id "
        "WHERE i.meeting_id = ? AND i.deleted_at IS NULL ORDER BY i.item_order, i.id", (meeting_id,)).fetchall()
    tops = [r for r in rows if r[1] is None]
    numbers = {r[0]: str(n) for n, r in enumerate(tops, start=1)}
    children: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
    for r in rows:
        if r[1] is not None:
            children.setdefault(r[1], []).append(r)
    ordered: list[MinutedItem] = []
    for top in tops:
        for row, number in [(top, numbers[top[0]])] + [
                (child, f"{numbers[top[0]]}.{k}") for k, child in enumerate(children.get(top[0], []), start=1)]:
            i, _parent, title, presenter, notes, version, confidential = row
            ordered.append(MinutedItem(i, number, title, presenter or "", notes or "", version, bool(confidential)))
    orphans = [r for r in rows if r[1] is not None and r[1] not in numbers]
    ordered += [MinutedItem(r[0], "?", r[2], r[3] or "", r[4] or "", r[5], bool(r[6])) for r in orphans]
    return ordered


def live_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, or ValidationError naming it (deleted ones count as gone)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise ValidationError("meeting", "that meeting no longer exists")
    return meeting


def item_of(session: Session, meeting_id: int, item_id: int | None) -> AgendaItem | None:
    """The agenda item of this meeting (None for none), or ValidationError naming the field."""
    if item_id is None:
        return None
    item = session.get(AgendaItem, item_id)
    if item is None or item.deleted_at is not None or item.meeting_id != meeting_id:
        raise ValidationError("agenda_item", "that agenda item is not on this meeting's agenda")
    return item


def set_item_notes(
    item_id: int, notes: str, *, session: Session, who: str, expected_version: int | None = None
) -> ItemNotes:
    """Write an agenda item's minutes. A stale ``expected_version`` is ConflictError."""
    if len(notes) > MAX_NOTES:
        raise ValidationError("notes", f"the minutes of one item are limited to {MAX_NOTES:,} characters")
    with write_transaction(session):
        item = session.get(AgendaItem, item_id)
        if item is None or item.deleted_at is not None:
            raise ValidationError("agenda_item", "that agenda item no longer exists")
        live_meeting(session, item.meeting_id)
        if expected_version is not None and item.version != expected_version:
            raise ConflictError("this agenda item was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        old = item.notes
        if old != notes:
            assert item.id is not None
            record_change(session, who=who, entity="agendaitem", entity_id=item.id, field="notes", old=old, new=notes)
            item.notes = notes
            session.add(item)
            session.flush()
        result = ItemNotes(item_id, item.meeting_id, item.notes, old, item.version)
    return result


def approve_minutes(
    meeting_id: int, approved_on: date | None, *, session: Session, who: str
) -> date | None:
    """Record that a later meeting approved this meeting's minutes (None clears it: the undo).

    Returns the date recorded before, so the change can be undone.
    """
    with write_transaction(session):
        meeting = live_meeting(session, meeting_id)
        if approved_on is not None:
            if meeting.status != MeetingStatus.HELD.value:
                raise ValidationError("minutes_approved_on", "only the minutes of a held meeting can be approved")
            if approved_on < meeting.meeting_date:
                raise ValidationError("minutes_approved_on",
                                      f"minutes cannot be approved before the meeting ({meeting.meeting_date:%d/%m/%Y})")
        old = meeting.minutes_approved_on
        if old != approved_on:
            assert meeting.id is not None
            record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="minutes_approved_on",
                          old=old, new=approved_on)
            meeting.minutes_approved_on = approved_on
            session.add(meeting)
    return old

