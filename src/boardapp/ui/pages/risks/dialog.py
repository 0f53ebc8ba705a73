"""Add or edit one risk: what it is, its cause and effect, its scores before and after controls.

Saving goes through an undoable command. A rule the service refuses comes back as
``ValidationError(field, message)``: the dialog names the field, marks and focuses it and
stays open; nothing is written.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit,
    QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget,
)

from boardapp.domain.enums import RiskStatus
from boardapp.domain.kpi import risk_rating
from boardapp.domain.rules import ValidationError
from boardapp.services.people import queries as people_queries
from boardapp.services.plan.commands import ConflictError, NotFoundError
from boardapp.services.risks.queries import RiskRow, risk_row
from boardapp.ui.common.context import AppContext
from boardapp.ui.common.date_fields import OptionalDateEdit
from boardapp.ui.common.screen_fit import resize_to_fit
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.risks.commands import CreateRiskCommand, EditRiskCommand, risk_values

FIELD_LABELS: dict[str, str] = {
    "ref": "Ref", "title": "Title", "description": "Description", "cause": "Cause", "effect": "Effect",
    "owner_id": "Owner", "theme_id": "Theme", "inherent_likelihood": "Inherent likelihood",
    "inherent_impact": "Inherent impact", "residual_likelihood": "Residual likelihood",
    "residual_impact": "Residual impact", "controls": "Controls in place", "mitigation": "Further mitigation",
    "status": "Status", "review_date": "Review date",
}
_ERROR_STYLE = "border: 2px solid #b3261e;"


def _text_box(name: str, height: int = 52) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    return box


def _when_changed(widget: QWidget, slot: Any) -> None:
    """Call ``slot`` once when the user changes ``widget`` (a line, text box, choice, number or date)."""
    signal = None
    if isinstance(widget, QLineEdit):
        signal = widget.textEdited
    elif isinstance(widget, QPlainTextEdit):
        signal = widget.textChanged
    elif isinstance(widget, QComboBox):
        signal = widget.currentIndexChanged
    elif isinstance(widget, QSpinBox):
        signal = widget.valueChanged
    elif isinstance(widget, OptionalDateEdit):
        signal = widget.line_edit.textEdited
    if signal is not None:
        signal.connect(slot, Qt.ConnectionType.SingleShotConnection)


def _score_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(1, 5)
    spin.setAccessibleName(name)
    spin.setToolTip("1 (lowest) to 5 (highest)")
    return spin


class RiskDialog(QDialog):
    """The form for one risk (``risk_id=None`` adds a new one)."""

    saved = Signal(int)  # the risk's id after a successful save

    def __init__(self, ctx: AppContext, risk_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row: RiskRow | None = None
        self._marked: QWidget | None = None
        with ctx.session() as session:
            self._people = people_queries.list_people(session=session)
            self._themes = people_queries.list_themes(session=session)
            if risk_id is not None:
                self.row = risk_row(risk_id, session=session)
        self.setWindowTitle(f"Edit risk {self.row.ref}" if self.row else "Add a risk")
        self.setAccessibleName("Risk editor")
        resize_to_fit(self, 720, 640)
        self._build()
        self._load()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.error_label = QLabel()
        self.error_label.setAccessibleName("Error message")
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.ref_edit = QLineEdit()
        self.ref_edit.setAccessibleName("Ref")
        self.ref_edit.setPlaceholderText("left empty: the next free reference")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.description_edit = _text_box("Description", 44)
        self.cause_edit = _text_box("Cause")
        self.effect_edit = _text_box("Effect")
        self.owner_combo = QComboBox()
        self.owner_combo.setAccessibleName("Owner")
        self.owner_combo.addItem("No owner", None)
        for p in self._people:
            self.owner_combo.addItem(p.name, p.id)
        self.theme_combo = QComboBox()
        self.theme_combo.setAccessibleName("Theme")
        self.theme_combo.addItem("No theme", None)
        for t in self._themes:
            self.theme_combo.addItem(f"{t.code} — {t.title}", t.id)
        self.inherent_likelihood = _score_spin("Inherent likelihood")
        self.inherent_impact = _score_spin("Inherent impact")
        self.residual_likelihood = _score_spin("Residual likelihood")
        self.residual_impact = _score_spin("Residual impact")
        self.inherent_score = QLabel()
        self.inherent_score.setAccessibleName("Inherent score")
        self.residual_score = QLabel()
        self.residual_score.setAccessibleName("Residual score")
        self.score_note = QLabel()
        self.score_note.setAccessibleName("Score note")
        self.score_note.setObjectName("muted")
        self.score_note.setWordWrap(True)
        for spin in (self.inherent_likelihood, self.inherent_impact, self.residual_likelihood, self.residual_impact):
            spin.valueChanged.connect(self._show_scores)
        self.controls_edit = _text_box("Controls in place")
        self.mitigation_edit = _text_box("Further mitigation")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        for s in RiskStatus:
            self.status_combo.addItem(s.label, s.value)
        self.review_edit = OptionalDateEdit("Review date", field="review_date")

        scores = QGroupBox("Scores (likelihood × impact, each 1–5)")
        scores.setAccessibleName("Scores")
        grid = QGridLayout(scores)
        grid.addWidget(QLabel("Likelihood"), 0, 1)
        grid.addWidget(QLabel("Impact"), 0, 2)
        grid.addWidget(QLabel("Score"), 0, 3)
        for row, (label, likelihood, impact, score) in enumerate((
            ("&Inherent (before controls):", self.inherent_likelihood, self.inherent_impact, self.inherent_score),
            ("Re&sidual (with controls):", self.residual_likelihood, self.residual_impact, self.residual_score),
        ), start=1):
            caption = QLabel(label)
            caption.setBuddy(likelihood)
            grid.addWidget(caption, row, 0)
            grid.addWidget(likelihood, row, 1)
            grid.addWidget(impact, row, 2)
            grid.addWidget(score, row, 3)
        grid.addWidget(self.score_note, 3, 0, 1, 4)

        form = QFormLayout()
        self.field_widgets: dict[str, QWidget] = {
            "ref": self.ref_edit, "title": self.title_edit, "description": self.description_edit,
            "cause": self.cause_edit, "effect": self.effect_edit, "owner_id": self.owner_combo,
            "theme_id": self.theme_combo, "inherent_likelihood": self.inherent_likelihood,
            "inherent_impact": self.inherent_impact, "residual_likelihood": self.residual_likelihood,
            "residual_impact": self.residual_impact, "controls": self.controls_edit,
            "mitigation": self.mitigation_edit, "status": self.status_combo, "review_date": self.review_edit,
        }
        mnemonics = {"ref": "&Ref", "title": "&Title", "cause": "Ca&use", "effect": "E&ffect", "owner_id": "&Owner",
                     "theme_id": "T&heme", "controls": "&Controls in place", "mitigation": "Further &mitigation",
                     "status": "St&atus", "review_date": "Re&view date"}
        for name in ("ref", "title", "description", "cause", "effect", "owner_id", "theme_id"):
            self._add_row(form, name, mnemonics)
        form.addRow(scores)
        for name in ("controls", "mitigation", "status", "review_date"):
            self._add_row(form, name, mnemonics)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName("Save risk")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)

    def _add_row(self, form: QFormLayout, name: str, mnemonics: dict[str, str]) -> None:
        label = QLabel(f"{mnemonics.get(name, FIELD_LABELS[name])}:")
        label.setBuddy(self.field_widgets[name])
        form.addRow(label, self.field_widgets[name])

    # -- loading --------------------------------------------------------------------------------
    def _load(self) -> None:
        r = self.row
        self.title_edit.setFocus()
        if r is None:
            for spin in (self.inherent_likelihood, self.inherent_impact, self.residual_likelihood, self.residual_impact):
                spin.setValue(3)
            self.review_edit.set_value(None, default=self.ctx.today())
            self._show_scores()
            return
        self.ref_edit.setText(r.ref)
        self.title_edit.setText(r.title)
        self.description_edit.setPlainText(r.description)
        self.cause_edit.setPlainText(r.cause)
        self.effect_edit.setPlainText(r.effect)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(r.owner_id)))
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(r.theme_id)))
        self.inherent_likelihood.setValue(r.inherent_likelihood)
        self.inherent_impact.setValue(r.inherent_impact)
        self.residual_likelihood.setValue(r.likelihood)
        self.residual_impact.setValue(r.impact)
        self.controls_edit.setPlainText(r.controls)
        self.mitigation_edit.setPlainText(r.mitigation)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(r.status)))
        self.review_edit.set_value(r.review_date, default=self.ctx.today())
        self._show_scores()

    def _show_scores(self) -> None:
        inherent = self.inherent_likelihood.value() * self.inherent_impact.value()
        residual = self.residual_likelihood.value() * self.residual_impact.value()
        self.inherent_score.setText(f"{inherent} ({risk_rating(inherent).label})")
        self.residual_score.setText(f"{residual} ({risk_rating(residual).label})")
        self.score_note.setText(
            "The residual score is higher than the inherent one: controls should not raise a risk. Check the scores."
            if residual > inherent else ""
        )

    # -- saving ---------------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What the form says, as fields of the risk services."""
        return {
            "ref": self.ref_edit.text().strip(), "title": self.title_edit.text(),
            "description": self.description_edit.toPlainText(), "cause": self.cause_edit.toPlainText(),
            "effect": self.effect_edit.toPlainText(), "owner_id": self.owner_combo.currentData(),
            "theme_id": self.theme_combo.currentData(), "inherent_likelihood": self.inherent_likelihood.value(),
            "inherent_impact": self.inherent_impact.value(), "residual_likelihood": self.residual_likelihood.value(),
            "residual_impact": self.residual_impact.value(), "controls": self.controls_edit.toPlainText(),
            "mitigation": self.mitigation_edit.toPlainText(), "status": self.status_combo.currentData(),
            "review_date": self.review_edit.value(),
        }

    def save(self) -> None:
        self._clear_error()
        try:
            values = self.values()  # a date typed wrongly stops the save here, named
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        if self.row is None:
            if not values["ref"]:
                values.pop("ref")
            command: Any = CreateRiskCommand(self.ctx, values)
        else:
            current = risk_values(self.row, list(values))
            changes = {k: v for k, v in values.items() if (v.strip() if isinstance(v, str) else v) != current[k]}
            if not changes:
                self.accept()
                return
            command = EditRiskCommand(self.ctx, self.row, changes)
        try:
            run_command(self.ctx, command)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except (ConflictError, NotFoundError) as exc:
            self.show_error("", f"Nothing was saved: {exc}")
            return
        assert command.row is not None
        self.saved.emit(command.row.id)
        self.accept()

    def show_error(self, field: str, message: str) -> None:
        label = FIELD_LABELS.get(field, field.replace("_", " "))
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
            self._clear_error()

    def _clear_error(self) -> None:
        self.error_label.hide()
        if self._marked is not None:
            self._marked.setStyleSheet("")
            self._marked = None

