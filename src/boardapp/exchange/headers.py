"""Finding the table in a sheet: which row holds the headings, which columns are which field.

Trackers open with a title, an "Updated: …" line and blank rows; the table may start
in column B or C; a heading may sit over two rows ("Inherent risk" merged over L / I /
Score). Each of the first rows of a sheet is tried as a one-row and as a two-row
heading, for each kind, and scored by how many distinct fields its headings name.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

from boardapp.exchange.fields import ACTIONS, KINDS, RISKS, match_field
from boardapp.exchange.sheet_data import SheetData, WorkbookData

#: How far down a sheet the heading is looked for (rows that hold something).
SEARCH_ROWS = 40


@dataclass(frozen=True, slots=True)
class ColumnInfo:
    col: int
    heading: str  # as the sheet writes it (two-row headings joined with " › ")
    field: str | None
    hidden: bool = False


@dataclass(frozen=True)
class TableLayout:
    """Where the table is and what each column holds."""

    kind: str
    sheet: str
    header_row: int  # the (first) heading row, as Excel numbers it
    header_rows: int  # 1, or 2 for a heading over two rows
    columns: tuple[ColumnInfo, ...]
    score: int = 0

    @property
    def data_start(self) -> int:
        return self.header_row + self.header_rows

    @property
    def first_col(self) -> int:
        return min(c.col for c in self.columns)

    @property
    def last_col(self) -> int:
        return max(c.col for c in self.columns)

    @cached_property
    def mapping(self) -> dict[str, int]:
        """Field → column (worked out once: it is asked for every cell of every row)."""
        return {c.field: c.col for c in self.columns if c.field}

    def column(self, col: int) -> ColumnInfo | None:
        for info in self.columns:
            if info.col == col:
                return info
        return None

    def heading_of(self, field: str) -> str:
        col = self.mapping.get(field)
        info = self.column(col) if col else None
        return info.heading if info else ""

    def with_mapping(self, changes: Mapping[str, int | None]) -> "TableLayout":
        """The same table with some fields moved to other columns (None: not imported)."""
        mapping = {c.col: c.field for c in self.columns}
        for field, col in changes.items():
            for other, mapped in list(mapping.items()):
                if mapped == field:
                    mapping[other] = None
            if col is not None and col in mapping:
                mapping[col] = field
        columns = tuple(replace(c, field=mapping[c.col]) for c in self.columns)
        return replace(self, columns=columns)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).replace("\u00a0", " ").split())


def _carried_top(sheet: SheetData, row: int, below: int) -> dict[int, str]:
    """A top heading row's text per column, carried right across its merged cells (or blanks over a sub-heading)."""
    values = sheet.rows.get(row, ())
    bottom = sheet.rows.get(below, ())
    top: dict[int, str] = {}
    carry = ""
    for col in range(1, max(len(values), len(bottom)) + 1):
        text = _text(values[col - 1]) if col <= len(values) else ""
        under = _text(bottom[col - 1]) if col <= len(bottom) else ""
        merged = sheet.merge_at(row, col)
        if text:
            carry = text
            top[col] = text
        elif merged is not None and merged.min_col < col and carry:
            top[col] = carry
        elif under and carry and not sheet.merged:
            top[col] = carry  # no merge information (a CSV): a blank over a sub-heading continues the one left of it
        else:
            carry = ""
    return top


def _columns(sheet: SheetData, kind: str, row: int, rows: int) -> list[ColumnInfo]:
    """Headings of a candidate heading row (or pair) with the field each names."""
    found: list[ColumnInfo] = []
    taken: set[str] = set()
    if rows == 1:
        values = sheet.rows.get(row, ())
        for col, value in enumerate(values, start=1):
            text = _text(value)
            if text:
                field = match_field(kind, text)
                if field in taken or field == "target":
                    field = None
                found.append(ColumnInfo(col, text, field, col in sheet.hidden_columns))
                if field:
                    taken.add(field)
        return found
    top = _carried_top(sheet, row, row + 1)
    bottom_values = sheet.rows.get(row + 1, ())
    width = max(max(top, default=0), len(bottom_values))
    for col in range(1, width + 1):
        upper = top.get(col, "")
        lower = _text(bottom_values[col - 1]) if col <= len(bottom_values) else ""
        if not upper and not lower:
            continue
        heading = f"{upper} › {lower}" if upper and lower and upper != lower else (lower or upper)
        field = None
        for candidate in (f"{upper} {lower}", lower, upper) if upper and lower else (lower or upper,):
            field = match_field(kind, candidate)
            if field and field not in taken and field != "target":
                break
            field = None
        found.append(ColumnInfo(col, heading, field, col in sheet.hidden_columns))
        if field:
            taken.add(field)
    return found


def _score(kind: str, columns: list[ColumnInfo]) -> int:
    fields = {c.field for c in columns if c.field}
    if kind == ACTIONS:
        if "title" not in fields or len(fields) < 3:
            return 0
        return len(fields) + 2
    scored = {f for f in fields if f.endswith(("likelihood", "impact"))}
    if not scored or not fields & {"title", "description"} or len(fields) < 3:
        return 0
    return len(fields) + 2 + len(scored)


def layout_at(sheet: SheetData, kind: str, row: int, rows: int = 1) -> TableLayout:
    """The table read with its heading at ``row`` (over ``rows`` rows), whatever it scores."""
    columns = _columns(sheet, kind, row, rows)
    return TableLayout(kind, sheet.name, row, rows, tuple(columns), _score(kind, columns))


def detect_layout(sheet: SheetData, kind: str | None = None) -> TableLayout | None:
    """The best heading row of ``sheet`` for ``kind`` (or either kind), or None if there is no table."""
    best: TableLayout | None = None
    for row in sheet.row_numbers()[:SEARCH_ROWS]:
        for candidate_kind in (kind,) if kind else KINDS:
            one = layout_at(sheet, candidate_kind, row, 1)
            two = layout_at(sheet, candidate_kind, row, 2) if (row + 1) in sheet.rows else None
            # Two rows only when the second adds fields the first alone lacks (not a data row under it).
            pick = two if two is not None and two.score > one.score and _adds_fields(one, two) else one
            if pick.score and (best is None or pick.score > best.score):
                best = pick
    return best


def _adds_fields(one: TableLayout, two: TableLayout) -> bool:
    return len(set(two.mapping) - set(one.mapping)) >= 1 and len(two.mapping) > len(one.mapping)


@dataclass(frozen=True)
class Detection:
    layout: TableLayout | None
    sheets_tried: tuple[str, ...]


def detect_in_workbook(workbook: WorkbookData, kind: str | None = None, sheet: str | None = None) -> Detection:
    """The sheet holding a table of ``kind`` (every sheet scanned unless one is named) and its layout."""
    sheets = (workbook.sheet(sheet),) if sheet else workbook.sheets
    best: TableLayout | None = None
    best_rank: tuple[int, int, int] | None = None
    for position, candidate in enumerate(sheets):
        layout = detect_layout(candidate, kind)
        if layout is None:
            continue
        rank = (layout.score, 0 if candidate.hidden else 1, -position)
        if best_rank is None or rank > best_rank:
            best, best_rank = layout, rank
    return Detection(best, tuple(s.name for s in sheets))


__all__ = ["ACTIONS", "RISKS", "ColumnInfo", "Detection", "TableLayout", "detect_in_workbook", "detect_layout",
           "layout_at"]
