"""The board itself: the name on the title bar and every page of the pack, its chair and settings.

``update_board`` is Edit › Board settings; ``set_next_meeting`` plans (or moves) the next
board meeting. Both record an AuditEntry per change and commit one transaction.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlmodel import Session, select

from boardapp.db.models import Board, Meeting, Person
from boardapp.domain.enums import MeetingFrequency, MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.connection import Reader, dbapi, to_date
from boardapp.services.meetings.calendar import next_meeting
from boardapp.services.people.errors import ConflictError, NotFoundError
from boardapp.services.people.people import add_person, tidy, validate_person
from boardapp.services.rows import BoardRow, MeetingRow
from boardapp.services.transaction import write_transaction

ENTITY = "board"
EDITABLE_FIELDS = ("name", "council", "chair_id", "quorum", "default_marking", "la_code", "meeting_frequency",
                   "as_at_date")
#: The markings government practice uses for board papers (any other text is allowed too).
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL")
CHAIR_ROLE = "Independent Chair"
DEFAULT_NAME = "Improvement Board"
MEETING_TITLE = "Improvement Board"


def validate_board(values: dict[str, Any]) -> dict[str, Any]:
    """Tidied settings, or ValidationError naming the field at fault."""
    clean = dict(values)
    if "name" in clean:
        clean["name"] = tidy(clean["name"])
        if not clean["name"]:
            raise ValidationError("name", "the board needs a name (it is on every page of the pack)")
        if len(clean["name"]) > 120:
            raise ValidationError("name", "is too long (at most 120 characters)")
    if "council" in clean:
        clean["council"] = tidy(clean["council"])
        if len(clean["council"]) > 120:
            raise ValidationError("council", "is too long (at most 120 characters)")
    if "quorum" in clean and clean["quorum"] is not None:
        quorum = clean["quorum"]
        if isinstance(quorum, str):
            quorum = quorum.strip()
            if not quorum:
                quorum = None
            elif not quorum.isdigit():
                raise ValidationError("quorum", f"must be a whole number of members, not {quorum!r}")
        if quorum is not None:
            quorum = int(quorum)
            if quorum < 1:
                raise ValidationError("quorum", "must be at least 1 member (or left empty)")
            if quorum > 200:
                raise ValidationError("quorum", "must be at most 200 members")
        clean["quorum"] = quorum
    if "default_marking" in clean:
        marking = tidy(clean["default_marking"]).upper()
        if not marking:
            raise ValidationError("default_marking", "choose a protective marking (e.g. OFFICIAL-SENSITIVE)")
        if len(marking) > 60:
            raise ValidationError("default_marking", "is too long (60 characters at most)")
        clean["default_marking"] = marking
    if "la_code" in clean:
        code = tidy(clean["la_code"] or "")
        if code and not re.fullmatch(r"\d{3}", code):
            raise ValidationError("la_code", f"the DfE local-authority code is three digits (e.g. 892), not {code!r}")
        clean["la_code"] = code
    if "meeting_frequency" in clean and clean["meeting_frequency"] not in MeetingFrequency.__members__:
        raise ValidationError("meeting_frequency", f"unknown meeting frequency {clean['meeting_frequency']!r}")
    if clean.get("as_at_date") is not None and not isinstance(clean["as_at_date"], date):
        raise ValidationError("as_at_date", "must be a date")
    return clean


# -- reads ------------------------------------------------------------------------------------------
def board_row(*, session: Reader, today: date | None = None) -> BoardRow:
    """The board's settings (and its next planned meeting on or after ``today``)."""
    db = dbapi(session)
    found = db.execute(
        "SELECT b.id, b.name, b.council, b.chair_id, coalesce(p.name, ''), b.quorum, b.default_marking, b.la_code, "
        "b.meeting_frequency, b.as_at_date, b.version FROM board b LEFT JOIN person p ON p.id = b.chair_id "
        "ORDER BY b.id LIMIT 1"
    ).fetchone()
    if found is None:
        raise NotFoundError("this workspace has no board yet")
    (i, name, council, chair_id, chair, quorum, marking, la_code, frequency, as_at, version) = found
    day = today or to_date(as_at) or date.today()
    return BoardRow(i, name, council, chair_id, chair, quorum, marking, la_code or "", frequency, to_date(as_at),
                    version, next_meeting(session=db, today=day))


# -- edits ------------------------------------------------------------------------------------------
def _board(session: Session) -> Board:
    board = session.exec(select(Board).order_by(Board.id)).first()  # type: ignore[arg-type]
    if board is None:
        raise NotFoundError("this workspace has no board yet")
    return board


def update_board(changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None,
                 new_chair_name: str | None = None) -> tuple[BoardRow, int | None]:
    """Change the board's settings; ``new_chair_name`` adds that person (a board member, Independent
    Chair) and makes them the chair, in the same transaction. Returns the row and the new chair's id."""
    record = save_board_settings(changes, session=session, who=who, expected_version=expected_version,
                                 new_chair_name=new_chair_name)
    return board_row(session=session), record.created_chair_id


@dataclass(frozen=True)
class BoardSettingsChange:
    """What ``save_board_settings`` did, for ``undo_board_settings``."""

    before: dict[str, Any]
    after: dict[str, Any]
    created_chair_id: int | None
    meeting: "NextMeetingChange | None"


def save_board_settings(changes: dict[str, Any], *, session: Session, who: str, expected_version: int | None = None,
                        new_chair_name: str | None = None, next_meeting_on: date | None = None,
                        today: date | None = None) -> BoardSettingsChange:
    """Edit › Board settings in ONE transaction: the settings, a new chair if named, and the date of
    the next board meeting (``next_meeting_on``: the planned one moves, or one is planned)."""
    if unknown := set(changes) - set(EDITABLE_FIELDS):
        raise ValidationError(sorted(unknown)[0], "not a setting of the board")
    clean = validate_board(changes)
    created: int | None = None
    meeting: NextMeetingChange | None = None
    with write_transaction(session):
        board = _board(session)
        if expected_version is not None and board.version != expected_version:
            raise ConflictError("the board's settings were changed elsewhere since they were read; nothing was "
                                "saved. Reopen Board settings and try again.")
        if new_chair_name is not None and tidy(new_chair_name):
            values = validate_person({"name": new_chair_name, "role": CHAIR_ROLE, "is_member": True}, where="chair")
            created = add_person(session, who=who, **values).id
            clean["chair_id"] = created
        if clean.get("chair_id") is not None and session.get(Person, clean["chair_id"]) is None:
            raise ValidationError("chair_id", f"person {clean['chair_id']} is not in the directory")
        before = _apply_board(session, board, clean, who=who)
        if next_meeting_on is not None:
            meeting = _set_next_meeting(session, next_meeting_on, who=who, today=today or date.today())
    return BoardSettingsChange(before, {k: clean[k] for k in before}, created, meeting)


def _apply_board(session: Session, board: Board, values: dict[str, Any], *, who: str) -> dict[str, Any]:
    """Set the values that differ (audited); returns their old values."""
    assert board.id is not None
    before: dict[str, Any] = {}
    for name, new in values.items():
        old = getattr(board, name)
        if old != new:
            record_change(session, who=who, entity=ENTITY, entity_id=board.id, field=name, old=old, new=new)
            setattr(board, name, new)
            before[name] = old
    if before:
        session.add(board)  # the version moves on with the UPDATE (db.models.Versioned)
    return before


def undo_board_settings(change: BoardSettingsChange, *, session: Session, who: str) -> None:
    """Put the settings, the chair and the next meeting back as they were (one transaction)."""
    with write_transaction(session):
        board = _board(session)
        for name, value in change.after.items():
            if getattr(board, name) != value:
                raise ConflictError("the board's settings were changed again since; nothing was undone")
        _apply_board(session, board, change.before, who=who)
        if change.meeting is not None:
            _undo_next_meeting(session, change.meeting, who=who)
        session.flush()
        if change.created_chair_id is not None:
            person = session.get(Person, change.created_chair_id)
            if person is not None:
                record_change(session, who=who, entity="person", entity_id=change.created_chair_id, field="deleted",
                              old=person.name, new=None)
                session.delete(person)


def plan_meeting(session: Session, *, who: str, day: date, start_time: time | None = None, place: str = "",
                 chair_id: int | None = None) -> Meeting:
    """Add a planned board meeting in the caller's transaction (no commit)."""
    meeting = Meeting(title=MEETING_TITLE, meeting_date=day, start_time=start_time, place=tidy(place),
                      status=MeetingStatus.PLANNED.value, chair_id=chair_id)
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    record_change(session, who=who, entity="meeting", entity_id=meeting.id, field="created", old=None,
                  new=day.isoformat())
    return meeting


@dataclass(frozen=True)
class NextMeetingChange:
    """What ``set_next_meeting`` did: moved a planned meeting (``old_date``) or created one."""

    meeting_id: int
    old_date: date | None  # None: the meeting was created
    new_date: date


def set_next_meeting(day: date, *, session: Session, who: str, today: date) -> NextMeetingChange | None:
    """Make ``day`` the date of the next board meeting: the next planned one moves, or one is planned.
    Returns None when it is already on that day."""
    with write_transaction(session):
        change = _set_next_meeting(session, day, who=who, today=today)
    return change


def _set_next_meeting(session: Session, day: date, *, who: str, today: date) -> NextMeetingChange | None:
    if day < today:
        raise ValidationError("next_meeting", f"{day:%d/%m/%Y} is before today ({today:%d/%m/%Y})")
    current: MeetingRow | None = next_meeting(session=session, today=today)
    if current is not None and current.meeting_date == day:
        return None
    if current is None:
        meeting = plan_meeting(session, who=who, day=day)  # the board's chair chairs it, whoever that is then
        assert meeting.id is not None
        return NextMeetingChange(meeting.id, None, day)
    _move_meeting(session, current.id, current.meeting_date, day, who=who)
    return NextMeetingChange(current.id, current.meeting_date, day)


def _move_meeting(session: Session, meeting_id: int, expected: date, day: date, *, who: str) -> None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.meeting_date != expected:
        raise ConflictError("the meeting was changed elsewhere since; nothing was changed")
    record_change(session, who=who, entity="meeting", entity_id=meeting_id, field="meeting_date", old=expected, new=day)
    meeting.meeting_date = day
    session.add(meeting)


def undo_next_meeting(change: NextMeetingChange, *, session: Session, who: str) -> None:
    """Put the meeting back where it was, or remove the one ``set_next_meeting`` planned."""
    with write_transaction(session):
        _undo_next_meeting(session, change, who=who)


def _undo_next_meeting(session: Session, change: NextMeetingChange, *, who: str) -> None:
    if change.old_date is not None:
        _move_meeting(session, change.meeting_id, change.new_date, change.old_date, who=who)
        return
    meeting = session.get(Meeting, change.meeting_id)
    if meeting is not None:
        record_change(session, who=who, entity="meeting", entity_id=change.meeting_id, field="deleted",
                      old=meeting.meeting_date, new=None)
        session.delete(meeting)
