"""The People page's dialogs: a person, leaving (with the open actions reassigned), merging, a theme,
and where a deleted theme's actions go. Each saves through an undoable command."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QRadioButton, QSizePolicy, QVBoxLayout, QWidget

from boardapp.domain.enums import IlacsArea
from boardapp.domain.rules import ValidationError
from boardapp.services.rows import PersonRow, ThemeRow
from boardapp.ui.common.date_fields import uk_date_edit
from boardapp.ui.common.form_dialog import FormDialog, suggest_only
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.people import commands

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext

#: Roles offered (any other text may be typed).
ROLES = (
    "Independent Chair", "Director of Children's Services", "Chief Executive", "Lead Member for Children's Services",
    "DfE Improvement Adviser", "Assistant Director", "Head of Service", "Principal Social Worker", "Partner (Police)",
    "Partner (Health)", "Partner (Education)", "Independent Scrutineer", "Board secretariat",
)


def line(name: str, text: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    return edit


def person_combo(name: str, people: list[PersonRow], *, blank: str | None = None, current: int | None = None) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    if blank is not None:
        box.addItem(blank, None)
    for p in people:
        box.addItem(p.name + (f" — {p.role}" if p.role else ""), p.id)
    index = box.findData(current)
    box.setCurrentIndex(index if index >= 0 else 0)
    return box


class PersonDialog(FormDialog):
    """Add someone to the directory, or change their details."""

    def __init__(self, ctx: "AppContext", row: PersonRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Add a person" if row is None else f"Edit {row.name}", parent,
                         intro="Board members and the owners of actions are kept in one directory.",
                         save_text="Add person" if row is None else "Save")
        self.ctx, self.row = ctx, row
        self.name_edit = self.add_row("name", "&Name:", line("Name", row.name if row else ""))
        self.role_edit = QComboBox()
        self.role_edit.setEditable(True)
        self.role_edit.addItems(("",) + ROLES)
        suggest_only(self.role_edit)
        self.role_edit.setCurrentText(row.role if row else "")
        self.add_row("role", "&Role:", self.role_edit, help_text="e.g. Independent Chair, DCS, Lead Member, DfE adviser")
        self.organisation_edit = self.add_row("organisation", "&Organisation:", line("Organisation", row.organisation if row else ""))
        self.email_edit = self.add_row("email", "&Email:", line("Email", row.email if row else ""))
        self.member_check = QCheckBox("A member of the &board (listed for attendance and quorum)")
        self.member_check.setChecked(row.is_member if row else False)
        self.add_row("is_member", "Board:", self.member_check)
        self.member_check.setAccessibleName("Member of the board")
        self.fit_width(520)

    def values(self) -> dict[str, Any]:
        return {"name": self.name_edit.text(), "role": self.role_edit.currentText(),  # type: ignore[attr-defined]
                "organisation": self.organisation_edit.text(), "email": self.email_edit.text(),  # type: ignore[attr-defined]
                "is_member": self.member_check.isChecked()}

    def submit(self) -> None:
        from boardapp.services.people.people import validate_person

        values = validate_person(self.values())
        if self.row is None:
            run_command(self.ctx, commands.CreatePersonCommand(self.ctx, values))
            return
        changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
        if changes:
            run_command(self.ctx, commands.EditPersonCommand(self.ctx, self.row, changes))


class LeaveDialog(FormDialog):
    """Mark someone as left and hand their open actions to someone still here (one undoable step);
    for someone who has already left, only the reassigning."""

    def __init__(self, ctx: "AppContext", row: PersonRow, people: list[PersonRow], parent: QWidget | None = None,
                 *, leaving: bool = True) -> None:
        leaving = leaving and row.left_on is None
        title = f"{row.name} is leaving" if leaving else f"Reassign {row.name}'s open actions"
        n = row.open_actions
        owns = f"{row.name} owns {n} open action{'s' if n != 1 else ''}." if n else f"{row.name} owns no open actions."
        super().__init__(title, parent, intro=f"{owns} Their completed actions and the record stay as they are.",
                         save_text="Mark as left" if leaving else "Reassign")
        self.ctx, self.row, self.leaving = ctx, row, leaving
        self.left_edit = uk_date_edit(None, "Left on", field="left_on")
        self.left_edit.set_value(ctx.today())
        self.left_edit.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        if leaving:
            self.add_row("left_on", "&Left on:", self.left_edit)
        others = [p for p in people if p.id != row.id and p.left_on is None]
        keep = f"Nobody: {row.name} keeps them" if leaving else None
        self.successor_combo = person_combo("Give the open actions to", others, blank=keep)
        if n and leaving and others:
            self.successor_combo.setCurrentIndex(1)
        self.add_row("successor", "&Give the open actions to:", self.successor_combo)
        self.successor_combo.setEnabled(bool(n))
        self._people = {p.id: p for p in people}
        self.fit_width(560)

    def submit(self) -> None:
        left_on = self.left_edit.value() if self.leaving else None
        successor_id = self.successor_combo.currentData() if self.row.open_actions else None
        if left_on is None and successor_id is None:
            raise ValidationError("successor", "choose who takes the open actions")
        successor = self._people.get(successor_id) if successor_id is not None else None
        run_command(self.ctx, commands.LeaveCommand(self.ctx, self.row, left_on=left_on, successor=successor))


class MergeDialog(FormDialog):
    """Two entries for the same person: choose the one to keep; every reference moves to it."""

    save_text = "Merge"

    def __init__(self, ctx: "AppContext", group: list[PersonRow], parent: QWidget | None = None) -> None:
        super().__init__(f"Merge the entries for {group[0].name}", parent,
                         intro="The directory has more than one entry with this name. Keep one: the actions, "
                         "themes led, attendance and everything else of the other move to it, blank details "
                         "are filled in from it, and it is removed. Undo puts it back.")
        self.ctx, self.group = ctx, group
        holder = QWidget()
        holder.setAccessibleName("Entry to keep")
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        self.choices: list[tuple[QRadioButton, PersonRow]] = []
        for i, person in enumerate(group):
            details = ", ".join(x for x in (person.role, person.organisation, person.email) if x) or "no details"
            status = f"left {person.left_on:%d/%m/%Y}" if person.left_on else "active"
            radio = QRadioButton(f"#{person.id} {person.name} — {details}; {status}; "
                                 f"{person.open_actions} open action{'s' if person.open_actions != 1 else ''}")
            radio.setAccessibleName(f"Keep entry {person.id}, {person.name}")
            radio.setChecked(i == 0)
            box.addWidget(radio)
            self.choices.append((radio, person))
        self.add_row("keep", "&Keep:", holder)
        self.other_combo = person_combo("Merge into it", group[1:])
        if len(group) > 2:
            self.add_row("duplicate", "&Merge into it:", self.other_combo)
        for radio, _p in self.choices:
            radio.toggled.connect(self._refill)
        self.fit_width(640)

    def kept(self) -> PersonRow:
        return next(p for radio, p in self.choices if radio.isChecked())

    def _refill(self) -> None:
        keep = self.kept()
        self.other_combo.clear()
        for p in self.group:
            if p.id != keep.id:
                self.other_combo.addItem(p.name + (f" — {p.role}" if p.role else ""), p.id)

    def submit(self) -> None:
        keep = self.kept()
        duplicate_id = self.other_combo.currentData()
        duplicate = next(p for p in self.group if p.id == duplicate_id)
        run_command(self.ctx, commands.MergePeopleCommand(self.ctx, keep, duplicate))


class ThemeDialog(FormDialog):
    """Add a theme (workstream) or change one: code, title, lead and ILACS judgement area."""

    def __init__(self, ctx: "AppContext", people: list[PersonRow], row: ThemeRow | None = None,
                 parent: QWidget | None = None, *, suggested_code: str = "") -> None:
        super().__init__("Add a theme" if row is None else f"Edit theme {row.code}", parent,
                         intro="A theme (workstream) groups the plan's actions; new action refs start with its code.",
                         save_text="Add theme" if row is None else "Save")
        self.ctx, self.row = ctx, row
        self.code_edit = self.add_row("code", "&Code:", line("Code", row.code if row else suggested_code),
                                      help_text="Short, e.g. T1 or FD; letters, digits or '-'")
        self.title_edit = self.add_row("title", "&Title:", line("Title", row.title if row else ""))
        from boardapp.services.people.queries import owner_choices

        self.lead_combo = person_combo("Lead", owner_choices(people, row.lead_id if row else None), blank="No lead yet",
                                       current=row.lead_id if row else None)
        self.add_row("lead_id", "&Lead:", self.lead_combo)
        self.area_combo = QComboBox()
        self.area_combo.setAccessibleName("ILACS judgement area")
        self.area_combo.addItem("None", None)
        for area in IlacsArea:
            self.area_combo.addItem(area.label, area.value)
        index = self.area_combo.findData(row.ilacs_area if row else None)
        self.area_combo.setCurrentIndex(max(index, 0))
        self.add_row("ilacs_area", "&ILACS area:", self.area_combo)
        self.fit_width(560)

    def values(self) -> dict[str, Any]:
        return {"code": self.code_edit.text(), "title": self.title_edit.text(),  # type: ignore[attr-defined]
                "lead_id": self.lead_combo.currentData(), "ilacs_area": self.area_combo.currentData()}

    def submit(self) -> None:
        from boardapp.services.people.themes import validate_theme

        values = validate_theme(self.values())
        if self.row is None:
            run_command(self.ctx, commands.CreateThemesCommand(self.ctx, [values]))
            return
        changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
        if changes:
            run_command(self.ctx, commands.EditThemeCommand(self.ctx, self.row, changes))


class MoveActionsDialog(FormDialog):
    """A theme with actions is deleted only once they have somewhere to go."""

    save_text = "Move and delete"

    def __init__(self, ctx: "AppContext", row: ThemeRow, themes: list[ThemeRow], parent: QWidget | None = None) -> None:
        n = row.actions
        super().__init__(f"Delete theme {row.code}", parent,
                         intro=f"{row.code} {row.title} has {n} action{'s' if n != 1 else ''}. Choose the theme "
                         "they move to; then the theme is deleted. Undo puts both back.")
        self.ctx, self.row = ctx, row
        self.targets = {t.id: t for t in themes if t.id != row.id}
        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName("Move the actions to")
        for t in self.targets.values():
            self.target_combo.addItem(f"{t.code} — {t.title}", t.id)
        self.add_row("move_actions_to", "&Move the actions to:", self.target_combo)
        if not self.targets:
            self.add_note("There is no other theme yet: add one first.")
            self.save_button.setEnabled(False)
        self.fit_width(520)

    def submit(self) -> None:
        target = self.targets.get(self.target_combo.currentData())
        if target is None:
            raise ValidationError("move_actions_to", "choose the theme the actions move to")
        run_command(self.ctx, commands.DeleteThemeCommand(self.ctx, self.row, target))

