"""What a spreadsheet holds once read: plain, immutable data (no openpyxl objects).

Rows and columns are numbered as Excel shows them (from 1), so every message can name
the cell a user will look for. Only rows that hold a value are kept (a sheet formatted
down to row 1,048,576 costs nothing); the sparse extras — which cells hold formulas,
which are filled with a colour, the number format of numeric cells, merged ranges and
hidden columns — are what the importer needs besides the values.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Coordinate = tuple[int, int]  # (row, column), both from 1


@dataclass(frozen=True, slots=True)
class MergedRange:
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    def contains(self, row: int, col: int) -> bool:
        return self.min_row <= row <= self.max_row and self.min_col <= col <= self.max_col


@dataclass(frozen=True)
class SheetData:
    """One sheet (or a whole CSV file) as values by Excel row number."""

    name: str
    rows: Mapping[int, tuple[Any, ...]]  # row number → values from column 1 (trailing empties dropped)
    formulas: frozenset[Coordinate] = frozenset()
    fills: Mapping[Coordinate, str] = field(default_factory=dict)  # solid fill as 'RRGGBB'
    number_formats: Mapping[Coordinate, str] = field(default_factory=dict)  # numeric cells not 'General'
    merged: tuple[MergedRange, ...] = ()
    hidden_columns: frozenset[int] = frozenset()
    hidden: bool = False  # the sheet itself is hidden

    def value(self, row: int, col: int) -> Any:
        values = self.rows.get(row)
        if values is None or col > len(values):
            return None
        return values[col - 1]

    def row_numbers(self) -> list[int]:
        return sorted(self.rows)

    def merge_at(self, row: int, col: int) -> MergedRange | None:
        for merged in self.merged:
            if merged.contains(row, col):
                return merged
        return None


@dataclass(frozen=True)
class WorkbookData:
    """Every sheet of a file, in the workbook's order (a CSV file is one sheet)."""

    path_name: str
    file_format: str  # "xlsx" or "csv"
    sheets: tuple[SheetData, ...]
    active: str = ""  # the sheet Excel opens on

    def sheet(self, name: str) -> SheetData:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        for sheet in self.sheets:  # a user typing --sheet need not match the case
            if sheet.name.casefold() == name.strip().casefold():
                return sheet
        names = ", ".join(repr(s.name) for s in self.sheets)
        raise ValueError(f"{self.path_name} has no sheet {name!r} (it has {names})")

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def column_letter(col: int) -> str:
    """1 → 'A', 27 → 'AA' (as Excel names columns)."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"
