"""Add or edit one measure: code, name, unit, polarity, target and floor, frequency, notes, owner, theme.

Saving goes through an undoable command. A refusal names the field and keeps the dialog open
(a floor on the wrong side of its target says which side it must be on); nothing is written.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from boardapp.domain.enums import KpiFrequency, Polarity
from boardapp.domain.kpi_values import UNITS, FigureError, parse_figure
from boardapp.domain.rules import ValidationError
from boardapp.services.performance.measures import MeasureRow
from boardapp.ui.common.form_dialog import FormDialog, suggest_only
from boardapp.ui.common.undo import run_command
from boardapp.ui.pages.performance.commands import CreateMeasureCommand, EditMeasureCommand

if TYPE_CHECKING:
    from boardapp.ui.common.context import AppContext


def _line(name: str, text: str = "", placeholder: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


def _number_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


class MeasureDialog(FormDialog):
    """The form for one measure (``row=None`` adds a new one)."""

    def __init__(self, ctx: "AppContext", row: MeasureRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(f"Edit measure {row.code}" if row else "Add a measure", parent,
                         intro="RAG as boards read it: Green meets or beats the target; Amber misses it but is no "
                               "worse than the floor (the tolerance line); Red is beyond the floor.")
        from boardapp.services.people.queries import list_people, list_themes
        from boardapp.services.performance.measures import list_measures

        self.ctx = ctx
        self.row = row
        self.saved_id: int | None = None
        with ctx.session() as session:
            people = list_people(session=session, active_only=True)
            themes = list_themes(session=session)
            codes = [m.code for m in list_measures(session=session)]
        self.code = self.add_row("code", "&Code:", _line("Code", row.code if row else "", _next_code(codes)))
        self.title_edit = self.add_row("title", "&Name:", _line("Name", row.title if row else ""))
        self.unit = suggest_only(QComboBox())
        self.unit.setEditable(True)
        self.unit.addItems(list(UNITS))
        self.unit.setCurrentText(row.unit if row else "%")
        self.add_row("unit", "&Unit:", self.unit, help_text="%, number, days, rate per 10,000 — or your own")
        self.polarity = QComboBox()
        for p in Polarity:
            self.polarity.addItem(p.label, p.value)
        self.polarity.setCurrentIndex(max(self.polarity.findData(row.polarity if row else Polarity.HIGHER_IS_BETTER.value), 0))
        self.add_row("polarity", "&Polarity:", self.polarity)
        self.target = self.add_row("target", "&Target:", _line("Target", _number_text(row.target) if row else "",
                                                                "e.g. 95 (leave empty: no RAG)"))
        self.floor = self.add_row("floor", "&Floor:", _line("Floor", _number_text(row.floor) if row else "",
                                                             "the tolerance line, e.g. 90"),
                                  help_text="Amber down to the floor, Red beyond it; empty: short of target is Red")
        self.frequency = QComboBox()
        for f in KpiFrequency:
            self.frequency.addItem(f.label, f.value)
        self.frequency.setCurrentIndex(max(self.frequency.findData(row.frequency if row else "MONTHLY"), 0))
        self.add_row("frequency", "Fre&quency:", self.frequency)
        self.period_note = self.add_row("period_note", "&Data period:", _line(
            "Data period note", row.period_note if row else "", "e.g. rolling 12 months"))
        self.owner = QComboBox()
        self.owner.addItem("No owner", None)
        for p in people:
            self.owner.addItem(p.name, p.id)
        self.owner.setCurrentIndex(max(self.owner.findData(row.owner_id) if row else 0, 0))
        self.add_row("owner_id", "&Owner:", self.owner)
        self.theme = QComboBox()
        self.theme.addItem("No theme", None)
        for t in themes:
            self.theme.addItem(f"{t.code} — {t.title}", t.id)
        self.theme.setCurrentIndex(max(self.theme.findData(row.theme_id) if row else 0, 0))
        self.add_row("theme_id", "T&heme:", self.theme)
        self.source_note = self.add_row("source_note", "&Source:", _line(
            "Source note", row.source_note if row else "", "e.g. LCS performance report, DfE CIN census"))
        self.fit_width(560)

    def _number(self, field: str, edit: QLineEdit) -> float | None:
        text = edit.text().strip().removesuffix("%").strip()
        if not text:
            return None
        try:
            figure = parse_figure(text, "")
        except FigureError as exc:
            raise ValidationError(field, f"“{edit.text().strip()}” {exc}") from exc
        if figure.value is None:
            raise ValidationError(field, "must be a number")
        return figure.value

    def values(self) -> dict[str, Any]:
        return {
            "code": self.code.text().strip(), "title": self.title_edit.text().strip(),
            "unit": self.unit.currentText().strip(), "polarity": self.polarity.currentData(),
            "target": self._number("target", self.target), "floor": self._number("floor", self.floor),
            "frequency": self.frequency.currentData(), "period_note": self.period_note.text().strip(),
            "source_note": self.source_note.text().strip(), "owner_id": self.owner.currentData(),
            "theme_id": self.theme.currentData(),
        }

    def submit(self) -> None:
        from boardapp.domain.kpi_measures import validate_measure

        values = self.values()
        if not values["code"]:
            values["code"] = self.code.placeholderText()
        validate_measure(values)  # a clear message before anything is written
        if self.row is None:
            command: Any = CreateMeasureCommand(self.ctx, values)
        else:
            changes = {k: v for k, v in values.items() if getattr(self.row, k) != v}
            if not changes:
                self.saved_id = self.row.id
                return
            command = EditMeasureCommand(self.ctx, self.row, changes)
        run_command(self.ctx, command)
        self.saved_id = command.row.id if command.row else None

    def save(self) -> None:
        from boardapp.services.performance.measures import ConflictError, NotFoundError

        try:
            super().save()
        except (ConflictError, NotFoundError) as exc:
            self.show_error("", f"Nothing was saved: {exc}")


def _next_code(codes: list[str]) -> str:
    """The next free code of the form K13 after K12."""
    import re

    numbers = [int(m.group(1)) for c in codes if (m := re.fullmatch(r"K(\d+)", c))]
    return f"K{max(numbers, default=0) + 1:02d}"
