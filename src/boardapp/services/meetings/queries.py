"""Reads of board meetings: list, detail (agenda, attendance, decisions, challenges), next and last."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.db.models import AgendaItem, ChallengeLogEntry, Decision, Meeting, MeetingAttendance, Paper, Person, Theme
from boardapp.domain.agenda import arrange
from boardapp.domain.enums import AgendaPurpose, ChallengeStatus


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
    #: when its pack was issued (a paper added later is late); None while it has not been
    pack_issued_at: datetime | None = None
    version: int = 1
    #: the start time plus every agenda item's minutes (None without a start time)
    end_time: time | None = None
    chair_id: int | None = None
    papers: int = 0


@dataclass(frozen=True, slots=True)
class AgendaItemRow:
    """An agenda item as the agenda builder, the minutes and the pack read it (in display order).

    ``number`` is "3" or "3.1"; ``starts``/``ends`` the running clock from the meeting's start
    time (None without one); ``item_order`` is the place among its siblings.
    """

    id: int
    item_order: int
    title: str
    presenter_id: int | None
    presenter_name: str
    notes: str
    meeting_id: int = 0
    parent_id: int | None = None
    number: str = ""
    depth: int = 0
    purpose: str = AgendaPurpose.DISCUSSION.value
    duration_minutes: int = 0
    theme_id: int | None = None
    theme_code: str = ""
    pack_section: str = ""
    confidential: bool = False
    starts: time | None = None
    ends: time | None = None
    papers: int = 0
    version: int = 1


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


def _minutes(session: Session) -> dict[int, int]:
    stmt = (select(AgendaItem.meeting_id, func.sum(AgendaItem.duration_minutes))
            .where(col(AgendaItem.deleted_at).is_(None)).group_by(AgendaItem.meeting_id))
    return {k: int(v or 0) for k, v in session.exec(stmt).all()}


def _end(start: time | None, minutes: int) -> time | None:
    return None if start is None else (datetime.combine(date.min, start) + timedelta(minutes=minutes)).time()


def list_meetings(
    *, session: Session, meeting_id: int | None = None, include_deleted: bool = False,
) -> list[MeetingListRow]:
    """Every meeting (not deleted), newest first, with counts of agenda items, decisions, open
    challenges and papers, and its end time from the agenda."""
    live_items = col(AgendaItem.deleted_at).is_(None)
    items = _counts(session, AgendaItem, live_items)
    minutes = _minutes(session)
    decisions = _counts(session, Decision, col(Decision.deleted_at).is_(None))
    open_challenges = _counts(session, ChallengeLogEntry, ChallengeLogEntry.status == ChallengeStatus.OPEN.value,
                              col(ChallengeLogEntry.deleted_at).is_(None))
    papers = _counts(session, Paper, col(Paper.deleted_at).is_(None))
    stmt = select(Meeting, Person.name).outerjoin(Person, Person.id == Meeting.chair_id)
    if meeting_id is not None:
        stmt = stmt.where(Meeting.id == meeting_id)
    if not include_deleted:
        stmt = stmt.where(col(Meeting.deleted_at).is_(None))
    stmt = stmt.order_by(col(Meeting.meeting_date).desc(), col(Meeting.id).desc())
    return [
        MeetingListRow(
            m.id, m.title, m.meeting_date, m.start_time, m.place, m.status, chair or "",  # type: ignore[arg-type]
            items.get(m.id, 0), decisions.get(m.id, 0), open_challenges.get(m.id, 0),  # type: ignore[arg-type]
            m.pack_issued_at, m.version, _end(m.start_time, minutes.get(m.id, 0)), m.chair_id,  # type: ignore[arg-type]
            papers.get(m.id, 0),  # type: ignore[arg-type]
        )
        for m, chair in session.exec(stmt)
    ]


def agenda(meeting_id: int, *, session: Session) -> list[AgendaItemRow]:
    """The meeting's agenda in display order (3, 3.1, 3.2, 4 …), numbered and timed from its start."""
    meeting = session.get(Meeting, meeting_id)
    start = meeting.start_time if meeting is not None else None
    stmt = (
        select(AgendaItem, Person.name, Theme.code)
        .outerjoin(Person, Person.id == AgendaItem.presenter_id)
        .outerjoin(Theme, Theme.id == AgendaItem.theme_id)
        .where(AgendaItem.meeting_id == meeting_id, col(AgendaItem.deleted_at).is_(None))
    )
    found = {a.id: (a, name, code) for a, name, code in session.exec(stmt)}
    papers = dict(session.exec(
        select(Paper.agenda_item_id, func.count()).where(Paper.meeting_id == meeting_id, col(Paper.deleted_at).is_(None))
        .group_by(Paper.agenda_item_id)
    ).all())
    items = [a for a, _n, _c in found.values()]
    rows = []
    for placed in arrange(items, start):
        a, name, code = found[placed.item_id]
        rows.append(AgendaItemRow(
            a.id, a.item_order, a.title, a.presenter_id, name or a.presenter_name, a.notes,  # type: ignore[arg-type]
            a.meeting_id, a.parent_id if a.parent_id in found else None, placed.number, placed.depth, a.purpose,
            a.duration_minutes, a.theme_id, code or "", a.pack_section, bool(a.confidential), placed.starts,
            placed.ends, int(papers.get(a.id, 0)), a.version,
        ))
    return rows



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
