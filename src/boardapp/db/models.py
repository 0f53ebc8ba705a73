"""The workspace schema: every table of the domain model in DESIGN.md.

Enumerated columns are plain strings guarded by CHECK constraints (values from
``boardapp.domain.enums``), so the database refuses bad data whoever writes it.
Money is stored in whole pence. Dates of the plan are calendar dates; timestamps
are timezone-aware UTC. Editable rows carry a ``version`` for optimistic locking.
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Optional

from sqlalchemy import CheckConstraint, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from boardapp.db.types import UTCDateTime, utcnow
from boardapp.domain.enums import (
    ActionStatus,
    Attendance as AttendanceCode,
    Brag,
    ChallengeStatus,
    FindingKind,
    Grade,
    IlacsArea,
    InspectionKind,
    InspectionStatus,
    MeetingStatus,
    Polarity,
    RiskStatus,
    sql_in,
)


def _ts(nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Board(SQLModel, table=True):
    """The improvement board this workspace belongs to (one row)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(min_length=1)
    council: str = ""
    chair_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    default_marking: str = "OFFICIAL-SENSITIVE"
    version: int = 1


class Person(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    role: str = ""
    organisation: str = ""
    email: str = ""
    version: int = 1


class Theme(SQLModel, table=True):
    """A workstream of the improvement plan."""

    __table_args__ = (
        CheckConstraint(f"ilacs_area IS NULL OR ilacs_area IN {sql_in(IlacsArea)}", name="theme_area"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    lead_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    ilacs_area: Optional[str] = None
    sort_order: int = 0
    version: int = 1


class Inspection(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(InspectionKind)}", name="inspection_kind"),
        CheckConstraint(f"status IN {sql_in(InspectionStatus)}", name="inspection_status"),
        CheckConstraint(f"overall_grade IS NULL OR overall_grade IN {sql_in(Grade)}", name="inspection_grade"),
        CheckConstraint("end_date >= start_date", name="inspection_dates"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str
    number: Optional[int] = None
    start_date: date = Field(index=True)
    end_date: date
    focus_area: str = ""
    ilacs_area: Optional[str] = None
    status: str = InspectionStatus.PLANNED.value
    published_date: Optional[date] = None
    overall_grade: Optional[str] = None
    summary: str = ""
    version: int = 1


class InspectionGrade(SQLModel, table=True):
    """A judgement per ILACS area of a graded inspection."""

    __table_args__ = (
        UniqueConstraint("inspection_id", "area"),
        CheckConstraint(f"area IN {sql_in(IlacsArea)}", name="grade_area"),
        CheckConstraint(f"grade IN {sql_in(Grade)}", name="grade_value"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", ondelete="CASCADE")
    area: str
    grade: str


class Finding(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(FindingKind)}", name="finding_kind"),
        CheckConstraint(f"ilacs_area IS NULL OR ilacs_area IN {sql_in(IlacsArea)}", name="finding_area"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", ondelete="CASCADE", index=True)
    kind: str
    text: str = Field(min_length=1)
    ilacs_area: Optional[str] = None
    version: int = 1


class Action(SQLModel, table=True):
    """One row of the improvement plan's action tracker."""

    __table_args__ = (
        CheckConstraint(f"brag IN {sql_in(Brag)}", name="action_brag"),
        CheckConstraint(f"status IN {sql_in(ActionStatus)}", name="action_status"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="action_progress"),
        CheckConstraint("start_date IS NULL OR due_date >= start_date", name="action_due_after_start"),
        CheckConstraint("brag <> 'BLUE' OR status = 'COMPLETE'", name="action_blue_only_complete"),
        Index("ix_action_live_due", "deleted_at", "due_date"),
        Index("ix_action_theme_brag", "theme_id", "brag"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    ref: str = Field(unique=True)
    title: str = Field(min_length=1)
    description: str = ""
    how: str = ""
    theme_id: Optional[int] = Field(default=None, foreign_key="theme.id", ondelete="SET NULL", index=True)
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL", index=True)
    start_date: Optional[date] = None
    due_date: date
    revised_due_date: Optional[date] = None
    status: str = ActionStatus.NOT_STARTED.value
    brag: str = Brag.GREEN.value
    progress: int = 0
    success_measure: str = ""
    evidence_of_impact: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class ActionFinding(SQLModel, table=True):
    """Which findings an action answers (many to many)."""

    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE")
    finding_id: int = Field(foreign_key="finding.id", primary_key=True, ondelete="CASCADE", index=True)


class ActionKpi(SQLModel, table=True):
    """Which measures show an action's impact (many to many)."""

    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE")
    kpi_id: int = Field(foreign_key="kpi.id", primary_key=True, ondelete="CASCADE", index=True)


class ActionUpdate(SQLModel, table=True):
    """A dated progress update: the narrative history of an action."""

    __table_args__ = (
        CheckConstraint(f"brag IN {sql_in(Brag)}", name="update_brag"),
        CheckConstraint("progress BETWEEN 0 AND 100", name="update_progress"),
        Index("ix_update_action_date", "action_id", "update_date"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE")
    update_date: date
    author: str = ""
    narrative: str = ""
    brag: str
    progress: int
    created_at: datetime = Field(default_factory=utcnow, sa_column=_ts())


class Kpi(SQLModel, table=True):
    """A performance measure with target, tolerances and comparators."""

    __table_args__ = (CheckConstraint(f"polarity IN {sql_in(Polarity)}", name="kpi_polarity"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    unit: str = "%"
    polarity: str = Polarity.HIGHER_IS_BETTER.value
    target: Optional[float] = None
    amber_tolerance: Optional[float] = None
    red_tolerance: Optional[float] = None
    statistical_neighbours: Optional[float] = None
    england: Optional[float] = None
    theme_id: Optional[int] = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    version: int = 1


class KpiValue(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE")
    period: date
    value: float
    note: str = ""


class Risk(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("likelihood BETWEEN 1 AND 5", name="risk_likelihood"),
        CheckConstraint("impact BETWEEN 1 AND 5", name="risk_impact"),
        CheckConstraint(f"status IN {sql_in(RiskStatus)}", name="risk_status"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    ref: str = Field(unique=True)
    title: str
    description: str = ""
    likelihood: int
    impact: int
    mitigation: str = ""
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    status: str = RiskStatus.OPEN.value
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    version: int = 1


class Grant(SQLModel, table=True):
    __table_args__ = (CheckConstraint("allocated_pence >= 0", name="grant_allocated"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    funder: str = ""
    allocated_pence: int
    start_date: Optional[date] = None
    end_date: Optional[date] = None
    version: int = 1


class GrantLine(SQLModel, table=True):
    __table_args__ = (
        CheckConstraint("allocated_pence >= 0", name="line_allocated"),
        CheckConstraint("spent_pence >= 0", name="line_spent"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    grant_id: int = Field(foreign_key="grant.id", ondelete="CASCADE", index=True)
    purpose: str
    allocated_pence: int
    spent_pence: int = 0
    version: int = 1


class Meeting(SQLModel, table=True):
    """A board meeting; date and time are the local wall clock of the meeting room."""

    __table_args__ = (CheckConstraint(f"status IN {sql_in(MeetingStatus)}", name="meeting_status"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = "Improvement Board"
    meeting_date: date = Field(index=True)
    start_time: Optional[time] = None
    place: str = ""
    status: str = MeetingStatus.PLANNED.value
    chair_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    version: int = 1


class AgendaItem(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "item_order"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    item_order: int
    title: str
    presenter_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    minutes: str = ""
    paper_path: str = ""
    version: int = 1


class MeetingAttendance(SQLModel, table=True):
    """Y attended, N did not attend, A apologies, D deputy (named)."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint(f"code IN {sql_in(AttendanceCode)}", name="attendance_code"),
        CheckConstraint("code = 'D' OR deputy_name = ''", name="attendance_deputy_only_d"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE")
    code: str
    deputy_name: str = ""


class Decision(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    agenda_item_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    text: str
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    due_date: Optional[date] = None
    version: int = 1


class ChallengeLogEntry(SQLModel, table=True):
    """A challenge raised by a board member and the service's response."""

    __table_args__ = (CheckConstraint(f"status IN {sql_in(ChallengeStatus)}", name="challenge_status"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    raised_by_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    challenge: str
    response: str = ""
    status: str = ChallengeStatus.OPEN.value
    version: int = 1


class AuditEntry(SQLModel, table=True):
    """One field change: who changed what, from what, to what, and when."""

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id", "at"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    who: str = ""
    entity: str
    entity_id: int
    field: str
    old: Optional[str] = None
    new: Optional[str] = None


ALL_TABLES = tuple(SQLModel.metadata.sorted_tables)
