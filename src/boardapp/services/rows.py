"""Frozen read rows: what services hand to the UI, the pack and the exporters.

Never live ORM objects: a row can cross threads, be sorted and cached, and cannot
write to the database by accident.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from datetime import date, datetime, time

from boardapp.domain.enums import Direction


class ActionRow(NamedTuple):
    """One action as the register shows it (a NamedTuple: 50,000 of these are built per load)."""

    id: int
    ref: str
    title: str
    description: str
    how: str
    theme_id: int | None
    theme_code: str
    theme_title: str
    owner_id: int | None
    owner_name: str
    start_date: date | None
    due_date: date
    revised_due_date: date | None
    status: str
    brag: str
    progress: int
    success_measure: str
    evidence_of_impact: str
    latest_update_date: date | None
    latest_update: str
    previous_brag: str | None
    direction: Direction
    days_left: int
    overdue: bool
    ilacs_areas: frozenset[str]
    deleted: bool
    version: int
    raised_at_meeting_id: int | None = None  # the (live) board meeting the action arose at
    raised_at: str = ""  # where, as the register shows it: "20/08/2024 · 4" (meeting date · agenda item)

    @property
    def effective_due(self) -> date:
        return self.revised_due_date or self.due_date


@dataclass(frozen=True, slots=True)
class PersonRow:
    """Someone in the directory. ``left_on`` set: they have left (kept for history, not offered as an owner).

    ``open_actions`` and ``same_name`` are filled by the directory read (``services.people.people``);
    other reads leave them 0.
    """

    id: int
    name: str
    role: str
    organisation: str
    email: str = ""
    is_member: bool = False
    left_on: date | None = None
    version: int = 1
    open_actions: int = 0
    same_name: int = 0  # how many others in the directory share this name (0: none)

    @property
    def active(self) -> bool:
        return self.left_on is None


@dataclass(frozen=True, slots=True)
class ThemeRow:
    """A live theme (workstream) in plan order; the counts are filled by ``services.people.themes``."""

    id: int
    code: str
    title: str
    lead_name: str
    ilacs_area: str | None
    lead_id: int | None = None
    sort_order: int = 0
    version: int = 1
    actions: int = 0  # live actions under it
    open_actions: int = 0


@dataclass(frozen=True, slots=True)
class BoardRow:
    """The board's settings, as the wizard and Edit › Board settings show them."""

    id: int
    name: str
    council: str
    chair_id: int | None
    chair_name: str
    quorum: int | None
    default_marking: str
    la_code: str
    meeting_frequency: str
    as_at_date: date | None
    version: int
    next_meeting: "MeetingRow | None" = None


@dataclass(frozen=True, slots=True)
class InspectionRow:
    id: int
    kind: str
    number: int | None
    start_date: date
    end_date: date
    focus_area: str
    ilacs_area: str | None
    status: str
    published_date: date | None
    overall_grade: str | None


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: int
    inspection_id: int
    inspection_label: str
    kind: str
    text: str
    ilacs_area: str | None


@dataclass(frozen=True, slots=True)
class KpiRow:
    id: int
    code: str
    title: str
    unit: str
    polarity: str
    target: float | None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    id: int
    title: str
    meeting_date: date
    start_time: time | None
    place: str
    status: str
    chair_name: str


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of an action's history: a progress update or a field change."""

    when: datetime
    kind: str  # "update" or "change"
    who: str
    text: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    brag: str | None = None
    progress: int | None = None


@dataclass(frozen=True, slots=True)
class WorkspaceSummary:
    """What the shell's status bar and the dashboard header need."""

    board_name: str
    council: str
    default_marking: str
    next_visit: InspectionRow | None
    days_to_next_visit: int | None
    last_meeting: MeetingRow | None
    next_meeting: MeetingRow | None
    action_count: int
    as_at: date | None = None  # the workspace's "today" when it has one (the demo does)
    is_demo: bool = False  # built by ``boardapp demo`` (its plan is invented)
    extra: dict[str, object] = field(default_factory=dict)
