"""The workspace as a whole: the board, the next visit, the meetings either side of today."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, func, select

from boardapp.db.models import Action, Board, Meeting, Person
from boardapp.domain.enums import MeetingStatus
from boardapp.services.plan_queries import next_monitoring_visit
from boardapp.services.rows import InspectionRow, MeetingRow, WorkspaceSummary


def _meeting_row(m: Meeting, chair: str | None) -> MeetingRow:
    assert m.id is not None
    return MeetingRow(m.id, m.title, m.meeting_date, m.start_time, m.place, m.status, chair or "")


def _meeting_stmt():  # type: ignore[no-untyped-def]
    return select(Meeting, Person.name).outerjoin(Person, Person.id == Meeting.chair_id)


def list_meeting_rows(*, session: Session) -> list[MeetingRow]:
    """All board meetings, newest first."""
    stmt = _meeting_stmt().order_by(col(Meeting.meeting_date).desc())
    return [_meeting_row(m, chair) for m, chair in session.exec(stmt)]


def meeting_row(meeting_id: int, *, session: Session) -> MeetingRow | None:
    found = session.exec(_meeting_stmt().where(Meeting.id == meeting_id)).first()
    return _meeting_row(*found) if found else None


def next_meeting_row(*, session: Session, today: date) -> MeetingRow | None:
    """The next planned board meeting on or after today."""
    stmt = (
        _meeting_stmt()
        .where(Meeting.status == MeetingStatus.PLANNED.value, Meeting.meeting_date >= today)
        .order_by(Meeting.meeting_date)
    )
    found = session.exec(stmt).first()
    return _meeting_row(*found) if found else None


def last_meeting_row(*, session: Session, today: date) -> MeetingRow | None:
    """The last board meeting before today (not cancelled): the baseline for direction of travel."""
    stmt = (
        _meeting_stmt()
        .where(Meeting.status != MeetingStatus.CANCELLED.value, Meeting.meeting_date < today)
        .order_by(col(Meeting.meeting_date).desc())
    )
    found = session.exec(stmt).first()
    return _meeting_row(*found) if found else None


def workspace_summary(*, session: Session, today: date) -> WorkspaceSummary:
    """What the status bar and the headers show; cheap enough to call after every change."""
    board = session.exec(select(Board)).first()
    visit = next_monitoring_visit(session=session, today=today)
    visit_row = None
    if visit is not None:
        assert visit.id is not None
        visit_row = InspectionRow(
            visit.id, visit.kind, visit.number, visit.start_date, visit.end_date, visit.focus_area,
            visit.ilacs_area, visit.status, visit.published_date, visit.overall_grade,
        )
    count = session.exec(select(func.count()).select_from(Action).where(col(Action.deleted_at).is_(None))).one()
    return WorkspaceSummary(
        board_name=board.name if board else "Improvement Board",
        council=board.council if board else "",
        default_marking=board.default_marking if board else "OFFICIAL-SENSITIVE",
        next_visit=visit_row,
        days_to_next_visit=(visit_row.start_date - today).days if visit_row else None,
        last_meeting=last_meeting_row(session=session, today=today),
        next_meeting=next_meeting_row(session=session, today=today),
        action_count=int(count),
    )


def ensure_board(name: str, *, session: Session, council: str = "") -> None:
    """Give a new workspace its board (once): the name shown in the title bar and the pack."""
    if not name.strip():
        from boardapp.domain.rules import ValidationError

        raise ValidationError("name", "the board needs a name")
    if session.exec(select(Board)).first() is None:
        session.add(Board(name=name.strip(), council=council.strip()))
        session.commit()
