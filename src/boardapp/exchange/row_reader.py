"""Reading the fields of one data row, collecting its warnings and its rejection by cell.

Both planners (actions and risks) read their rows through a :class:`RowReader`: it
names each problem by sheet row, field and cell ("E12 'When?': …") so the user finds
it, and turns a date that cannot be right into the row's rejection.
"""
from __future__ import annotations

from typing import Any

from boardapp.domain.enums import Brag
from boardapp.exchange.colours import brag_of_colour
from boardapp.exchange.date_cells import DateRejected, read_date
from boardapp.exchange.headers import TableLayout
from boardapp.exchange.plan import Problem
from boardapp.exchange.sheet_data import cell_name
from boardapp.exchange.table_rows import RawCell, SheetRow
from boardapp.exchange.values import clean_text, read_brag, read_owner, read_status, written_ref


class RowRejected(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class RowReader:
    def __init__(self, row: SheetRow, layout: TableLayout) -> None:
        self.row = row
        self.layout = layout
        self.warnings: list[Problem] = []

    # -- naming -----------------------------------------------------------------------------------
    def where(self, field: str) -> str:
        cell = self.row.cells.get(field)
        col = cell.col if cell else self.layout.mapping.get(field)
        if col is None:
            return ""
        heading = self.layout.heading_of(field)
        return f"{cell_name(self.row.number, col)} {heading!r}: " if heading else f"{cell_name(self.row.number, col)}: "

    def warn(self, field: str | None, message: str, *, cell: bool = True) -> None:
        prefix = self.where(field) if field and cell else ""
        self.warnings.append(Problem(self.row.number, field, prefix + message))

    def reject(self, field: str | None, message: str) -> RowRejected:
        prefix = self.where(field) if field else ""
        return RowRejected(Problem(self.row.number, field, prefix + message))

    # -- cells ------------------------------------------------------------------------------------
    def has_column(self, field: str) -> bool:
        return field in self.layout.mapping

    def cell(self, field: str) -> RawCell | None:
        return self.row.cells.get(field)

    def raw(self, field: str) -> Any:
        cell = self.row.cells.get(field)
        return None if cell is None else cell.value

    def text(self, field: str) -> str | None:
        """The cell's text, or None when the column is absent or the cell empty."""
        cell = self.row.cells.get(field)
        if cell is None:
            return None
        if cell.formula and cell.value is None:
            self.warn(field, "a formula with no saved value (open and save the file in Excel first); left empty")
            return None
        text = clean_text(cell.value)
        return text or None

    def ref(self) -> str | None:
        cell = self.row.cells.get("ref")
        if cell is None or cell.value is None:
            return None
        return written_ref(cell.value, cell.number_format) or None

    def date(self, field: str, *, warn_blank: bool = False, quiet: bool = False) -> tuple[Any, str | None]:
        """(date or None, the note about it); a wrong date raises RowRejected.

        The note (a month read as its last day, 'TBC' left empty…) is also a warning of the row
        unless ``quiet`` (the caller words it with what it does about it).
        """
        cell = self.row.cells.get(field)
        value = None if cell is None else cell.value
        note: str | None = None
        blank = value is None or (isinstance(value, str) and not clean_text(value))
        if blank:
            if not self.has_column(field):
                return None, None
            day, note = None, "no date given"
        else:
            try:
                reading = read_date(value)
            except DateRejected as exc:
                raise self.reject(field, str(exc)) from None
            day, note = reading.value, reading.warning
        if note and not quiet and (not blank or warn_blank):
            self.warn(field, note if day is not None else f"{note}; left empty")
        return day, note

    def owner(self, field: str = "owner") -> str | None:
        text = self.text(field)
        if text is None:
            return None
        name, note = read_owner(text)
        if note:
            self.warn(field, note)
        return name or None

    # -- BRAG and status --------------------------------------------------------------------------
    def brag_and_status(self) -> tuple[Brag | None, Any]:
        """The BRAG (from text, letter or fill) and the status of the row, with warnings."""
        brag: Brag | None = None
        status = None
        brag_cell = self.cell("brag")
        if brag_cell is not None:
            text = self.text("brag")
            fill = brag_of_colour(brag_cell.fill)
            if text:
                brag, note = read_brag(text)
                if brag is None and fill is not None:
                    brag = fill
                    self.warn("brag", f"{note}; the cell's {fill.label.lower()} fill used")
                elif note:
                    self.warn("brag", note)
                elif fill is not None and brag is not None and fill != brag:
                    self.warn("brag", f"the text says {brag.label} but the cell is filled {fill.label.lower()}; "
                                      f"{brag.label} used")
            elif fill is not None:
                brag = fill
        status_cell = self.cell("status")
        if status_cell is not None:
            text = self.text("status")
            if text:
                status, status_brag, note = read_status(text)
                if status_brag is not None and brag is None:
                    brag = status_brag  # a Status column holding BRAG words
                elif note:
                    self.warn("status", note)
            if brag is None and not self.has_column("brag"):
                fill = brag_of_colour(status_cell.fill)
                if fill is not None:
                    brag = fill
        return brag, status
