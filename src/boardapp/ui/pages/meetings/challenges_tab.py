"""The challenge log of the meeting: who challenged whom about what, the response and its status.

Ctrl+Enter logs the challenge typed; Enter or F2 on a logged one records the response,
status and the date it was answered; Delete removes it (undo brings it back).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from boardapp.domain.enums import ChallengeStatus
from boardapp.ui.common.date_fields import UkDateField
from boardapp.ui.common.form_dialog import FormDialog
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table
from boardapp.ui.pages.meetings.minutes_commands import (
    AddChallengeCommand, DeleteChallengeCommand, EditChallengeCommand,
)
from boardapp.ui.pages.meetings.minutes_common import EntryForm, MeetingTab, choose, fill_combo, item_combo, person_combo

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.meetings.challenges import ChallengeEntry
    from boardapp.ui.common.context import AppContext

CHALLENGE_COLUMNS: list[Column[Any]] = [
    Column("Item", lambda r: r.item_number),
    Column("Raised by", lambda r: r.raised_by_name),
    Column("To", lambda r: r.directed_to),
    Column("Challenge", lambda r: r.challenge, tooltip=lambda r: r.challenge),
    Column("Response", lambda r: r.response, tooltip=lambda r: r.response),
    Column("Status", lambda r: r.status_label),
    Column("Answered", lambda r: r.answered_on),
]


class ResponseDialog(FormDialog):
    """The response to a challenge, its status and the date answered (today when it is first answered)."""

    def __init__(self, entry: "ChallengeEntry", today: date, save: Callable[[dict[str, Any]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__("Response to the challenge", parent, intro=entry.challenge, save_text="Save response")
        self.entry, self._save = entry, save
        self.response = QPlainTextEdit(entry.response)
        self.response.setTabChangesFocus(True)
        self.response.setMinimumHeight(90)
        self.status = QComboBox()
        for status in ChallengeStatus:
            self.status.addItem(status.label, status.value)
        choose(self.status, entry.status)
        self.answered = UkDateField(accessible_name="Date answered", optional=True, field="answered_on")
        self.answered.set_value(entry.answered_on)
        self.add_row("response", "&Response:", self.response)
        self.add_row("status", "&Status:", self.status)
        self.add_row("answered_on", "Date &answered:", self.answered)
        self.status.currentIndexChanged.connect(lambda _i: self._status_changed(today))
        self.fit_width(520)

    def _status_changed(self, today: date) -> None:
        open_now = self.status.currentData() == ChallengeStatus.OPEN.value
        if open_now:
            self.answered.set_value(None)
        elif self.answered.peek() is None:
            self.answered.set_value(today)

    def changes(self) -> dict[str, Any]:
        values = {"response": self.response.toPlainText().strip(), "status": self.status.currentData(),
                  "answered_on": self.answered.value()}
        return {k: v for k, v in values.items() if getattr(self.entry, k) != v}

    def submit(self) -> None:
        changes = self.changes()
        if changes:
            self._save(changes)


class ChallengesTab(MeetingTab):
    """The challenges raised at the meeting and a quick-entry row for the next one."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Challenges")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.table, self.model = make_table("Challenges raised at the meeting", CHALLENGE_COLUMNS)
        fit_columns(self.table, (45, 150, 110, 380, 300, 80))
        layout.addWidget(self.table, 1)
        self.form = EntryForm("New challenge", "Lo&g challenge")
        self.challenge = QLineEdit()
        self.challenge.setAccessibleName("Challenge")
        self.challenge.setPlaceholderText("The question the board put  (Ctrl+Enter logs it)")
        self.raised_by = person_combo("Raised by", [])
        self.directed_to = QLineEdit()
        self.directed_to.setAccessibleName("Challenge directed to")
        self.directed_to.setPlaceholderText("e.g. DCS")
        self.item = item_combo("Agenda item of the challenge", [])
        self.form.add_field("challenge", "Cha&llenge", self.challenge, span=5)  # Alt+C is the Challenges tab
        self.form.add_field("raised_by_id", "Raised &by", self.raised_by)
        self.form.add_field("directed_to", "T&o", self.directed_to, column=1, new_row=False)  # T: Attendance
        self.form.add_field("agenda_item_id", "Item", self.item, column=2, new_row=False)  # I: Matters arising
        self.form.finish()
        self.form.submitted.connect(self.add)
        layout.addWidget(self.form)
        for keys, slot in (("Delete", self.delete_current), ("F2", self.respond_current),
                           ("Return", self.respond_current)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.doubleClicked.connect(lambda _index: self.respond_current())

    def load(self, session: "Session | None") -> None:
        from boardapp.services.meetings.challenges import list_challenges
        from boardapp.services.meetings.minutes import minuted_items
        from boardapp.services.people.queries import list_people

        if session is None or self.meeting_id is None:
            self.model.set_rows([])
            return
        self.model.set_rows(list_challenges(self.meeting_id, session=session))
        fill_combo(self.item, [(i.label, i.id) for i in minuted_items(self.meeting_id, session=session)],
                   "(whole meeting)")
        self.set_item(self.wanted_item)
        members = [p for p in list_people(session=session, active_only=True)]
        members.sort(key=lambda p: (not p.is_member, p.name.casefold()))
        fill_combo(self.raised_by, [(p.name, p.id) for p in members], "—")

    def add(self) -> None:
        if self.meeting_id is None:
            return
        values = {"challenge": self.challenge.text(), "raised_by_id": self.raised_by.currentData(),
                  "directed_to": self.directed_to.text(), "agenda_item_id": self.item.currentData()}

        def done() -> None:
            self.challenge.clear()
            self.directed_to.clear()
            self.challenge.setFocus()

        self.run(AddChallengeCommand(self.ctx, self.meeting_id, values), self.form, done)

    def current(self) -> "ChallengeEntry | None":
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def delete_current(self) -> None:
        entry = self.current()
        if entry is not None:
            self.run(DeleteChallengeCommand(self.ctx, entry))

    def response_dialog(self, entry: "ChallengeEntry") -> ResponseDialog:
        """The dialog for ``entry`` (tests drive it without exec)."""
        from boardapp.ui.common.undo import run_command

        def save(changes: dict[str, Any]) -> None:
            run_command(self.ctx, EditChallengeCommand(self.ctx, entry, changes))

        return ResponseDialog(entry, self.ctx.today(), save, self)

    def respond_current(self) -> None:
        entry = self.current()
        if entry is not None:
            self.response_dialog(entry).exec()
