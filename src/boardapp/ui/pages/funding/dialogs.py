"""Add or edit a grant, and add or edit one of its lines (with the actions it pays for).

Money is typed UK style ("£1,234.50") and read strictly; a refused field is named, marked and
focused and the dialog stays open. The line dialog says as you type what the line does to the
grant's totals: what is left to give to lines, or by how much the lines would exceed the grant.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListView, QPlainTextEdit, QVBoxLayout,
    QWidget,
)

from boardapp.domain.money import format_pence
from boardapp.domain.rules import ValidationError
from boardapp.services.funding.queries import GrantLineRow, GrantRow
from boardapp.services.plan.commands import ConflictError, NotFoundError
from boardapp.ui.common.context import AppContext
from boardapp.ui.common.date_fields import OptionalDateEdit
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.funding.commands import CreateGrantCommand, CreateLineCommand, EditGrantCommand, EditLineCommand
from boardapp.ui.pages.funding.models import ActionPickerModel
from boardapp.ui.pages.funding.money_edit import MoneyEdit

_ERROR_STYLE = "border: 2px solid #b3261e;"
GRANT_LABELS = {"name": "Name", "funder": "Funder", "allocated_pence": "Total", "start_date": "Start date",
                "end_date": "End date", "notes": "Notes"}
LINE_LABELS = {"purpose": "Purpose", "owner_id": "Owner", "allocated_pence": "Allocated",
               "spent_pence": "Spent to date", "action_ids": "Linked actions", "sort_order": "Order"}


def _when_changed(widget: QWidget, slot: Any) -> None:
    """Call ``slot`` once when the user changes ``widget`` (a line, text box, choice or date)."""
    signal = None
    if isinstance(widget, QLineEdit):
        signal = widget.textEdited
    elif isinstance(widget, QPlainTextEdit):
        signal = widget.textChanged
    elif isinstance(widget, QComboBox):
        signal = widget.currentIndexChanged
    elif isinstance(widget, OptionalDateEdit):
        signal = widget.line_edit.textEdited
    if signal is not None:
        signal.connect(slot, Qt.ConnectionType.SingleShotConnection)


class _FormDialog(QDialog):
    """Error label, a form, Save/Cancel; subclasses fill ``field_widgets`` and implement ``save``."""

    saved = Signal(int)  # the id of the grant (or line) saved
    labels: dict[str, str] = {}

    def __init__(self, ctx: AppContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._marked: QWidget | None = None
        self.field_widgets: dict[str, QWidget] = {}
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> None:
        caption = QLabel(label)
        caption.setBuddy(widget)
        self.form.addRow(caption, widget)
        self.field_widgets[name] = widget

    def save(self) -> None:
        raise NotImplementedError

    def run(self, command: Any, saved_id: Any) -> None:
        """Run the command; on success emit ``saved`` with ``saved_id(command)`` and close."""
        self.clear_error()
        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except (ConflictError, NotFoundError) as exc:
            self.show_error("", f"Nothing was saved: {exc}")
            return
        self.saved.emit(saved_id(command))
        self.accept()

    def show_error(self, field: str, message: str) -> None:
        label = self.labels.get(field, field.replace("_", " "))
        self.error_label.setText(f"{label}: {message}" if label else message)
        self.error_label.show()
        widget = self.field_widgets.get(field)
        if widget is not None:
            widget.setStyleSheet(_ERROR_STYLE)
            widget.setFocus()
            self._marked = widget
            _when_changed(widget, self._field_changed)

    def _field_changed(self) -> None:
        """The marked field was changed: its message goes (Save checks it again)."""
        if self._marked is not None:
            self.clear_error()

    def clear_error(self) -> None:
        self.error_label.hide()
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None


class GrantDialog(_FormDialog):
    """A grant or other funding: name, funder, total, period, notes."""

    labels = GRANT_LABELS

    def __init__(self, ctx: AppContext, grant: GrantRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.grant = grant
        self.setWindowTitle(f"Edit grant {grant.name}" if grant else "Add a grant or other funding")
        self.setAccessibleName("Grant editor")
        self.save_button.setAccessibleName("Save grant")
        resize_to_fit(self, 560, 380)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Name")
        self.funder_edit = QLineEdit()
        self.funder_edit.setAccessibleName("Funder")
        self.funder_edit.setPlaceholderText("e.g. Department for Education")
        self.total_edit = MoneyEdit("allocated_pence", "Total")
        self.start_edit = OptionalDateEdit("Start date", field="start_date")
        self.end_edit = OptionalDateEdit("End date", field="end_date")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(70)
        for name, label, widget in (("name", "&Name:", self.name_edit), ("funder", "&Funder:", self.funder_edit),
                                    ("allocated_pence", "&Total:", self.total_edit),
                                    ("start_date", "&Start date:", self.start_edit),
                                    ("end_date", "&End date:", self.end_edit), ("notes", "N&otes:", self.notes_edit)):
            self.add_field(name, label, widget)
        today = ctx.today()
        if grant is not None:
            self.name_edit.setText(grant.name)
            self.funder_edit.setText(grant.funder)
            self.total_edit.set_pence(grant.allocated_pence)
            self.notes_edit.setPlainText(grant.notes)
        self.start_edit.set_value(grant.start_date if grant else None, default=today)
        self.end_edit.set_value(grant.end_date if grant else None, default=today)
        self.name_edit.setFocus()

    def values(self) -> dict[str, Any]:
        """The form as grant fields; raises ValidationError for money that does not read."""
        return {"name": self.name_edit.text().strip(), "funder": self.funder_edit.text().strip(),
                "allocated_pence": self.total_edit.pence(), "start_date": self.start_edit.value(),
                "end_date": self.end_edit.value(), "notes": self.notes_edit.toPlainText().strip()}

    def save(self) -> None:
        self.clear_error()
        try:
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        if self.grant is None:
            self.run(CreateGrantCommand(self.ctx, values), lambda c: c.grant_id)
            return
        changes = {k: v for k, v in values.items() if getattr(self.grant, k) != v}
        if not changes:
            self.accept()
            return
        self.run(EditGrantCommand(self.ctx, self.grant, changes), lambda c: c.grant_id)


class LineDialog(_FormDialog):
    """A line of a grant: purpose, owner, allocated, spent to date and the actions it pays for."""

    labels = LINE_LABELS

    def __init__(self, ctx: AppContext, grant: GrantRow, line: GrantLineRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from boardapp.services.funding.queries import linkable_actions
        from boardapp.services.people.queries import list_people

        self.grant = grant
        self.line = line
        self.setWindowTitle(f"Edit line {line.purpose}" if line else f"Add a line to {grant.name}")
        self.setAccessibleName("Grant line editor")
        self.save_button.setAccessibleName("Save line")
        resize_to_fit(self, 640, 600)
        with ctx.session() as session:
            people = list_people(session=session)
            actions = linkable_actions(session=session)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setAccessibleName("Purpose")
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName("Owner")
        self.owner_combo.addItem("No owner", None)
        for p in people:
            self.owner_combo.addItem(p.name, p.id)
        self.allocated_edit = MoneyEdit("allocated_pence", "Allocated")
        self.spent_edit = MoneyEdit("spent_pence", "Spent to date")
        self.hint = QLabel()
        self.hint.setAccessibleName("What this line does to the grant")
        self.hint.setWordWrap(True)
        self.actions_model = ActionPickerModel(actions, {a.id for a in line.actions} if line else set(), self)
        self.actions_search = QLineEdit()
        self.actions_search.setAccessibleName("Find actions to link")
        self.actions_search.setPlaceholderText("type to find actions by ref or words")
        self.actions_search.setClearButtonEnabled(True)
        self.actions_search.textChanged.connect(self.actions_model.set_filter)
        self.actions_model.modelReset.connect(self._show_linked)
        self.actions_view = QListView()
        self.actions_view.setAccessibleName("Actions this line pays for")
        self.actions_view.setUniformItemSizes(True)  # thousands of rows: no per-row size hints
        self.actions_view.setModel(self.actions_model)
        self.linked_label = QLabel()
        self.linked_label.setAccessibleName("Linked actions count")
        self.actions_model.dataChanged.connect(lambda *_args: self._show_linked())
        self.add_field("purpose", "&Purpose:", self.purpose_edit)
        self.add_field("owner_id", "&Owner:", self.owner_combo)
        self.add_field("allocated_pence", "&Allocated:", self.allocated_edit)
        self.add_field("spent_pence", "&Spent to date:", self.spent_edit)
        self.form.addRow("", self.hint)
        self.add_field("action_ids", "&Find actions:", self.actions_search)
        self.form.addRow(self.linked_label, self.actions_view)
        if line is not None:
            self.purpose_edit.setText(line.purpose)
            self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(line.owner_id)))
            self.allocated_edit.set_pence(line.allocated_pence)
            self.spent_edit.set_pence(line.spent_pence)
        else:
            self.spent_edit.set_pence(0)
        self.allocated_edit.textChanged.connect(lambda _t: self._show_hint())
        self.spent_edit.textChanged.connect(lambda _t: self._show_hint())
        self._show_hint()
        self._show_linked()
        self.purpose_edit.setFocus()

    def action_ids(self) -> set[int]:
        return self.actions_model.checked()

    def _show_linked(self) -> None:
        n = len(self.action_ids())
        self.linked_label.setText(f"Linked actions ({n}):")
        model = self.actions_model
        narrow = model.rowCount() < model.matched
        self.actions_search.setPlaceholderText(
            f"{model.matched:,} actions: type a ref or words to find the one you want" if narrow
            else "type to find actions by ref or words")

    def _show_hint(self) -> None:
        """What the grant's lines add up to with this line as typed, and whether it is overspent."""
        allocated = self.allocated_edit.pence_or_none()
        spent = self.spent_edit.pence_or_none()
        if allocated is None:
            self.hint.setText("Type the allocation in pounds, for example £12,500.")
            self.hint.setStyleSheet("")
            return
        others = sum(r.allocated_pence for r in self.grant.lines if self.line is None or r.id != self.line.id)
        total = others + allocated
        over = total - self.grant.allocated_pence
        parts = []
        warn = False
        if over > 0:
            parts.append(f"Warning: the lines would add up to {format_pence(total)}, {format_pence(over)} more than "
                         f"the grant of {format_pence(self.grant.allocated_pence)}.")
            warn = True
        else:
            parts.append(f"With this line the lines add up to {format_pence(total)} of "
                         f"{format_pence(self.grant.allocated_pence)}; {format_pence(-over)} not yet given to a line.")
        if spent is not None and spent > allocated:
            parts.append(f"Warning: spend to date is {format_pence(spent - allocated)} above the allocation.")
            warn = True
        self.hint.setText(" ".join(parts))
        self.hint.setStyleSheet("color: #b3261e; font-weight: bold;" if warn else "")

    def values(self) -> dict[str, Any]:
        return {"purpose": self.purpose_edit.text().strip(), "owner_id": self.owner_combo.currentData(),
                "allocated_pence": self.allocated_edit.pence(), "spent_pence": self.spent_edit.pence()}

    def save(self) -> None:
        self.clear_error()
        try:
            values = self.values()
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        links = self.action_ids()
        if self.line is None:
            self.run(CreateLineCommand(self.ctx, self.grant.id, values, links), lambda c: c.line_id)
            return
        changes = {k: v for k, v in values.items() if getattr(self.line, k) != v}
        moved = links != {a.id for a in self.line.actions}
        if not changes and not moved:
            self.accept()
            return
        self.run(EditLineCommand(self.ctx, self.line, changes, links if moved else None), lambda c: c.line_id)
