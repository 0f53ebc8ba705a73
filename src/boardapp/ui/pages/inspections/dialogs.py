"""Editors of the Inspections page: an inspection or visit, and one finding.

Each saves through an undoable command and stays open on a mistake, naming the field at
fault and moving the focus to it.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from boardapp.domain.enums import FindingKind, Grade, IlacsArea, InspectionKind, InspectionStatus
from boardapp.domain.rules import ValidationError
from boardapp.ui.common.date_fields import OptionalDateEdit, UkDateField, check_dates, from_qdate, to_qdate, uk_date_edit
from boardapp.ui.common.undo import ServiceCommand, run_command
from boardapp.ui.pages.inspections.commands import (
    AddFindingsCommand, CreateInspectionCommand, EditFindingCommand, EditInspectionCommand,
)

if TYPE_CHECKING:
    from boardapp.services.inspections.queries import InspectionFindingRow, InspectionListRow
    from boardapp.ui.common.context import AppContext

_ERROR_STYLE = "border: 2px solid #b3261e;"
INSPECTION_LABELS = {
    "kind": "Kind", "number": "Number", "status": "Status", "start_date": "First day on site",
    "end_date": "Last day on site", "focus_area": "Focus", "ilacs_area": "ILACS area",
    "letter_published": "Letter published", "published_date": "Letter published on", "grades": "Judgements",
    "overall_grade": "Overall effectiveness", "summary": "Summary",
}
FINDING_LABELS = {"kind": "Kind", "text": "Finding", "ilacs_area": "ILACS area"}


def combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    for text, data in items:
        box.addItem(text, data)
    return box


def select_data(box: QComboBox, value: Any) -> None:
    box.setCurrentIndex(max(0, box.findData(value)))


def area_items(none_text: str = "Not set") -> list[tuple[str, Any]]:
    return [(none_text, None)] + [(a.label, a.value) for a in IlacsArea]


class _FormDialog(QDialog):
    """A form with an error line and OK/Cancel; subclasses build the fields and the command."""

    labels: dict[str, str] = {}

    def __init__(self, ctx: "AppContext", title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.field_widgets: dict[str, QWidget] = {}
        self._marked: QWidget | None = None
        self.layout_ = QVBoxLayout(self)
        self.error_label = QLabel("")
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)

    def build_command(self) -> ServiceCommand | None:
        raise NotImplementedError

    def save(self) -> bool:
        """Run the edit through the undo stack; stays open naming the field on a mistake."""
        self._clear_error()
        try:
            check_dates(self)  # text that is not a date is named before anything else
            command = self.build_command()
            if command is None:  # nothing changed
                self.accept()
                return True
            run_command(self.ctx, command)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return False
        except (LookupError, RuntimeError) as exc:  # deleted or changed elsewhere meanwhile
            self.show_error("", f"{exc}. Close this window and try again.")
            return False
        self.command = command
        self.accept()
        return True

    def show_error(self, field: str, message: str) -> None:
        name = field.split(" ")[-1]
        label = self.labels.get(name, name.replace("_", " ").capitalize())
        self.error_label.setText(f"{label}: {message}" if label else message)
        self.error_label.show()
        widget = self.field_widgets.get(name)
        if isinstance(widget, UkDateField):  # the date field says it beside itself too
            widget.show_message(message)
            self._marked = widget
            widget.setFocus()
        elif widget is not None:
            widget.setStyleSheet(_ERROR_STYLE)
            widget.setAccessibleDescription(f"Error: {message}")
            self._marked = widget
            widget.setFocus()

    def _clear_error(self) -> None:
        self.error_label.hide()
        self.error_label.clear()
        if isinstance(self._marked, UkDateField):
            self._marked.clear_message()
        elif self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked.setAccessibleDescription("")
        self._marked = None

    def error_text(self) -> str:
        return self.error_label.text() if self.error_label.isVisibleTo(self) else ""


class InspectionDialog(_FormDialog):
    """Add or edit an inspection or visit, with its judgements when it is an ILACS."""

    labels = INSPECTION_LABELS

    def __init__(self, ctx: "AppContext", row: "InspectionListRow | None" = None, parent: QWidget | None = None,
                 *, default_day: date | None = None) -> None:
        super().__init__(ctx, f"Edit {row.label}" if row else "Add an inspection or visit", parent)
        self.row = row
        self.command: ServiceCommand | None = None
        self.setMinimumWidth(760)  # room for a date field's message beside it
        form = QFormLayout()
        self.kind_combo = combo("Kind", [(k.label, k.value) for k in InspectionKind])
        self.number_spin = QSpinBox()
        self.number_spin.setAccessibleName("Number")
        self.number_spin.setRange(0, 99)
        self.number_spin.setSpecialValueText("None")
        self.number_spin.setToolTip("The visit's number (monitoring visit 3); None for an ILACS")
        self.status_combo = combo("Status", [(s.label, s.value) for s in InspectionStatus])
        self.start_edit = uk_date_edit(accessible_name="First day on site", field="start_date")
        self.end_edit = OptionalDateEdit("Last day on site", field="end_date")
        self.end_edit.setToolTip("Leave empty for a visit still to come: it is then expected around one day")
        self.focus_edit = QLineEdit()
        self.focus_edit.setAccessibleName("Focus")
        self.focus_edit.setPlaceholderText("e.g. The Front Door (MASH, Duty and EDT)")
        self.area_combo = combo("ILACS area", area_items())
        self.area_combo.setToolTip("The judgement area the visit looks at: its 'findings in focus' are of this area")
        self.letter_check = QCheckBox("Letter published")
        self.letter_check.setAccessibleName("Letter published")
        self.letter_check.setToolTip("Untick when Ofsted did not publish the letter (the first monitoring visit's)")
        self.published_edit = OptionalDateEdit("Letter published on", field="published_date")
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(60)
        letter = QHBoxLayout()
        letter.addWidget(self.letter_check)
        letter.addWidget(self.published_edit, 1)
        for label, widget in (("&Kind", self.kind_combo), ("&Number", self.number_spin), ("&Status", self.status_combo),
                              ("&First day on site", self.start_edit), ("&Last day on site", self.end_edit),
                              ("F&ocus", self.focus_edit), ("ILACS &area", self.area_combo)):
            form.addRow(label, widget)
        form.addRow("Letter", letter)
        self.layout_.addLayout(form)
        self.grades_box = QGroupBox("Judgements (an ILACS or re-inspection only)")
        self.grades_box.setAccessibleName("Judgements")
        grid = QGridLayout(self.grades_box)
        self.grade_combos: dict[str, QComboBox] = {}
        for n, area in enumerate(IlacsArea):
            box = combo(f"Judgement: {area.label}", [("Not graded", None)] + [(g.label, g.value) for g in Grade])
            self.grade_combos[area.value] = box
            grid.addWidget(QLabel(area.label), n, 0)
            grid.addWidget(box, n, 1)
        self.layout_.addWidget(self.grades_box)
        summary_form = QFormLayout()
        summary_form.addRow("Su&mmary", self.summary_edit)
        self.layout_.addLayout(summary_form)
        self.finish_layout()
        self.field_widgets = {
            "kind": self.kind_combo, "number": self.number_spin, "status": self.status_combo,
            "start_date": self.start_edit, "end_date": self.end_edit, "focus_area": self.focus_edit,
            "ilacs_area": self.area_combo, "letter_published": self.letter_check,
            "published_date": self.published_edit, "grades": self.grade_combos[IlacsArea.OVERALL.value],
            "overall_grade": self.grade_combos[IlacsArea.OVERALL.value], "summary": self.summary_edit,
        }
        self._load(default_day or ctx.today())
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

    def _load(self, default_day: date) -> None:
        r = self.row
        if r is None:  # most often the next monitoring visit, expected
            select_data(self.kind_combo, InspectionKind.MONITORING_VISIT.value)
            select_data(self.status_combo, InspectionStatus.EXPECTED.value)
            self.start_edit.setDate(to_qdate(default_day))
            self.end_edit.set_value(None, default_day)
            self.published_edit.set_value(None, default_day)
            self._kind_changed()
            return
        select_data(self.kind_combo, r.kind)
        self.number_spin.setValue(r.number or 0)
        select_data(self.status_combo, r.status)
        self.start_edit.setDate(to_qdate(r.start_date))
        self.end_edit.set_value(r.end_date, r.start_date)
        self.focus_edit.setText(r.focus_area)
        select_data(self.area_combo, r.ilacs_area)
        self.letter_check.setChecked(r.letter_published)
        self.published_edit.set_value(r.published_date, r.end_date)
        self.summary_edit.setPlainText(r.summary)
        for g in r.grades:
            select_data(self.grade_combos[g.area], g.grade)
        if r.overall_grade and not any(g.area == IlacsArea.OVERALL for g in r.grades):
            select_data(self.grade_combos[IlacsArea.OVERALL.value], r.overall_grade)

    def _kind_changed(self) -> None:
        """A new visit of a numbered kind is offered the next free number."""
        if self.row is not None:
            return
        kind = self.kind_combo.currentData()
        if kind in (InspectionKind.ILACS.value, InspectionKind.RE_INSPECTION.value):
            self.number_spin.setValue(0)
            return
        from boardapp.services.inspections.queries import list_inspections

        with self.ctx.session() as session:
            used = [r.number or 0 for r in list_inspections(session=session) if r.kind == kind]
        self.number_spin.setValue(max(used, default=0) + 1)

    def grades(self) -> dict[str, str]:
        return {area: box.currentData() for area, box in self.grade_combos.items() if box.currentData() is not None}

    def values(self) -> dict[str, Any]:
        grades = self.grades()
        return {
            "kind": self.kind_combo.currentData(), "number": self.number_spin.value() or None,
            "status": self.status_combo.currentData(), "start_date": from_qdate(self.start_edit.date()),
            "end_date": self.end_edit.value(), "focus_area": self.focus_edit.text().strip(),
            "ilacs_area": self.area_combo.currentData(), "letter_published": self.letter_check.isChecked(),
            "published_date": self.published_edit.value(), "overall_grade": grades.get(IlacsArea.OVERALL.value),
            "summary": self.summary_edit.toPlainText().strip(),
        }

    def build_command(self) -> ServiceCommand | None:
        values, grades = self.values(), self.grades()
        if self.row is None:
            return CreateInspectionCommand(self.ctx, values, grades)
        if values["end_date"] is None:
            values["end_date"] = values["start_date"]
        changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
        old_grades = {g.area: g.grade for g in self.row.grades}
        if not changes and grades == old_grades:
            return None
        return EditInspectionCommand(self.ctx, self.row, changes, grades if grades != old_grades else None)


class FindingDialog(_FormDialog):
    """Add or edit one finding of an inspection."""

    labels = FINDING_LABELS

    def __init__(self, ctx: "AppContext", inspection_id: int, row: "InspectionFindingRow | None" = None,
                 parent: QWidget | None = None, *, default_area: str | None = None) -> None:
        super().__init__(ctx, "Edit finding" if row else "Add a finding", parent)
        self.inspection_id = inspection_id
        self.row = row
        self.command = None
        form = QFormLayout()
        self.kind_combo = combo("Kind", [(k.label, k.value) for k in FindingKind])
        self.area_combo = combo("ILACS area", area_items())
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName("Finding")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumSize(460, 110)
        form.addRow("&Kind", self.kind_combo)
        form.addRow("ILACS &area", self.area_combo)
        form.addRow("&Finding", self.text_edit)
        self.layout_.addLayout(form)
        self.finish_layout()
        self.field_widgets = {"kind": self.kind_combo, "ilacs_area": self.area_combo, "text": self.text_edit}
        if row is not None:
            select_data(self.kind_combo, row.kind)
            select_data(self.area_combo, row.ilacs_area)
            self.text_edit.setPlainText(row.text)
        else:
            select_data(self.kind_combo, FindingKind.AREA_FOR_DEVELOPMENT.value)
            select_data(self.area_combo, default_area)
        self.text_edit.setFocus()

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind_combo.currentData(), "ilacs_area": self.area_combo.currentData(),
                "text": self.text_edit.toPlainText().strip()}

    def build_command(self) -> ServiceCommand | None:
        values = self.values()
        if self.row is None:
            return AddFindingsCommand(self.ctx, self.inspection_id, [values])
        changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
        return EditFindingCommand(self.ctx, self.row, changes) if changes else None
