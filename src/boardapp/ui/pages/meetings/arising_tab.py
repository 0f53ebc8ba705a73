"""Actions arising: raised straight from an agenda item into the plan, without leaving the meeting.

Each is an ordinary action of the register (its reference, owner, due date, theme), linked
back to the meeting and item; Ctrl+Enter raises the one typed, undo removes it from the plan.
"""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from boardapp.domain.enums import ActionStatus, Brag
from boardapp.ui.common.date_fields import UkDateField
from boardapp.ui.common.row_table_model import Column
from boardapp.ui.common.table_page import fit_columns, make_table
from boardapp.ui.pages.meetings.minutes_commands import RaiseActionCommand
from boardapp.ui.pages.meetings.minutes_common import EntryForm, MeetingTab, fill_combo, item_combo, person_combo, theme_combo

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.ui.common.context import AppContext


def _label(enum: Any, value: str) -> str:
    return enum(value).label if value in enum.__members__ else value


ARISING_COLUMNS: list[Column[Any]] = [
    Column("Item", lambda r: r.item_number),
    Column("Ref", lambda r: r.ref),
    Column("Action", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Owner", lambda r: r.owner_name),
    Column("Due", lambda r: r.due_date),
    Column("Status", lambda r: _label(ActionStatus, r.status)),
    Column("BRAG", lambda r: _label(Brag, r.brag)),
]
#: Default due date of an action arising: the next meeting, about a month on.
DEFAULT_DUE_DAYS = 28


class ActionsArisingTab(MeetingTab):
    """The actions raised at this meeting and a quick-entry row for the next."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAccessibleName("Actions arising")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.table, self.model = make_table("Actions arising from the meeting", ARISING_COLUMNS)
        fit_columns(self.table, (45, 60, 420, 170, 90, 100))
        layout.addWidget(self.table, 1)
        self.form = EntryForm("New action arising", "Rai&se action")  # Alt+R is the Actions arising tab
        self.title = QLineEdit()
        self.title.setAccessibleName("Action arising")
        self.title.setPlaceholderText("What is to be done  (Ctrl+Enter puts it in the plan)")
        self.owner = person_combo("Owner of the action", [])
        self.due = UkDateField(accessible_name="Due date of the action", field="due_date")
        self.theme = theme_combo("Theme of the action", [])
        self.item = item_combo("Agenda item the action arose from", [])
        self.form.add_field("title", "Actio&n", self.title, span=5)  # Alt+A is the Agenda tab
        self.form.add_field("owner_id", "&Owner", self.owner)
        # No Alt keys on Due, Theme and Item: U, H and I are the Minutes tab's, the Help menu's and Matters arising's.
        self.form.add_field("due_date", "Due", self.due, column=1, new_row=False)
        self.form.add_field("theme_id", "Theme", self.theme, column=2, new_row=False)
        self.form.add_field("agenda_item_id", "Item", self.item)
        self.form.finish()
        self.form.submitted.connect(self.add)
        layout.addWidget(self.form)

    def load(self, session: "Session | None") -> None:
        from boardapp.services.meetings.arising import actions_arising
        from boardapp.services.meetings.minutes import live_meeting, minuted_items
        from boardapp.services.people.queries import list_people, list_themes

        if session is None or self.meeting_id is None:
            self.model.set_rows([])
            return
        self.model.set_rows(actions_arising(self.meeting_id, session=session))
        fill_combo(self.item, [(i.label, i.id) for i in minuted_items(self.meeting_id, session=session)],
                   "(whole meeting)")
        self.set_item(self.wanted_item)
        fill_combo(self.owner, [(p.name, p.id) for p in list_people(session=session, active_only=True)], "—")
        fill_combo(self.theme, [(f"{t.code} {t.title}", t.id) for t in list_themes(session=session)], "(no theme)")
        if self.due.peek() is None and not self.due.text():
            start = max(live_meeting(session, self.meeting_id).meeting_date, self.ctx.today())
            self.due.set_value(start + timedelta(days=DEFAULT_DUE_DAYS))

    def add(self) -> None:
        from boardapp.domain.rules import ValidationError

        if self.meeting_id is None:
            return
        try:
            due = self.due.value()
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        values = {"title": self.title.text(), "owner_id": self.owner.currentData(), "due_date": due,
                  "theme_id": self.theme.currentData(), "agenda_item_id": self.item.currentData()}

        def done() -> None:
            self.title.clear()
            self.title.setFocus()

        self.run(RaiseActionCommand(self.ctx, self.meeting_id, values), self.form, done)
