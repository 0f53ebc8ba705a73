"""Reads of board meetings: list, detail (agenda, attendance, decisions, challenges), next and last."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.db.models import AgendaItem, ChallengeLogEntry, Decision, Meeting, MeetingAttendance, Person
from boardapp.domain.enums import ChallengeStatus


@dataclass(frozen=True, slots=True)
class MeetingListRow:
    id: int
    title: str
    meeting_date: date
    start_time: time | None
    place: str
    status: str
    chair_name: str
    agenda_items: int
    decisions: int
    open_challenges: int


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    id: int
    item_order: int
    title: str
    presenter_id: int | None
    presenter_name: str
    notes: str


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    person_id: int
    name: str
    role: str
    organisation: str
    code: str
    deputy_name: str


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    meeting_id: int
    meeting_date: date
    agenda_item_id: int | None
    text: str
    owner_id: int | None
    owner_name: str
    due_date: date | None


@dataclass(frozen=True, slots=True)
class ChallengeRow:
    id: int
    meeting_id: int
    meeting_date: date
    raised_by_id: int | None
    raised_by_name: str
    challenge: str
    response: str
    status: str


@dataclass(frozen=True, slots=True)
class MeetingDetail:
    meeting: MeetingListRow
    agenda: tuple[AgendaItemRow, ...]
    attendance: tuple[AttendanceRow, ...]
    decisions: tuple[DecisionRow, ...]
    challenges: tuple[ChallengeRow, ...]


def _today(today: date | None) -> date:
    return today or date.today()


def _counts(session: Session, model: type, *where: object) -> dict[int, int]:
    stmt = select(model.meeting_id, func.count()).group_by(model.meeting_id)  # type: ignore[attr-defined]
    for clause in where:
        stmt = stmt.where(clause)  # type: ignore[arg-type]
    return dict(session.exec(stmt).all())  # type: ignore[arg-type]


def list_meetings(*, session: Session, meeting_id: int | None = None) -> list[MeetingListRow]:
    """Every meeting, newest first, with counts of agenda items, decisions and open challenges."""
    items = _counts(session, AgendaItem)
    decisions = _counts(session, Decision)
    open_challenges = _counts(session, ChallengeLogEntry, ChallengeLogEntry.status == ChallengeStatus.OPEN.value)
    stmt = select(Meeting, Person.name).outerjoin(Person, Person.id == Meeting.chair_id)
    if meeting_id is not None:
        stmt = stmt.where(Meeting.id == meeting_id)
    stmt = stmt.order_by(col(Meeting.meeting_date).desc(), col(Meeting.id).desc())
    return [
        MeetingListRow(
            m.id, m.title, m.meeting_date, m.start_time, m.place, m.status, chair or "",  # type: ignore[arg-type]
            items.get(m.id, 0), decisions.get(m.id, 0), open_challenges.get(m.id, 0),  # type: ignore[arg-type]
        )
        for m, chair in session.exec(stmt)
    ]


def agenda(meeting_id: int, *, session: Session) -> list[AgendaItemRow]:
    stmt = (
        select(AgendaItem, Person.name).outerjoin(Person, Person.id == AgendaItem.presenter_id)
        .where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.item_order)
    )
    return [
        AgendaItemRow(a.id, a.item_order, a.title, a.presenter_id, name or a.presenter_name, a.notes)  # type: ignore[arg-type]
        for a, name in session.exec(stmt)
    ]


def attendance(meeting_id: int, *, session: Session) -> list[AttendanceRow]:
    """Who attended (Y), did not (N), sent apologies (A) or a deputy (D), by name."""
    stmt = (
        select(MeetingAttendance, Person).join(Person, Person.id == MeetingAttendance.person_id)
        .where(MeetingAttendance.meeting_id == meeting_id).order_by(Person.name)
    )
    return [
        AttendanceRow(p.id, p.name, p.role, p.organisation, a.code, a.deputy_name)  # type: ignore[arg-type]
        for a, p in session.exec(stmt)
    ]


def decisions(*, session: Session, meeting_id: int | None = None) -> list[DecisionRow]:
    """Decisions (of one meeting, or the whole log), oldest meeting first."""
    stmt = (
        select(Decision, Meeting.meeting_date, Person.name)
        .join(Meeting, Meeting.id == Decision.meeting_id)
        .outerjoin(Person, Person.id == Decision.owner_id)
        .order_by(Meeting.meeting_date, Decision.id)
    )
    if meeting_id is not None:
        stmt = stmt.where(Decision.meeting_id == meeting_id)
    return [
        DecisionRow(d.id, d.meeting_id, day, d.agenda_item_id, d.text, d.owner_id, owner or "", d.due_date)  # type: ignore[arg-type]
        for d, day, owner in session.exec(stmt)
    ]


def challenge_log(
    *, session: Session, meeting_id: int | None = None, open_only: bool = False
) -> list[ChallengeRow]:
    """Challenges raised (of one meeting, or the whole log), oldest meeting first."""
    raiser = aliased(Person)
    stmt = (
        select(ChallengeLogEntry, Meeting.meeting_date, raiser.name)
        .join(Meeting, Meeting.id == ChallengeLogEntry.meeting_id)
        .outerjoin(raiser, raiser.id == ChallengeLogEntry.raised_by_id)
        .order_by(Meeting.meeting_date, ChallengeLogEntry.id)
    )
    if meeting_id is not None:
        stmt = stmt.where(ChallengeLogEntry.meeting_id == meeting_id)
    if open_only:
        stmt = stmt.where(ChallengeLogEntry.status == ChallengeStatus.OPEN.value)
    return [
        ChallengeRow(c.id, c.meeting_id, day, c.raised_by_id, name or "", c.challenge, c.response, c.status)  # type: ignore[arg-type]
        for c, day, name in session.exec(stmt)
    ]


def meeting_detail(meeting_id: int, *, session: Session) -> MeetingDetail:
    """One meeting with everything recorded against it; LookupError if it does not exist."""
    found = list_meetings(session=session, meeting_id=meeting_id)
    if not found:
        raise LookupError(f"meeting {meeting_id} does not exist")
    return MeetingDetail(
        meeting=found[0],
        agenda=tuple(agenda(meeting_id, session=session)),
        attendance=tuple(attendance(meeting_id, session=session)),
        decisions=tuple(decisions(session=session, meeting_id=meeting_id)),
        challenges=tuple(challenge_log(session=session, meeting_id=meeting_id)),
    )
