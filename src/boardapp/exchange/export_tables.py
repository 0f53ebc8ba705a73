"""The plan and the risk register out to .xlsx and .csv, safe to open in Excel.

Every text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading ``'`` (OWASP's advice against CSV/formula injection), so a title such as
``=HYPERLINK(…)`` is shown, never run; the importer takes that ``'`` off again, so an
export read back in is a round trip. The .xlsx has a frozen heading row, an autofilter,
column widths, BRAG as a word *and* a fill, real dates and refs as text; the .csv is
UTF-8 with a BOM (Excel then reads it as UTF-8) with ISO dates.
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from boardapp.domain.enums import ActionStatus, Brag, RiskStatus
from boardapp.exchange.colours import BRAG_FILLS
from boardapp.exchange.values import DANGEROUS_STARTS
from boardapp.files import new_file_beside


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    return "'" + text if text.startswith(DANGEROUS_STARTS) else text


@dataclass(frozen=True, slots=True)
class ExportColumn:
    header: str
    getter: Callable[[Any], Any]
    width: int = 14
    kind: str = "text"  # text, ref, date, number, brag


def _status(value: str) -> str:
    return ActionStatus(value).label if value in ActionStatus.__members__ else value


ACTION_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("Ref", lambda r: r.ref, 9, "ref"),
    ExportColumn("Title", lambda r: r.title, 48),
    ExportColumn("Theme", lambda r: r.theme_title, 26),
    ExportColumn("Owner", lambda r: r.owner_name, 20),
    ExportColumn("Due", lambda r: r.due_date, 12, "date"),
    ExportColumn("Revised due", lambda r: r.revised_due_date, 12, "date"),
    ExportColumn("Status", lambda r: _status(r.status), 13),
    ExportColumn("BRAG", lambda r: Brag(r.brag).label, 9, "brag"),
    ExportColumn("Progress", lambda r: r.progress, 10, "number"),
    ExportColumn("Latest update", lambda r: r.latest_update, 48),
    ExportColumn("Latest update date", lambda r: r.latest_update_date, 12, "date"),
    ExportColumn("Start", lambda r: r.start_date, 12, "date"),
    ExportColumn("Description", lambda r: r.description, 40),
    ExportColumn("How", lambda r: r.how, 30),
    ExportColumn("Success measure", lambda r: r.success_measure, 30),
    ExportColumn("Evidence of impact", lambda r: r.evidence_of_impact, 30),
)

RISK_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("Ref", lambda r: r.ref, 8, "ref"),
    ExportColumn("Risk", lambda r: r.title, 40),
    ExportColumn("Description", lambda r: r.description, 40),
    ExportColumn("Cause", lambda r: r.cause, 28),
    ExportColumn("Effect", lambda r: r.effect, 28),
    ExportColumn("Inherent likelihood", lambda r: r.inherent_likelihood, 11, "number"),
    ExportColumn("Inherent impact", lambda r: r.inherent_impact, 11, "number"),
    ExportColumn("Inherent score", lambda r: r.inherent_likelihood * r.inherent_impact, 10, "number"),
    ExportColumn("Controls", lambda r: r.controls, 32),
    ExportColumn("Residual likelihood", lambda r: r.residual_likelihood, 11, "number"),
    ExportColumn("Residual impact", lambda r: r.residual_impact, 11, "number"),
    ExportColumn("Residual score", lambda r: r.residual_likelihood * r.residual_impact, 10, "number"),
    ExportColumn("Mitigation", lambda r: r.mitigation, 36),
    ExportColumn("Owner", lambda r: r.owner_name, 20),
    ExportColumn("Theme", lambda r: r.theme_title, 22),
    ExportColumn("Status", lambda r: RiskStatus(r.status).label if r.status in RiskStatus.__members__ else r.status,
                 12),
    ExportColumn("Review date", lambda r: r.review_date, 12, "date"),
)


def _replace_atomically(out: Path, write: Callable[[Path], None]) -> Path:
    """Write to a temporary file beside ``out``, then put it in place (an existing file is replaced)."""
    out = Path(out)
    if out.exists() and not out.is_file():
        raise IsADirectoryError(f"{out} is not a regular file")
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = new_file_beside(out, prefix=f".{out.name}.", suffix=".tmp")
    try:
        write(Path(temporary))
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return out


def write_csv(rows: Iterable[Any], columns: Sequence[ExportColumn], out: Path) -> Path:
    """UTF-8 with a BOM, a heading row, ISO dates, neutralised text."""
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in columns])
            for row in rows:
                writer.writerow([_csv_value(c.getter(row)) for c in columns])

    return _replace_atomically(out, write)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    return value


def write_xlsx(rows: Iterable[Any], columns: Sequence[ExportColumn], out: Path, *, title: str) -> Path:
    """A workbook of one sheet: frozen heading, autofilter, widths, BRAG filled, real dates, refs as text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for i, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    bold = Font(bold=True)
    heading = PatternFill("solid", fgColor="D9E1F2")
    fills = {b.label: PatternFill("solid", fgColor=rgb) for b, rgb in BRAG_FILLS.items()}
    white = Font(color="FFFFFF", bold=True)
    black = Font(color="000000", bold=True)
    top = Alignment(vertical="top")

    def header_cell(text: str) -> Any:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = bold, heading
        return cell

    rows = list(rows)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    # The zip is built in memory and written by us: a full disk then fails in our own write, once, and
    # never inside a zip openpyxl leaves open (its __del__ would fail again, on stderr, when collected).
    zipped = io.BytesIO()
    try:
        sheet.append([header_cell(c.header) for c in columns])
        for row in rows:
            cells = []
            for column in columns:
                value = column.getter(row)
                if isinstance(value, str):
                    value = neutralise(value)
                cell = WriteOnlyCell(sheet, value=value)
                cell.alignment = top
                if column.kind == "date" and value is not None:
                    cell.number_format = "DD/MM/YYYY"
                elif column.kind == "ref":
                    cell.number_format = "@"
                elif column.kind == "brag" and value in fills:
                    cell.fill = fills[value]
                    cell.font = black if value == Brag.AMBER.label else white
                cells.append(cell)
            sheet.append(cells)
        workbook.save(zipped)
    except BaseException:
        _discard_sheet_streams(workbook)
        raise
    data = zipped.getvalue()
    return _replace_atomically(out, lambda path: path.write_bytes(data))


def _discard_sheet_streams(workbook: Any) -> None:
    """After a failed save, close the sheet streams openpyxl writes to its temporary files and delete them.

    openpyxl streams each sheet's XML into a file in the temporary folder. Left open after a write that
    failed (a full disk), those streams would fail again when garbage-collected and print "Exception
    ignored in ..." tracebacks beside our one-line message, and their half-written files would stay.
    """
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        streams = (getattr(sheet, "_rows", None), getattr(writer, "xf", None))
        for stream in streams:
            if stream is not None:
                # Closing writes the closing tags, which fails again on a full disk: the first error,
                # already on its way to the user, is the one that counts.
                with suppress(Exception):
                    stream.close()
        if writer is not None and isinstance(writer.out, str):
            with suppress(OSError, ValueError):  # already removed, or never registered
                writer.cleanup()
