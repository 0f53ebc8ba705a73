"""Meetings: the board's meetings (past and future) and the chosen one's workspace, tab by tab.

New meeting (Ctrl+Shift+N) offers the next date from the board's meeting frequency, with the
standing agenda items; Edit (F2), Cancel and Delete (a planned meeting; recoverable) are each
one undo entry. The tabs are listed in ``meeting_tabs`` as (title, MeetingTab): a new tab is one
line there. Every tab is shown the chosen meeting after each change (``MeetingTab.show_meeting``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from boardapp.domain.enums import MeetingStatus
from boardapp.ui.common import msgbox
from boardapp.ui.common.empty_state import EmptyState, EmptySwitch
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import TablePage, fit_columns, make_table
from boardapp.ui.pages.meetings import commands
from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
from boardapp.ui.pages.meetings.attendance_tab import AttendanceTab
from boardapp.ui.pages.meetings.papers_tab import PapersTab
from boardapp.ui.pages.meetings.tab_base import MeetingTab, action_button, shortcut_action

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu
    from sqlmodel import Session

    from boardapp.services.meetings.queries import MeetingListRow
    from boardapp.ui.common.context import AppContext

_REFRESH_ON = ("meetings", "people", "themes", "board")


def _hhmm(value: Any) -> str:
    return f"{value:%H:%M}" if value is not None else ""


MEETING_COLUMNS: list[Column[Any]] = [
    Column("Date", lambda r: r.meeting_date),
    Column("Starts", lambda r: r.start_time, fmt=_hhmm),
    Column("Ends", lambda r: r.end_time, fmt=_hhmm),
    Column("Meeting", lambda r: r.title),
    Column("Place", lambda r: r.place or "—", tooltip=lambda r: r.place),
    Column("Status", lambda r: MeetingStatus(r.status).label),
    Column("Chair", lambda r: r.chair_name),
    Column("Items", lambda r: r.agenda_items),
    Column("Papers", lambda r: r.papers),
    Column("Decisions", lambda r: r.decisions),
    Column("Open challenges", lambda r: r.open_challenges),
]
#: Tab commands that only read (open, show, export): left enabled in a read-only window.
READ_ONLY_COMMANDS = ("Open paper", "Attendance matrix…", "Export minutes…")


class MeetingsPage(TablePage):
    title = "Meetings"
    blurb = ("Board meetings, newest first. Choose one to build its agenda, attach its papers, mark who attended "
             "and minute it: notes, decisions, challenges and actions arising. "
             "Every change can be undone (Ctrl+Z).")

    def write_controls(self) -> list[Any]:
        """The meeting commands that write (the tabs: ``write_containers``), gated while read-only."""
        return [self.new_action, self.edit_action, self.cancel_action, self.delete_action]

    def write_containers(self) -> list[tuple[Any, tuple[str, ...]]]:
        """The tabs, whose rows are built per meeting: all their commands, buttons, tables and text
        fields write, except ``READ_ONLY_COMMANDS`` (the write gate joins them as they appear)."""
        return [(tab, READ_ONLY_COMMANDS) for _name, tab in self.tabs_list]

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        self.tabs_list: list[tuple[str, MeetingTab]] = []
        self._showing: int | None = None
        super().__init__(ctx, parent)
        ctx.changed.connect(self._on_changed)

    def meeting_tabs(self) -> list[tuple[str, MeetingTab]]:
        """The meeting workspace's tabs, in order (add a tab here)."""
        from boardapp.ui.pages.meetings.minuting import MinutingTabs

        self.minuting = MinutingTabs(self.ctx)
        return [
            ("&Agenda", AgendaTab(self.ctx)),
            ("Pa&pers", PapersTab(self.ctx)),
            ("A&ttendance", AttendanceTab(self.ctx)),
            *self.minuting.entries(),
        ]

    # -- building --------------------------------------------------------------------------------
    def build(self) -> None:
        self.new_action = shortcut_action(self, "&New meeting…", "Ctrl+Shift+N", self.new_meeting)
        self.edit_action = shortcut_action(self, "&Edit meeting…", "F2", self.edit_meeting)
        self.cancel_action = shortcut_action(self, "&Cancel meeting", [], self.cancel_meeting)
        self.delete_action = shortcut_action(self, "De&lete meeting", [], self.delete_meeting)
        bar = QHBoxLayout()
        # No Alt keys on these buttons: their letters are the menu bar's (E), a tab's (C) or the tab's fields'
        # (N, L); Ctrl+Shift+N and F2 (or Enter in the list), Tab and the Meeting menu reach them.
        for action in (self.new_action, self.edit_action, self.cancel_action, self.delete_action):
            bar.addWidget(action_button(action, alt_key=False))
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.meetings, self.meeting_model = make_table("Board meetings", MEETING_COLUMNS)
        fit_columns(self.meetings, (84, 50, 50, 140, 250, 72, 160, 48, 54, 72, 110))
        self.meetings.activated.connect(lambda _i: self.edit_meeting())
        self.meetings.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)  # the actions, with their keys
        self.meetings.addActions([self.new_action, self.edit_action, self.cancel_action, self.delete_action])
        self.empty = EmptyState(
            "No meetings yet", "Plan the board's next meeting: its date, time and place. Its agenda starts with the "
            "standing items (apologies, declarations, minutes, action log, challenge log, AOB, next date).",
            [("New meeting…", self.new_meeting)], name="No meetings yet")
        self.switch = EmptySwitch(self.meetings, self.empty)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Meeting detail")
        self.tabs.tabBar().setAccessibleName("Meeting detail sections")
        self.tabs_list = self.meeting_tabs()
        for name, widget in self.tabs_list:
            self.tabs.addTab(widget, name)
        self.detail_title = QLabel("")
        self.detail_title.setObjectName("sectionTitle")
        self.detail_title.setAccessibleName("Chosen meeting")
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail_title)
        lower_layout.addWidget(self.tabs, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.addWidget(self.switch)
        self.split.addWidget(lower)
        self.split.setChildrenCollapsible(False)
        self.split.setSizes([170, 520])
        self.body.addWidget(self.split, 1)
        self.meetings.selectionModel().currentRowChanged.connect(self._meeting_chosen)
        self.tabs.currentChanged.connect(lambda _index: self._papers_follow_agenda())
        self._update_actions()

    def tab(self, kind: type) -> Any:
        """The first tab of that class (tests, and the page's own shortcuts)."""
        return next(w for _n, w in self.tabs_list if isinstance(w, kind))

    def fill_menu(self, menu: "QMenu") -> None:
        """The menu bar's Meeting menu: this page's commands with their keys (see ``menu``)."""
        from boardapp.ui.pages.meetings.menu import fill_menu

        fill_menu(self, menu)

    # -- data ------------------------------------------------------------------------------------
    def load(self, session: "Session") -> None:
        from boardapp.services.meetings.queries import list_meetings

        focus = self.ctx.property(commands.FOCUS_PROPERTY)
        self.ctx.setProperty(commands.FOCUS_PROPERTY, None)
        keep = focus if isinstance(focus, int) else self._showing
        rows = list_meetings(session=session)
        self.switch.set_empty(not rows)
        self.lower_enabled(bool(rows))
        blocker = self.meetings.selectionModel().blockSignals(True)
        try:
            self.meeting_model.set_rows(rows)
            ids = [m.id for m in self.meeting_model.rows()]
            if keep not in ids:
                planned = [m for m in rows if m.status == MeetingStatus.PLANNED.value
                           and m.meeting_date >= self.ctx.today()]
                keep = planned[-1].id if planned else (rows[0].id if rows else None)
            if keep is not None:
                self.meetings.selectRow(ids.index(keep))
        finally:
            self.meetings.selectionModel().blockSignals(blocker)
        self._show(self.current_meeting())

    def lower_enabled(self, enabled: bool) -> None:
        self.tabs.setEnabled(enabled)

    def _on_changed(self, kind: str) -> None:
        if kind in _REFRESH_ON:
            self.mark_stale()

    def current_meeting(self) -> "MeetingListRow | None":
        index = self.meetings.currentIndex()
        return self.meeting_model.row_at(index.row()) if index.isValid() else None

    def select_meeting(self, meeting_id: int) -> None:
        ids = [m.id for m in self.meeting_model.rows()]
        if meeting_id in ids:
            self.meetings.selectRow(ids.index(meeting_id))

    def show_raised_at(self, meeting_id: int, item_id: int | None) -> None:
        """This meeting chosen and, on the Agenda tab, this item (an action arising's link back)."""
        if self._stale:
            self.refresh()
        self.select_meeting(meeting_id)
        agenda = self.tab(AgendaTab)
        self.tabs.setCurrentWidget(agenda)
        agenda.select_item(item_id)

    def _meeting_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.meeting_model.row_at(current.row()) if current.isValid() else None)

    def _show(self, meeting: "MeetingListRow | None") -> None:
        self._showing = meeting.id if meeting is not None else None
        if meeting is None:
            self.detail_title.setText("")
        else:
            place = f", {meeting.place}" if meeting.place else ""
            when = f" {meeting.start_time:%H:%M}" if meeting.start_time else ""
            ends = f"–{meeting.end_time:%H:%M}" if meeting.end_time else ""
            self.detail_title.setText(f"{meeting.title}, {meeting.meeting_date:%A %d %B %Y}{when}{ends}{place} — "
                                      f"{MeetingStatus(meeting.status).label.lower()}")
        for _name, widget in self.tabs_list:
            widget.show_meeting(meeting)
        self._papers_follow_agenda()
        self._update_actions()

    def _papers_follow_agenda(self) -> None:
        """On the Papers tab, a paper is offered for the item chosen on the Agenda tab."""
        papers = self.tab(PapersTab)
        if self.tabs.currentWidget() is papers:
            papers.follow_agenda_item(self.tab(AgendaTab).current_id())

    def _update_actions(self) -> None:
        meeting = self.current_meeting()
        self.edit_action.setEnabled(meeting is not None)
        self.cancel_action.setEnabled(meeting is not None and meeting.status == MeetingStatus.PLANNED.value)
        self.delete_action.setEnabled(meeting is not None and meeting.status != MeetingStatus.HELD.value)

    # -- edits -----------------------------------------------------------------------------------
    def new_meeting(self) -> int | None:
        from boardapp.services.meetings.meetings import next_meeting_date
        from boardapp.ui.pages.meetings.meeting_dialog import MeetingDialog

        with self.ctx.session() as session:
            offered = next_meeting_date(session=session, today=self.ctx.today())
        dialog = MeetingDialog(self.ctx, offered=offered, parent=self)
        if self.run_dialog(dialog) and dialog.created_id is not None:
            self.select_meeting(dialog.created_id)
            return dialog.created_id
        return None

    def edit_meeting(self) -> None:
        from boardapp.ui.pages.meetings.meeting_dialog import MeetingDialog

        meeting = self.current_meeting()
        if meeting is not None:
            self.run_dialog(MeetingDialog(self.ctx, meeting, parent=self))

    def run_dialog(self, dialog: Any) -> bool:
        """Show a dialog and wait (tests replace this to fill it in)."""
        return bool(dialog.exec())

    def cancel_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None or meeting.status != MeetingStatus.PLANNED.value:
            return
        if not msgbox.question(self, "Cancel meeting", f"Cancel the meeting of {meeting.meeting_date:%d/%m/%Y}? It stays "
                                                       "in the list, marked cancelled (Edit › Undo reverses it)."):
            return
        try:
            commands.edit_meeting(self.ctx, meeting.id, {"status": MeetingStatus.CANCELLED.value},
                                  f"Cancel meeting {meeting.meeting_date:%d/%m/%Y}", expected_version=meeting.version)
        except Exception as exc:  # noqa: BLE001
            msgbox.warning(self, "Meeting not cancelled", str(getattr(exc, "message", None) or exc))

    def delete_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            return
        if not msgbox.question(self, "Delete meeting", f"Delete the meeting of {meeting.meeting_date:%d/%m/%Y} with its "
                                                       "agenda and papers? Edit › Undo brings it back."):
            return
        try:
            commands.delete_meeting(self.ctx, meeting.id, f"Delete meeting {meeting.meeting_date:%d/%m/%Y}")
        except Exception as exc:  # noqa: BLE001
            msgbox.warning(self, "Meeting not deleted", str(getattr(exc, "message", None) or exc))
