"""The rows under a table's heading, each told apart: data, a section heading, or something to skip.

Skipped, never imported as empty actions: blank rows; rows that hold only formulas
(a sheet pre-filled with ``=C5+1`` down to row 116) or only an ID; notes, legends and
copyright lines under the table. A row whose only text spans the table (merged, or
filled across like a banner, or written in the reference column where no reference
could be that long) is a section heading: its text is the theme of the rows under it.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from boardapp.exchange.headers import TableLayout
from boardapp.exchange.sheet_data import SheetData
from boardapp.exchange.values import clean_text

DATA = "data"
SECTION = "section"
BLANK = "blank"
FORMULAS = "formulas"
ID_ONLY = "id_only"
NOTE = "note"

_NOTE = re.compile(
    r"^(?:\*|†|©|\(c\)|note\b|notes\b|nb\b|key\b|legend\b|source\b|copyright|please\b|last updated|updated\b|"
    r"version\b|produced by|prepared by|printed|page \d|(?:blue|red|amber|green|b|r|a|g)\s*[=:\-–]\s)",
    re.IGNORECASE,
)
_REF_LIKE = re.compile(r"^[A-Za-z]{0,6}[\s\-]?\d+(?:[.\-/]\d+)*[A-Za-z]?$|^[A-Za-z]{1,3}$|^\d+(?:\.\d+)*$")


@dataclass(frozen=True, slots=True)
class RawCell:
    col: int
    value: Any
    fill: str | None
    number_format: str | None
    formula: bool


@dataclass(frozen=True, slots=True)
class SheetRow:
    number: int
    kind: str
    cells: Mapping[str, RawCell]  # field → its cell (mapped fields only, present when the cell has a value or a fill)
    text: str = ""  # a section's heading or a note's text


def looks_like_ref(text: str) -> bool:
    return len(text) <= 12 and bool(_REF_LIKE.match(text.strip()))


def _is_section(sheet: SheetData, layout: TableLayout, number: int, col: int, text: str) -> bool:
    if "\n" in text or len(text) > 160:
        return False
    merged = sheet.merge_at(number, col)
    if merged is not None and merged.max_col - merged.min_col >= 1:
        return True
    width = layout.last_col - layout.first_col + 1
    filled = sum(1 for c in range(layout.first_col, layout.last_col + 1) if (number, c) in sheet.fills)
    if width >= 3 and filled >= max(3, (width + 1) // 2):
        return True
    mapping = layout.mapping
    first_field = layout.column(layout.first_col)
    return (col == layout.first_col and first_field is not None and first_field.field in (None, "ref")
            and mapping.get("title") != col and not looks_like_ref(text))


def classify_rows(sheet: SheetData, layout: TableLayout) -> list[SheetRow]:
    """Every row below the heading that holds something, classified (notes under the table included)."""
    found: list[SheetRow] = []
    by_col = {c.col: c.field for c in layout.columns}
    first, last = layout.first_col, layout.last_col
    ref_col = layout.mapping.get("ref")
    for number in sheet.row_numbers():
        if number < layout.data_start:
            continue
        values = sheet.rows[number]
        present = [(c, values[c - 1]) for c in range(first, min(last, len(values)) + 1)
                   if values[c - 1] is not None and clean_text(values[c - 1]) != ""]
        cells = {}
        for col, field in by_col.items():
            if field is None:
                continue
            value = values[col - 1] if col <= len(values) else None
            fill = sheet.fills.get((number, col))
            if value is None and fill is None:
                continue
            cells[field] = RawCell(col, value, fill, sheet.number_formats.get((number, col)),
                                   (number, col) in sheet.formulas)
        if not present:
            formulas = any((number, c) in sheet.formulas for c in range(first, last + 1))
            found.append(SheetRow(number, FORMULAS if formulas else BLANK, {}))
            continue
        if all((number, col) in sheet.formulas for col, _ in present):
            found.append(SheetRow(number, FORMULAS, {}))
            continue
        texts = [clean_text(v) for _, v in present]
        if len(present) == 1:
            col, text = present[0][0], texts[0]
            if _NOTE.match(text):
                found.append(SheetRow(number, NOTE, {}, text))
                continue
            if col == ref_col and looks_like_ref(text):
                found.append(SheetRow(number, ID_ONLY, {}))
                continue
            if _is_section(sheet, layout, number, col, text):
                found.append(SheetRow(number, SECTION, {}, text))
                continue
        mapped = {field for field, cell in cells.items() if clean_text(cell.value) and not cell.formula}
        if not mapped or mapped == {"ref"}:
            kind = ID_ONLY if mapped == {"ref"} else NOTE
            found.append(SheetRow(number, kind, {}, " ".join(texts)))
            continue
        found.append(SheetRow(number, DATA, cells))
    return _notes_under_table(found)


def _notes_under_table(rows: list[SheetRow]) -> list[SheetRow]:
    """Headings and short rows after the last data row are notes (a legend, a copyright line)."""
    last_data = max((i for i, r in enumerate(rows) if r.kind == DATA), default=-1)
    result = list(rows)
    for i in range(last_data + 1, len(rows)):
        if rows[i].kind == SECTION:
            result[i] = SheetRow(rows[i].number, NOTE, {}, rows[i].text)
    return result


def data_rows(rows: list[SheetRow]) -> Iterator[tuple[SheetRow, str]]:
    """The data rows with the section heading above each ('' before the first)."""
    section = ""
    for row in rows:
        if row.kind == SECTION:
            section = row.text
        elif row.kind == DATA:
            yield row, section
