"""The action editor's error display: name the field, mark it, and clear it as soon as it is right.

A message used to stay after the field was fixed ("Title: an action needs a title" with the
title typed) until the next save. Now every edit re-checks: an error the plan's pure rules
find (``validate_action_fields`` and the date fields' own reading) goes the moment those rules
pass for that field, whichever field the user changed to fix it (a due date before the start
is fixed by moving either); an error only the service can find (a ref already used) goes
when its own field is edited, and the next save checks it again.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTabWidget, QWidget

from boardapp.domain.rules import ValidationError, validate_action_fields
from boardapp.ui.common.date_fields import UkDateField

FIELD_LABELS: dict[str, str] = {
    "ref": "Ref", "title": "Title", "description": "What (description)", "how": "How", "theme_id": "Theme",
    "owner_id": "Owner", "start_date": "Start date", "due_date": "Due date", "revised_due_date": "Revised due date",
    "status": "Status", "brag": "BRAG", "progress": "Progress %", "success_measure": "Success measure",
    "evidence_of_impact": "Evidence of impact", "findings": "Linked findings", "kpis": "Linked measures",
    "narrative": "Update narrative", "update_date": "Update date",
}
ERROR_STYLE = "border: 2px solid #b3261e;"
_DATE_FIELDS = ("start_date", "due_date", "revised_due_date")


def _changed_signal(widget: QWidget) -> Any:
    if isinstance(widget, UkDateField):
        return widget.line_edit.textChanged
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QAbstractSpinBox):
        return widget.valueChanged  # type: ignore[attr-defined]
    return None


class EditorErrorsMixin:
    """Mixed into ActionEditor (uses its field widgets, tabs, error label and ``values``)."""

    error_label: QLabel
    tabs: QTabWidget
    field_widgets: dict[str, QWidget]
    update_narrative_edit: QPlainTextEdit
    update_brag_combo: QComboBox
    update_progress_spin: QAbstractSpinBox
    update_date_edit: UkDateField
    findings_view: QWidget
    kpis_view: QWidget
    values: Any

    _marked: QWidget | None = None
    _error_field: str | None = None
    _error_by_rules = False

    def _update_widgets(self) -> dict[str, QWidget]:
        return {"narrative": self.update_narrative_edit, "brag": self.update_brag_combo,
                "progress": self.update_progress_spin, "update_date": self.update_date_edit}

    def watch_fields_for_errors(self) -> None:
        """Re-check the error shown whenever any field of the form changes (call once, after building)."""
        for widget in (*self.field_widgets.values(), *self._update_widgets().values()):
            signal = _changed_signal(widget)
            if signal is not None:
                signal.connect(lambda *_a, w=widget: self._field_edited(w))

    def show_error(self, field: str, message: str, *, update_form: bool = False) -> None:
        """Name the field at fault, mark it and move the focus to it."""
        self._clear_error()
        label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
        self.error_label.setText(f"{label}: {message}" if label else message)
        self.error_label.show()
        widget: QWidget | None
        if update_form:
            widget = self._update_widgets().get(field, self.update_narrative_edit)
            self.tabs.setCurrentIndex(1)
        elif field in ("findings", "kpis"):
            widget = self.findings_view if field == "findings" else self.kpis_view
            self.tabs.setCurrentIndex(2)
        else:
            widget = self.field_widgets.get(field)
            self.tabs.setCurrentIndex(0)
        problem = None if update_form else self._rule_problem()
        self._error_field = field
        self._error_by_rules = problem is not None and problem[0] == field
        if isinstance(widget, UkDateField):
            widget.show_message(message)  # the field says it too
        elif widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            widget.setAccessibleDescription(f"Error: {message}")
        self._marked = widget
        if widget is not None:
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
        self._error_field = None
        self._error_by_rules = False

    def error_text(self) -> str:
        """The error message shown now ('' when none)."""
        return self.error_label.text()

    def _rule_problem(self) -> tuple[str, str] | None:
        """The first (field, message) the form breaks by the plan's pure rules, or None."""
        for name in _DATE_FIELDS:
            field = self.field_widgets[name]
            if isinstance(field, UkDateField) and (problem := field.error()):
                return name, problem
        v = self.values(strict=False)
        try:
            validate_action_fields(
                title=v["title"], start_date=v["start_date"], due_date=v["due_date"],
                revised_due_date=v["revised_due_date"], status=v["status"], brag=v["brag"], progress=v["progress"],
            )
        except ValidationError as exc:
            return exc.field, exc.message
        return None

    def _field_edited(self, widget: QWidget) -> None:
        if self._error_field is None:
            return
        if self._error_by_rules:
            problem = self._rule_problem()
            if problem is None or problem[0] != self._error_field:
                self._clear_error()  # that field is right now (the next save checks everything again)
        elif widget is self._marked:
            self._clear_error()  # only the service can tell: edited, so no longer claimed wrong
