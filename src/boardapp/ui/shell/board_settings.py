"""Edit › Board settings…: everything the New workspace wizard asked, changeable later.

Saving is one undoable command (one transaction): the settings, a new chair when a name not
in the directory is typed, and the next board meeting's date. The pack's cover and marking
follow, since the pack reads them afresh each time.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QSpinBox, QWidget

from boardapp.domain.enums import MeetingFrequency
from boardapp.services.people.board import MARKINGS
from boardapp.ui.common.date_fields import uk_date_edit
from boardapp.ui.common.form_dialog import FormDialog, suggest_only
from boardapp.ui.common.undo import run_command
from boardapp.ui.common.workspace_command import WorkspaceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.services.people.board import BoardSettingsChange
    from boardapp.services.rows import BoardRow, PersonRow
    from boardapp.ui.common.context import AppContext


class BoardSettingsCommand(WorkspaceCommand):
    """Change the board's settings (and chair, and next meeting) in one step; undo puts them back."""

    touches = ("board", "people", "meetings")

    def __init__(self, ctx: "AppContext", changes: dict[str, Any], *, expected_version: int,
                 new_chair_name: str | None, next_meeting_on: date | None) -> None:
        super().__init__(ctx, "Change the board's settings")
        self.changes = dict(changes)
        self.version: int | None = expected_version
        self.new_chair_name = new_chair_name
        self.next_meeting_on = next_meeting_on
        self.record: BoardSettingsChange | None = None

    def _do(self, session: "Session") -> list[int]:
        from boardapp.services.people.board import save_board_settings

        self.record = save_board_settings(self.changes, session=session, who=self.ctx.who,
                                          expected_version=self.version, new_chair_name=self.new_chair_name,
                                          next_meeting_on=self.next_meeting_on, today=self.ctx.today())
        self.version = None  # undo and redo check the values they left instead
        self._follow_as_at()
        return []

    def _undo(self, session: "Session") -> list[int]:
        from boardapp.services.people.board import undo_board_settings

        assert self.record is not None
        undo_board_settings(self.record, session=session, who=self.ctx.who)
        self._follow_as_at()
        return []

    def _follow_as_at(self) -> None:
        if "as_at_date" in self.changes:
            self.ctx.reload_as_at()


class BoardSettingsDialog(FormDialog):
    """The board's name, council, chair, quorum, marking, LA code, frequency, next meeting and as-at date."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        from boardapp.services.people.board import board_row
        from boardapp.services.people.queries import list_people, owner_choices

        super().__init__("Board settings", parent, intro="The board's name, council, chair and marking are on the "
                         "pack's cover; the marking is on every page.")
        self.ctx = ctx
        with ctx.session() as session:
            self.row: BoardRow = board_row(session=session, today=ctx.today())
            self.people: list[PersonRow] = owner_choices(list_people(session=session), self.row.chair_id)
        row = self.row
        self.name_edit = self.add_row("name", "Board &name:", _line("Board name", row.name))
        self.council_edit = self.add_row("council", "&Council:", _line("Council", row.council))
        self.chair_combo = QComboBox()
        self.chair_combo.setEditable(True)
        self.chair_combo.addItem("", None)
        for p in self.people:
            self.chair_combo.addItem(p.name, p.id)
        self.chair_combo.setCurrentIndex(max(0, self.chair_combo.findData(row.chair_id)))
        suggest_only(self.chair_combo).setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.add_row("chair_id", "Independent c&hair:", self.chair_combo,
                     help_text="Choose from the directory, or type a new name to add them as the chair")
        self.quorum_spin = QSpinBox()
        self.quorum_spin.setRange(0, 200)
        self.quorum_spin.setSpecialValueText("Not set")
        self.quorum_spin.setValue(row.quorum or 0)
        self.add_row("quorum", "&Quorum (members):", self.quorum_spin)
        self.marking_combo = QComboBox()
        self.marking_combo.setEditable(True)
        self.marking_combo.addItems(MARKINGS)
        suggest_only(self.marking_combo)
        self.marking_combo.setCurrentText(row.default_marking)
        self.add_row("default_marking", "Protective &marking:", self.marking_combo)
        self.la_edit = self.add_row("la_code", "DfE &LA code:", _line("DfE local-authority code", row.la_code))
        self.frequency_combo = QComboBox()
        for f in MeetingFrequency:
            self.frequency_combo.addItem(f.label, f.value)
        self.frequency_combo.setCurrentIndex(max(0, self.frequency_combo.findData(row.meeting_frequency)))
        self.add_row("meeting_frequency", "Meets &every:", self.frequency_combo)
        next_day = row.next_meeting.meeting_date if row.next_meeting else None
        self.meeting_edit = uk_date_edit(None, "Date of the next board meeting", optional=True, field="next_meeting")
        self.meeting_edit.set_value(next_day)
        self.meeting_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.add_row("next_meeting", "Next &board meeting:", self.meeting_edit,
                     help_text="Changing it moves the next planned meeting (or plans one)")
        self.as_at_edit = uk_date_edit(None, "As-at date", optional=True, field="as_at_date")
        self.as_at_edit.set_value(row.as_at_date)
        self.as_at_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.as_at_edit.line_edit.setPlaceholderText("blank: the real date")
        self.add_row("as_at_date", "&As at (the app's today):", self.as_at_edit,
                     help_text="Only for a demonstration, or a workspace looked at as of a past day")
        self.aliases = {"chair name": "chair_id", "chair": "chair_id"}
        self.command: BoardSettingsCommand | None = None
        self.fit_width(560)

    def _chair(self) -> tuple[int | None, str | None]:
        text = " ".join(self.chair_combo.currentText().split())
        if not text:
            return None, None
        index = self.chair_combo.findText(text)
        if index >= 0:
            return self.chair_combo.itemData(index), None
        return None, text

    def submit(self) -> None:
        from boardapp.services.people.board import validate_board

        chair_id, new_chair = self._chair()
        values = validate_board({
            "name": self.name_edit.text(), "council": self.council_edit.text(),  # type: ignore[attr-defined]
            "quorum": self.quorum_spin.value() or None, "default_marking": self.marking_combo.currentText(),
            "la_code": self.la_edit.text(), "meeting_frequency": self.frequency_combo.currentData(),  # type: ignore[attr-defined]
            "as_at_date": self.as_at_edit.value(),
        })
        values["chair_id"] = chair_id
        meeting = self.meeting_edit.value()
        current = self.row.next_meeting.meeting_date if self.row.next_meeting else None
        meeting = meeting or current  # a blank date leaves the planned meeting alone
        changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
        if new_chair is None and not changes and meeting == current:
            return
        command = BoardSettingsCommand(self.ctx, changes, expected_version=self.row.version, new_chair_name=new_chair,
                                       next_meeting_on=meeting if meeting != current else None)
        run_command(self.ctx, command)
        self.command = command


def _line(name: str, text: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit
