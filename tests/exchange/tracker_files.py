"""Builders of trackers and registers in the shapes boards really send (imported by the tests here)."""
from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from boardapp.exchange.plan import ImportPlan


class Sheet:
    """One sheet to build: cells by coordinate plus merges, fills, hidden columns and formats."""

    def __init__(self, name: str = "Tracker") -> None:
        self.name = name
        self.cells: dict[str, Any] = {}
        self.merges: list[str] = []
        self.fills: dict[str, str] = {}
        self.hidden: list[str] = []
        self.formats: dict[str, str] = {}

    def table(self, top_left: str, rows: Sequence[Sequence[Any]]) -> "Sheet":
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

        letters, first_row = coordinate_from_string(top_left)
        first_col = column_index_from_string(letters)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    self.cells[f"{get_column_letter(first_col + c)}{first_row + r}"] = value
        return self

    def put(self, coordinate: str, value: Any) -> "Sheet":
        self.cells[coordinate] = value
        return self


def write_workbook(path: Path, *sheets: Sheet, active: int = 0) -> Path:
    import openpyxl
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.name)
        for coordinate, value in spec.cells.items():
            ws[coordinate] = value
        for coordinate, fmt in spec.formats.items():
            ws[coordinate].number_format = fmt
        for coordinate, rgb in spec.fills.items():
            ws[coordinate].fill = PatternFill("solid", fgColor=rgb)
        for merged in spec.merges:
            ws.merge_cells(merged)
        for letter in spec.hidden:
            ws.column_dimensions[letter].hidden = True
    workbook.active = active
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def messages(plan: ImportPlan) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.field, p.message) for p in plan.warnings]


def rejections(plan: ImportPlan) -> list[tuple[int | None, str | None, str]]:
    return [(p.row, p.field, p.message) for p in plan.rejected]
