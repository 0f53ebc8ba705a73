"""Reading a measure's figures as a user types or pastes them (pure: no Qt, no database).

A block copied from Excel is tab-separated lines; each cell is one figure in UK form
(``1,234.5``, ``95%``, ``95 %``), a DfE suppression mark (``c x z u low``: *not published*,
never zero) or blank. Every bad cell is named (row, column, what is wrong) so the user can
fix the block; the caller applies nothing unless the whole block is good.

Blank cells in a pasted block leave the grid's figure as it is (a block with holes is a block
with holes, not an instruction to delete); typing nothing into one cell clears it.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

#: The DfE's suppression and not-applicable marks: the figure exists but is not published.
SUPPRESSION_MARKS: dict[str, str] = {
    "c": "suppressed to protect confidentiality",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "a small number, rounded to nothing",
}

#: The units a measure is usually counted in (the editor offers these; others are allowed).
UNITS: tuple[str, ...] = ("%", "number", "days", "rate per 10,000")

_UK_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True, slots=True)
class Figure:
    """One period's figure: a number, or not published (``mark``), or ``blank`` (nothing given)."""

    value: float | None = None
    mark: str = ""
    blank: bool = False

    @property
    def text(self) -> str:
        if self.blank:
            return ""
        return self.mark if self.value is None else f"{self.value:g}"


BLANK = Figure(blank=True)


class FigureError(ValueError):
    """A cell that is not a figure; the message says what is wrong with it."""


def parse_figure(text: str, unit: str = "") -> Figure:
    """One cell as a Figure; FigureError says what is wrong (for the message naming the cell).

    ``1,234.5`` and ``95%`` are read the UK way; a comma as the decimal point (``93,5``) is
    refused rather than guessed. A ``%`` is allowed only on a percentage measure; a percentage
    must be from 0 to 100, and no measure of these units is negative.
    """
    cleaned = _SPACES.sub(" ", text.replace("\u2212", "-")).strip()
    if not cleaned:
        return BLANK
    if cleaned.casefold() in SUPPRESSION_MARKS:
        return Figure(None, cleaned.casefold())
    number = cleaned
    percent = number.endswith("%")
    if percent:
        number = number[:-1].strip()
        if unit and unit != "%":
            raise FigureError(f"has a % sign but the measure is counted in {unit}")
    if not _UK_NUMBER.fullmatch(number):
        if re.fullmatch(r"[+-]?\d+,\d{1,2}", number):
            raise FigureError("uses a comma as the decimal point; write it as 93.5")
        marks = ", ".join(SUPPRESSION_MARKS)
        raise FigureError(f"is not a number (or one of the DfE marks {marks})")
    value = float(number.replace(",", ""))
    if value < 0:
        raise FigureError("is negative; a measure's figure cannot be below 0")
    if unit == "%" and value > 100:
        raise FigureError("is more than 100%")
    return Figure(value)


def split_block(text: str) -> list[list[str]]:
    """A block copied from a spreadsheet as rows of cells (tab-separated, Excel's quoting).

    The line end Excel puts after the last row is dropped; ragged rows are padded with blanks.
    """
    if not text:
        return []
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    if body.endswith("\n"):
        body = body[:-1]
    rows = list(csv.reader(io.StringIO(body), delimiter="\t", quotechar='"'))
    if "\t" not in body and "\n" not in body:  # a single value: no quoting rules apply
        rows = [[body]]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


@dataclass(frozen=True, slots=True)
class BadCell:
    """A cell of a pasted block that is not a figure, named as the grid names it."""

    row: int
    column: int
    row_label: str
    column_label: str
    text: str
    problem: str

    def describe(self) -> str:
        return f"{self.row_label}, {self.column_label}: “{self.text.strip()}” {self.problem}"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the grid the block lands in: its label (a measure's code and name) and unit."""

    label: str
    unit: str


@dataclass(frozen=True, slots=True)
class ReadBlock:
    """What a pasted block holds: the figures by (grid row, grid column), or what is wrong with it."""

    figures: dict[tuple[int, int], Figure]
    bad: tuple[BadCell, ...]
    problem: str = ""  # the block as a whole does not fit (too many rows or columns)

    @property
    def ok(self) -> bool:
        return not self.bad and not self.problem

    def message(self, limit: int = 12) -> str:
        """Every problem in words, one a line (at most ``limit`` cells, then how many more)."""
        lines = [self.problem] if self.problem else []
        lines += [b.describe() for b in self.bad[:limit]]
        if len(self.bad) > limit:
            lines.append(f"… and {len(self.bad) - limit} more")
        return "\n".join(lines)


def read_block(
    cells: Sequence[Sequence[str]], *, top: int, left: int, rows: Sequence[str], columns: Sequence[Column]
) -> ReadBlock:
    """Read a block pasted at grid cell (``top``, ``left``) of a grid with these row labels and columns.

    Blank cells are left out of ``figures`` (the grid keeps what it has there). A block that
    runs past the grid's last row or column is refused as a whole, saying by how much.
    """
    height = len(cells)
    width = max((len(r) for r in cells), default=0)
    if height == 0 or width == 0:
        return ReadBlock({}, (), "the clipboard holds no cells to paste")
    spare_rows, spare_columns = len(rows) - top, len(columns) - left
    if height > spare_rows or width > spare_columns:
        parts = []
        if height > spare_rows:
            parts.append(f"{height} rows but only {spare_rows} period{'s' if spare_rows != 1 else ''} from {rows[top]} down")
        if width > spare_columns:
            parts.append(f"{width} columns but only {spare_columns} measure{'s' if spare_columns != 1 else ''} "
                         f"from {columns[left].label} rightwards")
        return ReadBlock({}, (), "The block does not fit: it has " + " and ".join(parts) + ".")
    figures: dict[tuple[int, int], Figure] = {}
    bad: list[BadCell] = []
    for i, line in enumerate(cells):
        for j, text in enumerate(line):
            row, column = top + i, left + j
            try:
                figure = parse_figure(text, columns[column].unit)
            except FigureError as exc:
                bad.append(BadCell(row, column, rows[row], columns[column].label, text, str(exc)))
                continue
            if not figure.blank:
                figures[(row, column)] = figure
    return ReadBlock(figures, tuple(bad))
