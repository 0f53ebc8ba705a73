"""Decisions of the meeting, numbered 2026/12/1, 2, 3…: typed one after another with Ctrl+Enter.

Delete removes the chosen decision (undo brings it back with its number); Enter or F2 edits
its wording.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from boardapp.ui.common import msgbox
from boardapp.ui.common.date_fields import UkDateField
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table
from boardapp.ui.pages.meetings.minutes_commands import AddDecisionCommand, DeleteDecisionCommand, EditDecisionCommand
from boardapp.ui.pages.meetings.minutes_common import EntryForm, MeetingTab, fill_combo, item_combo, person_combo

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.meetings.decisions import DecisionEntry
    from boardapp.ui.common.context import AppContext

DECISION_COLUMNS: list[Column[Any]] = [
    Column("No.", lambda r: r.label, sort_key=lambda r: r.number),
    Column("Item", lambda r: r.item_number),
    Column("Decision", lambda r: r.text, tooltip=lambda r: r.text),
    Column("Owner", lambda r: r.owner_name),
    Column("Due", lambda r: r.due_date),
]


class DecisionsTab(MeetingTab):
    """The meeting's decisions and a quick-entry row for the next one."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Decisions")
        self.rows: list["DecisionEntry"] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.table, self.model = make_table("Decisions of the meeting", DECISION_COLUMNS)
        fit_columns(self.table, (90, 45, 560, 170))
        layout.addWidget(self.table, 1)
        self.form = EntryForm("New decision", "Add decision")  # Ctrl+Enter; Alt+A is the Agenda tab
        self.text = QLineEdit()
        self.text.setAccessibleName("Decision")
        self.text.setPlaceholderText("Agreed… / Approved… / Noted…  (Ctrl+Enter adds it)")
        self.item = item_combo("Agenda item of the decision", [])
        self.owner = person_combo("Owner of the decision", [])
        self.due = UkDateField(accessible_name="Due date of the decision", optional=True, field="due_date")
        self.form.add_field("text", "Deci&sion", self.text, span=5)  # Alt+D is the Decisions tab
        self.form.add_field("agenda_item_id", "Item", self.item)  # I, U: the Matters arising and Minutes tabs
        self.form.add_field("owner_id", "&Owner", self.owner, column=1, new_row=False)
        self.form.add_field("due_date", "Due", self.due, column=2, new_row=False)
        self.form.finish()
        self.form.submitted.connect(self.add)
        layout.addWidget(self.form)
        for keys, slot in (("Delete", self.delete_current), ("F2", self.edit_current), ("Return", self.edit_current)):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())

    def load(self, session: "Session | None") -> None:
        from boardapp.services.meetings.decisions import list_decisions
        from boardapp.services.meetings.minutes import minuted_items
        from boardapp.services.people.queries import list_people

        if session is None or self.meeting_id is None:
            self.rows = []
            self.model.set_rows([])
            return
        self.rows = list_decisions(self.meeting_id, session=session)
        self.model.set_rows(self.rows)
        fill_combo(self.item, [(i.label, i.id) for i in minuted_items(self.meeting_id, session=session)],
                   "(whole meeting)")
        self.set_item(self.wanted_item)
        fill_combo(self.owner, [(p.name, p.id) for p in list_people(session=session, active_only=True)], "—")

    def add(self) -> None:
        from boardapp.domain.rules import ValidationError

        if self.meeting_id is None:
            return
        try:
            due = self.due.value()
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        values = {"text": self.text.text(), "agenda_item_id": self.item.currentData(),
                  "owner_id": self.owner.currentData(), "due_date": due}
        command = AddDecisionCommand(self.ctx, self.meeting_id, values)

        def done() -> None:
            self.text.clear()
            self.due.set_value(None)
            self.owner.setCurrentIndex(0)
            self.text.setFocus()
            if command.decision_id is not None:
                row = next((k for k in range(self.model.rowCount()) if self.model.row_at(k).id == command.decision_id), -1)
                if row >= 0:
                    self.table.scrollTo(self.model.index(row, 0))

        self.run(command, self.form, done)

    def current(self) -> "DecisionEntry | None":
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def delete_current(self) -> None:
        entry = self.current()
        if entry is not None:
            self.run(DeleteDecisionCommand(self.ctx, entry))

    def edit_current(self) -> None:
        entry = self.current()
        if entry is None:
            return
        text = msgbox.get_text(self, f"Decision {entry.label}", "Wording of the decision:", entry.text)
        if text is not None and text != entry.text:
            self.run(EditDecisionCommand(self.ctx, entry, {"text": text}))
