"""Marking a meeting held: its status, and every action's BRAG as it stands (the BragSnapshot).

The snapshot is the firm baseline of "moved since the last meeting": once the meeting is
the last one before today, the register, the dashboard and the pack compare each action's
BRAG with it (``services.plan.register_read.direction_baseline``) instead of working the
BRAG at the meeting out of the audit trail. Undo puts the status back and the snapshot the
meeting had before (none, for a first marking).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import text
from sqlmodel import Session

from boardapp.domain.enums import MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.minutes import live_meeting
from boardapp.services.transaction import ConflictError, touch, write_transaction

SnapshotRow = tuple[int, str, int, str]  # action id, BRAG, progress, status


@dataclass(frozen=True, slots=True)
class HeldChange:
    """What marking held changed: enough for ``unmark_held`` to put it back."""

    meeting_id: int
    old_status: str
    old_snapshot: tuple[SnapshotRow, ...]
    actions_snapshotted: int
    version: int


def _snapshot_rows(session: Session, meeting_id: int) -> tuple[SnapshotRow, ...]:
    found = session.connection().execute(
        text("SELECT action_id, brag, progress, status FROM bragsnapshot WHERE meeting_id = :m ORDER BY action_id"),
        {"m": meeting_id},
    ).all()
    return tuple((int(a), str(b), int(p), str(s)) for a, b, p, s in found)


def _replace_snapshot(session: Session, meeting_id: int, rows: tuple[SnapshotRow, ...] | None) -> int:
    """Replace the meeting's snapshot by ``rows``, or (None) by every live action's BRAG now."""
    conn = session.connection()
    conn.execute(text("DELETE FROM bragsnapshot WHERE meeting_id = :m"), {"m": meeting_id})
    if rows is None:
        result = conn.execute(text(
            "INSERT INTO bragsnapshot (meeting_id, action_id, brag, progress, status) "
            "SELECT :m, id, brag, progress, status FROM action WHERE deleted_at IS NULL"), {"m": meeting_id})
        return int(result.rowcount or 0)
    if rows:
        conn.execute(text("INSERT INTO bragsnapshot (meeting_id, action_id, brag, progress, status) "
                          "SELECT :m, :a, :b, :p, :s WHERE EXISTS (SELECT 1 FROM action WHERE id = :a)"),
                     [{"m": meeting_id, "a": a, "b": b, "p": p, "s": s} for a, b, p, s in rows])
    return len(rows)


def mark_held(
    meeting_id: int, *, session: Session, who: str, today: date, expected_version: int | None = None
) -> HeldChange:
    """Mark the meeting held and snapshot every live action's BRAG, in one transaction.

    Marking an already held meeting again takes a fresh snapshot (the previous one is kept
    in the result, for undo). A cancelled meeting, or one still to come, is refused.
    """
    with write_transaction(session):
        meeting = live_meeting(session, meeting_id)
        if expected_version is not None and meeting.version != expected_version:
            raise ConflictError("this meeting was changed elsewhere since it was read; nothing was saved. "
                                "Reload it and try again.")
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise ValidationError("status", "a cancelled meeting cannot be marked held; reinstate it first")
        if meeting.meeting_date > today:
            raise ValidationError("meeting_date",
                                  f"the meeting is not until {meeting.meeting_date:%d/%m/%Y}; mark it held on the day")
        old_status = meeting.status
        old_snapshot = _snapshot_rows(session, meeting_id)
        count = _replace_snapshot(session, meeting_id, None)
        assert meeting.id is not None
        if old_status != MeetingStatus.HELD.value:
            record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="status",
                          old=old_status, new=MeetingStatus.HELD.value)
            meeting.status = MeetingStatus.HELD.value
        record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="brag_snapshot",
                      old=f"{len(old_snapshot)} actions" if old_snapshot else None, new=f"{count} actions")
        touch(meeting, "status")  # the meeting row moves on (version) even when it was already held
        session.add(meeting)
        session.flush()
        change = HeldChange(meeting_id, old_status, old_snapshot, count, meeting.version)
    return change


def unmark_held(change: HeldChange, *, session: Session, who: str) -> None:
    """Undo ``mark_held``: the old status and the snapshot the meeting had before."""
    with write_transaction(session):
        meeting = live_meeting(session, change.meeting_id)
        if meeting.version != change.version:
            raise ConflictError("this meeting was changed elsewhere since it was marked held; nothing was changed.")
        _replace_snapshot(session, change.meeting_id, change.old_snapshot)
        assert meeting.id is not None
        if meeting.status != change.old_status:
            record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="status",
                          old=meeting.status, new=change.old_status)
            meeting.status = change.old_status
        record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="brag_snapshot",
                      old=f"{change.actions_snapshotted} actions",
                      new=f"{len(change.old_snapshot)} actions" if change.old_snapshot else None)
        session.add(meeting)


def has_snapshot(meeting_id: int, *, session: Session) -> bool:
    return session.connection().execute(
        text("SELECT EXISTS(SELECT 1 FROM bragsnapshot WHERE meeting_id = :m)"), {"m": meeting_id}).scalar() == 1
