"""Attendance: Y attended, N did not attend, A apologies, D deputy (named); guests; quorum; the matrix.

The sheet of a meeting lists the board's members as they were on its date (members who had left
by then are left out unless marked) and its guests (people who are not members, added to the
meeting). Quorum counts members present or represented (Y or D). The matrix covers the last
twelve meetings up to today that were not cancelled: a cancelled meeting is not a meeting
anyone missed. Each write is one transaction, audited as field changes of the meeting.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from boardapp.db.models import Board, Meeting, MeetingAttendance, Person
from boardapp.domain.enums import Attendance, MeetingStatus
from boardapp.domain.rules import ValidationError
from boardapp.services.audit import record_change
from boardapp.services.meetings.errors import NotFoundError
from boardapp.services.transaction import ConflictError, write_transaction

__all__ = [
    "AttendanceMatrix", "AttendanceSheet", "ConflictError", "Mark", "NotFoundError", "SheetRow", "ValidationError",
    "add_guest", "attendance_matrix", "attendance_sheet", "remove_guest", "set_attendance",
]

ENTITY = "meeting"
CODE_LABELS = {"Y": "Attended", "N": "Did not attend", "A": "Apologies", "D": "Deputy"}
#: A mark as it was: (code, deputy name), or None for "not marked".
Mark = tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class SheetRow:
    person_id: int
    name: str
    role: str
    organisation: str
    is_member: bool
    code: str  # "" while not marked
    deputy_name: str


@dataclass(frozen=True, slots=True)
class AttendanceSheet:
    meeting_id: int
    rows: tuple[SheetRow, ...]
    quorum: int | None
    present: int  # members present or represented (Y or D)

    @property
    def quorum_met(self) -> bool | None:
        """True or False when the board has a quorum; None when it has none."""
        return None if self.quorum is None else self.present >= self.quorum


@dataclass(frozen=True, slots=True)
class MatrixRow:
    person_id: int
    name: str
    codes: tuple[str, ...]  # one per meeting of the matrix, "" when not marked
    present: int
    counted: int

    @property
    def rate(self) -> float | None:
        """Share of the marked meetings attended in person or by a deputy (None when none was marked)."""
        return None if not self.counted else self.present / self.counted


@dataclass(frozen=True, slots=True)
class AttendanceMatrix:
    meetings: tuple[tuple[int, date], ...]  # (id, date), oldest first
    rows: tuple[MatrixRow, ...]


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.deleted_at is not None:
        raise NotFoundError("this meeting no longer exists")
    return meeting


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise ValidationError("person_id", f"no person with id {person_id!r}")
    return person


def _row(session: Session, meeting_id: int, person_id: int) -> MeetingAttendance | None:
    return session.exec(select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting_id,
                                                        MeetingAttendance.person_id == person_id)).first()


def _validate(code: str | None, deputy_name: str) -> tuple[str | None, str]:
    deputy = " ".join((deputy_name or "").split())
    if code is None or code == "":
        return None, ""
    code = str(code).strip().upper()
    if code not in Attendance.__members__:
        raise ValidationError("code", f"{code!r} is not an attendance mark: Y attended, N did not attend, "
                                      "A apologies, D deputy")
    if code == Attendance.D.value:
        if not deputy:
            raise ValidationError("deputy_name", "name the deputy who attended in their place")
        if len(deputy) > 120:
            raise ValidationError("deputy_name", "is too long (at most 120 characters)")
    else:
        deputy = ""
    return code, deputy


def set_attendance(meeting_id: int, person_id: int, code: str | None, deputy_name: str = "", *, session: Session,
                   who: str, expected: Mark | bool = False) -> Mark:
    """Mark someone at a meeting (``code`` None: clear the mark); returns the mark as it was.

    ``expected``: the mark undo expects to find (ConflictError if someone changed it since);
    the default False checks nothing.
    """
    clean_code, deputy = _validate(code, deputy_name)
    with write_transaction(session):
        _meeting(session, meeting_id)
        person = _person(session, person_id)
        row = _row(session, meeting_id, person_id)
        before: Mark = None if row is None else (row.code, row.deputy_name)
        if expected is not False and before != expected:
            raise ConflictError(f"{person.name}'s attendance was changed again since; it was kept")
        after: Mark = None if clean_code is None else (clean_code, deputy)
        if before == after:
            return before
        record_change(session, who=who, entity=ENTITY, entity_id=meeting_id, field=f"attendance of {person.name}",
                      old=_mark_text(before), new=_mark_text(after))
        if after is None:
            assert row is not None
            session.delete(row)
        elif row is None:
            session.add(MeetingAttendance(meeting_id=meeting_id, person_id=person_id, code=after[0],
                                          deputy_name=after[1]))
        else:
            row.code, row.deputy_name = after
            session.add(row)
        return before


def _mark_text(mark: Mark) -> str | None:
    if mark is None:
        return None
    return f"D ({mark[1]})" if mark[0] == "D" else mark[0]


def add_guest(meeting_id: int, *, session: Session, who: str, name: str = "", person_id: int | None = None,
              role: str = "", organisation: str = "") -> tuple[int, bool]:
    """Add someone who is not a board member to the meeting (marked Y). A name not in the directory
    adds that person (not a member). Returns (person id, whether the person was created)."""
    with write_transaction(session):
        _meeting(session, meeting_id)
        created = False
        if person_id is None:
            clean = " ".join((name or "").split())
            if not clean:
                raise ValidationError("name", "give the guest's name")
            if len(clean) > 120:
                raise ValidationError("name", "is too long (at most 120 characters)")
            found = session.exec(select(Person).where(col(Person.name) == clean)).first()
            if found is None:
                found = Person(name=clean, role=" ".join(role.split())[:200],
                               organisation=" ".join(organisation.split())[:200], is_member=False)
                session.add(found)
                session.flush()
                record_change(session, who=who, entity="person", entity_id=found.id or 0, field="created", old=None,
                              new=found.name)
                created = True
            person = found
        else:
            person = _person(session, person_id)
        if person.is_member:
            raise ValidationError("name", f"{person.name} is a board member: mark their attendance in the list")
        if _row(session, meeting_id, person.id or 0) is not None:
            raise ValidationError("name", f"{person.name} is already listed at this meeting")
        assert person.id is not None
        set_attendance(meeting_id, person.id, Attendance.Y.value, session=session, who=who)
        return person.id, created


def remove_guest(meeting_id: int, person_id: int, *, session: Session, who: str, delete_person: bool = False) -> Mark:
    """Take a guest off the meeting (``delete_person``: also remove the person ``add_guest`` created,
    when nothing else refers to them). Returns their mark as it was."""
    with write_transaction(session):
        before = set_attendance(meeting_id, person_id, None, session=session, who=who)
        person = session.get(Person, person_id)
        if delete_person and person is not None and not _referred_to(session, person_id):
            record_change(session, who=who, entity="person", entity_id=person_id, field="deleted", old=person.name,
                          new=None)
            session.delete(person)
        # else they are referred to elsewhere (an action, another meeting): the directory keeps them
        return before


def _referred_to(session: Session, person_id: int) -> bool:
    """Whether any row of any table refers to the person (a foreign key to person.id)."""
    from sqlalchemy import func as sql_func
    from sqlalchemy import select as sql_select
    from sqlmodel import SQLModel

    session.flush()
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == "person" for fk in column.foreign_keys):
                count = session.execute(sql_select(sql_func.count()).select_from(table)
                                        .where(column == person_id)).scalar_one()
                if count:
                    return True
    return False


def attendance_sheet(meeting_id: int, *, session: Session) -> AttendanceSheet:
    """The members (as on the meeting's date) and guests, with their marks, and the quorum."""
    meeting = _meeting(session, meeting_id)
    marks = {a.person_id: a for a in session.exec(select(MeetingAttendance)
                                                  .where(MeetingAttendance.meeting_id == meeting_id)).all()}
    people = session.exec(select(Person).where(
        (col(Person.is_member) & (col(Person.left_on).is_(None) | (col(Person.left_on) > meeting.meeting_date)))
        | col(Person.id).in_(list(marks) or [-1])
    )).all()
    rows = [SheetRow(p.id or 0, p.name, p.role, p.organisation, bool(p.is_member),
                     marks[p.id].code if p.id in marks else "", marks[p.id].deputy_name if p.id in marks else "")
            for p in people]
    rows.sort(key=lambda r: (not r.is_member, r.name.casefold()))
    board = session.exec(select(Board).order_by(col(Board.id))).first()
    present = sum(1 for r in rows if r.is_member and r.code in (Attendance.Y.value, Attendance.D.value))
    return AttendanceSheet(meeting_id, tuple(rows), board.quorum if board is not None else None, present)


def attendance_matrix(*, session: Session, today: date, count: int = 12) -> AttendanceMatrix:
    """Members' marks across the last ``count`` meetings on or before today, cancelled ones left out."""
    meetings = list(session.exec(
        select(Meeting).where(col(Meeting.deleted_at).is_(None), Meeting.status != MeetingStatus.CANCELLED.value,
                              col(Meeting.meeting_date) <= today)
        .order_by(col(Meeting.meeting_date).desc(), col(Meeting.id).desc()).limit(count)
    ).all())[::-1]
    ids = [m.id or 0 for m in meetings]
    marks: dict[tuple[int, int], str] = {}
    for a in session.exec(select(MeetingAttendance).where(col(MeetingAttendance.meeting_id).in_(ids or [-1]))).all():
        marks[(a.person_id, a.meeting_id)] = a.code
    marked_people = {p for p, _m in marks}
    people = session.exec(select(Person).where(col(Person.is_member) & (
        col(Person.left_on).is_(None) | col(Person.id).in_(list(marked_people) or [-1])))).all()
    rows = []
    for person in sorted(people, key=lambda p: p.name.casefold()):
        codes = tuple(marks.get((person.id or 0, m), "") for m in ids)
        present = sum(1 for c in codes if c in (Attendance.Y.value, Attendance.D.value))
        rows.append(MatrixRow(person.id or 0, person.name, codes, present, sum(1 for c in codes if c)))
    return AttendanceMatrix(tuple((m.id or 0, m.meeting_date) for m in meetings), tuple(rows))
