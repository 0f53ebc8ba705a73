"""The workspace schema: every table of the domain model in DESIGN.md.

Enumerated columns are plain strings guarded by CHECK constraints (values from
``boardapp.domain.enums``), so the database refuses bad data whoever writes it.
Money is stored in whole pence. Dates of the plan are calendar dates; timestamps
are timezone-aware UTC. Editable rows carry a ``version`` for optimistic locking (``Versioned``).
"""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Optional

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, UniqueConstraint, text
from sqlalchemy.orm import declared_attr
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
    AgendaPurpose,
    InspectionKind,
    InspectionStatus,
    KpiFrequency,
    MeetingFrequency,
    MeetingStatus,
    Polarity,
    RiskStatus,
    sql_in,
)


class Versioned:
    """An editable row: its ``version`` is SQLAlchemy's version counter.

    Every ORM UPDATE or DELETE of the row is ``... WHERE id = ? AND version = ?`` and sets
    ``version + 1``; when another writer changed the row first, no row matches and the ORM
    raises StaleDataError (the services turn it into ConflictError). Never bump it by hand.
    """

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 (SQLAlchemy's declared_attr signature)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def _ts(nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(UTCDateTime(), nullable=nullable, index=index)


class Board(SQLModel, Versioned, table=True):
    """The improvement board this workspace belongs to (one row).

    ``as_at_date``: when set, the whole app uses it as "today" (the demo is dated just after
    the public record it is built from ends); a real workspace leaves it empty.
    """

    __table_args__ = (
        CheckConstraint(f"meeting_frequency IN {sql_in(MeetingFrequency)}", name="board_frequency"),
        CheckConstraint("quorum IS NULL OR quorum > 0", name="board_quorum"),
        CheckConstraint("la_code = '' OR (length(la_code) = 3 AND la_code NOT GLOB '*[^0-9]*')", name="board_la_code"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(min_length=1)
    council: str = ""
    chair_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    default_marking: str = "OFFICIAL-SENSITIVE"
    quorum: Optional[int] = None
    la_code: str = ""
    meeting_frequency: str = MeetingFrequency.MONTHLY.value
    as_at_date: Optional[date] = None
    version: int = 1


class Person(SQLModel, Versioned, table=True):
    """Someone in the board's directory: a board member, an action owner, or both.

    ``left_on`` set means they have left (kept for history, no longer offered as an owner).
    """

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    role: str = ""
    organisation: str = ""
    email: str = ""
    is_member: bool = False
    left_on: Optional[date] = None
    version: int = 1


class Theme(SQLModel, Versioned, table=True):
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
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class Inspection(SQLModel, Versioned, table=True):
    """An ILACS inspection, monitoring visit, focused visit, JTAI or re-inspection.

    An expected visit carries the dates it is expected around (start = end = the best guess).
    ``letter_published``: Ofsted published its letter (the first monitoring visit's is not).
    """

    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(InspectionKind)}", name="inspection_kind"),
        CheckConstraint(f"status IN {sql_in(InspectionStatus)}", name="inspection_status"),
        CheckConstraint(f"overall_grade IS NULL OR overall_grade IN {sql_in(Grade)}", name="inspection_grade"),
        CheckConstraint(f"ilacs_area IS NULL OR ilacs_area IN {sql_in(IlacsArea)}", name="inspection_area"),
        CheckConstraint("end_date >= start_date", name="inspection_dates"),
        Index("ux_inspection_kind_number", "kind", "number", unique=True,
              sqlite_where=text("number IS NOT NULL AND deleted_at IS NULL")),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str
    number: Optional[int] = None
    start_date: date = Field(index=True)
    end_date: date
    focus_area: str = ""
    ilacs_area: Optional[str] = None
    status: str = InspectionStatus.EXPECTED.value
    letter_published: bool = False
    published_date: Optional[date] = None
    overall_grade: Optional[str] = None
    summary: str = ""
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
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


class Finding(SQLModel, Versioned, table=True):
    __table_args__ = (
        CheckConstraint(f"kind IN {sql_in(FindingKind)}", name="finding_kind"),
        CheckConstraint(f"ilacs_area IS NULL OR ilacs_area IN {sql_in(IlacsArea)}", name="finding_area"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    inspection_id: int = Field(foreign_key="inspection.id", ondelete="CASCADE", index=True)
    kind: str
    text: str = Field(min_length=1)
    ilacs_area: Optional[str] = None
    sort_order: int = 0
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class Action(SQLModel, Versioned, table=True):
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
    recommendation: str = ""
    raised_at_meeting_id: Optional[int] = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    raised_at_item_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
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


class Kpi(SQLModel, Versioned, table=True):
    """A performance measure: target and floor (the tolerance line), polarity, frequency.

    RAG as boards read it (``domain.kpi``): Green meets or beats the target, Amber misses it
    but is no worse than the floor, Red is beyond the floor. ``retired_at``: no longer
    reported (kept with its history).
    """

    __table_args__ = (
        CheckConstraint(f"polarity IN {sql_in(Polarity)}", name="kpi_polarity"),
        CheckConstraint(f"frequency IN {sql_in(KpiFrequency)}", name="kpi_frequency"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    unit: str = "%"
    polarity: str = Polarity.HIGHER_IS_BETTER.value
    target: Optional[float] = None
    floor: Optional[float] = None
    frequency: str = KpiFrequency.MONTHLY.value
    period_note: str = ""
    source_note: str = ""
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    theme_id: Optional[int] = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    sort_order: int = 0
    retired_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class KpiValue(SQLModel, table=True):
    """One period's figure. ``value`` None with a ``mark`` (DfE's c, x, z, u, low) is "not published", never zero."""

    __table_args__ = (UniqueConstraint("kpi_id", "period"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE")
    period: date
    value: Optional[float] = None
    mark: str = ""
    note: str = ""


class Comparator(SQLModel, table=True):
    """Published comparators of a measure for one published period (an EES reporting year or quarter)."""

    __table_args__ = (UniqueConstraint("kpi_id", "period"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE", index=True)
    period: str
    period_end: Optional[date] = None
    england: Optional[float] = None
    region: Optional[float] = None
    region_name: str = ""
    neighbours: Optional[float] = None
    neighbours_used: int = 0
    own: Optional[float] = None
    source: str = ""


class FindingKpi(SQLModel, table=True):
    """Which measures evidence the impact on a finding (many to many)."""

    finding_id: int = Field(foreign_key="finding.id", primary_key=True, ondelete="CASCADE")
    kpi_id: int = Field(foreign_key="kpi.id", primary_key=True, ondelete="CASCADE", index=True)


class Risk(SQLModel, Versioned, table=True):
    """A risk to the improvement programme, scored likelihood x impact (1-5 each) before and after controls."""

    __table_args__ = (
        CheckConstraint("inherent_likelihood BETWEEN 1 AND 5", name="risk_inherent_likelihood"),
        CheckConstraint("inherent_impact BETWEEN 1 AND 5", name="risk_inherent_impact"),
        CheckConstraint("residual_likelihood BETWEEN 1 AND 5", name="risk_residual_likelihood"),
        CheckConstraint("residual_impact BETWEEN 1 AND 5", name="risk_residual_impact"),
        CheckConstraint(f"status IN {sql_in(RiskStatus)}", name="risk_status"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    ref: str = Field(unique=True)
    title: str
    description: str = ""
    cause: str = ""
    effect: str = ""
    inherent_likelihood: int
    inherent_impact: int
    residual_likelihood: int
    residual_impact: int
    controls: str = ""
    mitigation: str = ""
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    theme_id: Optional[int] = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    status: str = RiskStatus.OPEN.value
    review_date: Optional[date] = None
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    version: int = 1


class Grant(SQLModel, Versioned, table=True):
    """A grant or other funding of the improvement programme (money in whole pence)."""

    __table_args__ = (CheckConstraint("allocated_pence >= 0", name="grant_allocated"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    funder: str = ""
    allocated_pence: int
    start_date: Optional[date] = None
    end_date: Optional[date] = None
    notes: str = ""
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class GrantLine(SQLModel, Versioned, table=True):
    """What part of a grant is for, and how much of it is spent to date."""

    __table_args__ = (
        CheckConstraint("allocated_pence >= 0", name="line_allocated"),
        CheckConstraint("spent_pence >= 0", name="line_spent"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    grant_id: int = Field(foreign_key="grant.id", ondelete="CASCADE", index=True)
    purpose: str
    allocated_pence: int
    spent_pence: int = 0
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    sort_order: int = 0
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class GrantLineAction(SQLModel, table=True):
    """Which actions a grant line pays for (many to many)."""

    grant_line_id: int = Field(foreign_key="grantline.id", primary_key=True, ondelete="CASCADE")
    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE", index=True)


class Meeting(SQLModel, Versioned, table=True):
    """A board meeting; date and time are the local wall clock of the meeting room.

    ``pack_issued_at``: when its final pack went out (a paper added later is late).
    ``minutes_approved_on``: the date a later meeting approved its minutes.
    """

    __table_args__ = (CheckConstraint(f"status IN {sql_in(MeetingStatus)}", name="meeting_status"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str = "Improvement Board"
    meeting_date: date = Field(index=True)
    start_time: Optional[time] = None
    place: str = ""
    status: str = MeetingStatus.PLANNED.value
    chair_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    pack_issued_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    minutes_approved_on: Optional[date] = None
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class AgendaItem(SQLModel, Versioned, table=True):
    """An item of a meeting's agenda; ``parent_id`` makes it a sub-item (3.1, 3.2).

    ``pack_section``: the pack section it presents (a key of ``services.pack_data``), if any;
    ``confidential``: Part B, exempt information (its papers go into the confidential part).
    ``notes``: the minutes of the item.
    """

    __table_args__ = (
        CheckConstraint(f"purpose IN {sql_in(AgendaPurpose)}", name="agenda_purpose"),
        CheckConstraint("duration_minutes >= 0", name="agenda_duration"),
        Index("ix_agenda_meeting_order", "meeting_id", "item_order"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE")
    parent_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="CASCADE")
    item_order: int
    title: str
    presenter_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    presenter_name: str = ""
    purpose: str = AgendaPurpose.DISCUSSION.value
    duration_minutes: int = 10
    theme_id: Optional[int] = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    pack_section: str = ""
    confidential: bool = False
    notes: str = ""
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class Paper(SQLModel, Versioned, table=True):
    """A PDF paper for an agenda item, stored in the workspace itself (one file carries everything).

    ``late``: added after the meeting's pack was issued (it goes into a supplement);
    ``supplement_number`` is set when a supplement carrying it is made.
    """

    __table_args__ = (
        CheckConstraint("page_count >= 1", name="paper_pages"),
        CheckConstraint("size_bytes >= 0", name="paper_size"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    agenda_item_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    title: str
    author: str = ""
    file_name: str = ""
    page_count: int
    size_bytes: int
    sha256: str = ""
    content: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
    added_at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    late: bool = False
    supplement_number: Optional[int] = None
    sort_order: int = 0
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
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


class Decision(SQLModel, Versioned, table=True):
    """A decision of a meeting, numbered within it (shown as 2026/12/3)."""

    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    agenda_item_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    number: int = 0
    text: str
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    due_date: Optional[date] = None
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class ChallengeLogEntry(SQLModel, Versioned, table=True):
    """A challenge raised by a board member, to whom, and the service's response."""

    __table_args__ = (CheckConstraint(f"status IN {sql_in(ChallengeStatus)}", name="challenge_status"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    agenda_item_id: Optional[int] = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    raised_by_id: Optional[int] = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    directed_to: str = ""
    challenge: str
    response: str = ""
    status: str = ChallengeStatus.OPEN.value
    answered_on: Optional[date] = None
    deleted_at: Optional[datetime] = Field(default=None, sa_column=_ts(nullable=True))
    version: int = 1


class BragSnapshot(SQLModel, table=True):
    """Every action's BRAG as it stood when a meeting was marked held: the baseline of "moved since"."""

    __table_args__ = (CheckConstraint(f"brag IN {sql_in(Brag)}", name="snapshot_brag"),)

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE", index=True)
    brag: str
    progress: int = 0
    status: str = ""


class AuditEntry(SQLModel, table=True):
    """One field change: who changed what, from what, to what, and when."""

    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id", "at"),
        Index("ix_audit_at", "at"),
    )
    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=_ts())
    who: str = ""
    entity: str
    entity_id: int
    entity_ref: str = ""
    field: str
    old: Optional[str] = None
    new: Optional[str] = None


ALL_TABLES = tuple(SQLModel.metadata.sorted_tables)
