"""Meetings: the board's meetings, and for the chosen one its agenda, attendance, decisions and challenges."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import TablePage, fit_columns, make_table, select_first

if TYPE_CHECKING:
    from sqlmodel import Session

ATTENDANCE = {"Y": "Attended", "N": "Did not attend", "A": "Apologies", "D": "Deputy sent"}

MEETING_COLUMNS: list[Column[Any]] = [
    Column("Date", lambda r: r.meeting_date),
    Column("Time", lambda r: r.start_time, fmt=lambda t: f"{t:%H:%M}" if t else ""),
    Column("Meeting", lambda r: r.title),
    Column("Place", lambda r: r.place),
    Column("Status", lambda r: r.status.capitalize()),
    Column("Chair", lambda r: r.chair_name),
    Column("Agenda items", lambda r: r.agenda_items),
    Column("Decisions", lambda r: r.decisions),
    Column("Open challenges", lambda r: r.open_challenges),
]
AGENDA_COLUMNS: list[Column[Any]] = [
    Column("Item", lambda r: r.item_order),
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Presenter", lambda r: r.presenter_name),
    Column("Minutes", lambda r: r.notes, tooltip=lambda r: r.notes),
]
ATTENDANCE_COLUMNS: list[Column[Any]] = [
    Column("Name", lambda r: r.name),
    Column("Role", lambda r: r.role),
    Column("Organisation", lambda r: r.organisation),
    Column("Attendance", lambda r: f"{r.code} — {ATTENDANCE.get(r.code, r.code)}"
           + (f": {r.deputy_name}" if r.deputy_name else "")),
]
DECISION_COLUMNS: list[Column[Any]] = [
    Column("Decision", lambda r: r.text, tooltip=lambda r: r.text),
    Column("Owner", lambda r: r.owner_name),
    Column("Due", lambda r: r.due_date),
]
CHALLENGE_COLUMNS: list[Column[Any]] = [
    Column("Raised by", lambda r: r.raised_by_name),
    Column("Challenge", lambda r: r.challenge, tooltip=lambda r: r.challenge),
    Column("Response", lambda r: r.response, tooltip=lambda r: r.response),
    Column("Status", lambda r: r.status.capitalize()),
]


class MeetingsPage(TablePage):
    title = "Meetings"
    blurb = "Board meetings, newest first. Choose one to see its agenda, who attended (Y/N/A/D), decisions and challenges."

    def build(self) -> None:
        self.meetings, self.meeting_model = make_table("Board meetings", MEETING_COLUMNS)
        fit_columns(self.meetings, (90, 60, 190, 230, 80, 170, 110, 90, 130))
        self.agenda, self.agenda_model = make_table("Agenda of the chosen meeting", AGENDA_COLUMNS)
        fit_columns(self.agenda, (50, 320, 170, 360))
        self.attendance, self.attendance_model = make_table("Attendance at the chosen meeting", ATTENDANCE_COLUMNS)
        fit_columns(self.attendance, (200, 260, 240))
        self.decisions, self.decision_model = make_table("Decisions of the chosen meeting", DECISION_COLUMNS)
        fit_columns(self.decisions, (520, 180))
        self.challenges, self.challenge_model = make_table("Challenges raised at the chosen meeting", CHALLENGE_COLUMNS)
        fit_columns(self.challenges, (170, 360, 360))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Meeting detail")
        self.tabs.tabBar().setAccessibleName("Meeting detail sections")
        for name, view in (("&Agenda", self.agenda), ("A&ttendance", self.attendance),
                           ("&Decisions", self.decisions), ("&Challenges", self.challenges)):
            self.tabs.addTab(view, name)
        self.detail_title = QLabel("")
        self.detail_title.setObjectName("sectionTitle")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_title)
        lower_layout.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.meetings)
        split.addWidget(lower)
        split.setSizes([280, 380])
        self.body.addWidget(split, 1)
        self.meetings.selectionModel().currentRowChanged.connect(self._meeting_chosen)

    def load(self, session: "Session") -> None:
        from boardapp.services.meetings.queries import list_meetings

        self.meeting_model.set_rows(sorted(list_meetings(session=session), key=lambda m: m.meeting_date, reverse=True))
        select_first(self.meetings)

    def _meeting_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        from boardapp.services.meetings.queries import meeting_detail

        if not current.isValid():
            return
        meeting = self.meeting_model.row_at(current.row())
        with self.ctx.session() as session:
            detail = meeting_detail(meeting.id, session=session)
        present = sum(1 for a in detail.attendance if a.code in ("Y", "D"))
        when = f"{meeting.title}, {meeting.meeting_date:%A %d %B %Y}"
        if meeting.status == "HELD":
            self.detail_title.setText(f"{when} — {present} of {len(detail.attendance)} members present or represented")
        else:
            self.detail_title.setText(f"{when} — {meeting.status.lower()}")
        self.agenda_model.set_rows(list(detail.agenda))
        self.attendance_model.set_rows(list(detail.attendance))
        self.decision_model.set_rows(list(detail.decisions))
        self.challenge_model.set_rows(list(detail.challenges))
