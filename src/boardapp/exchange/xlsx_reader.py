"""Reading an .xlsx workbook into plain SheetData, in one streaming pass per sheet.

openpyxl opens the workbook read-only (shared strings, styles, theme, the sheets'
names and states). Each sheet is then streamed once by openpyxl's own sheet parser,
extended here to keep, beside each cell's *saved value*, whether it holds a formula
(a row of ``=C5+1`` is skipped, a score formula recomputed) — the public read-only API
gives either values or formulas, never both, and no merged cells or hidden columns,
which the parser collects on the same pass. With defusedxml installed openpyxl parses
through it, so entity tricks fail even past the checks of :mod:`safety`.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from boardapp.exchange.colours import fill_rgb, theme_colours
from boardapp.exchange.safety import MAX_ROWS, ImportCancelled, ImportRefused, refuse_unsafe
from boardapp.exchange.sheet_data import MergedRange, SheetData, WorkbookData

Progress = Callable[[float, str], None]


def _parser_class() -> type:
    """openpyxl's sheet parser, keeping saved values *and* a formula mark (built on first use)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class ValuesAndFormulas(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell = super().parse_cell(element)  # data_only=True: the value Excel saved
            if element.find(FORMULA_TAG) is not None:
                cell["formula"] = True
            return cell

    return ValuesAndFormulas


def read_xlsx(path: Path, *, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None) -> WorkbookData:
    """Every sheet of the workbook at ``path``; ImportRefused for anything that is not a readable workbook."""
    path = Path(path)
    if refuse_unsafe(path) != "xlsx":
        raise ImportRefused(f"{path.name} is not an .xlsx workbook")
    import openpyxl
    from openpyxl.xml import DEFUSEDXML, LXML

    if not DEFUSEDXML or LXML:  # installed with boardapp; OPENPYXL_DEFUSEDXML=False (or lxml) would switch it off
        raise ImportRefused("this installation reads workbooks without defusedxml; refusing to parse untrusted XML")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unsupported extensions: not the user's problem
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except ImportRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to open is "damaged", with openpyxl's reason
        raise ImportRefused(f"{path.name} is damaged or not a workbook openpyxl can read ({_reason(exc)})") from None
    try:
        return _read_sheets(path, workbook, progress, cancelled)
    finally:
        workbook.close()


def _reason(exc: BaseException) -> str:
    seen: BaseException | None = exc
    while seen is not None:  # openpyxl wraps the parser's error in its own
        if "Forbidden" in type(seen).__name__:  # defusedxml's EntitiesForbidden, DTDForbidden, …
            return "it declares XML entities: an XML attack"
        seen = seen.__cause__ or seen.__context__
    text = " ".join(str(exc).split())
    text = text.split(" from /")[0] if "could not read" in text else text  # not the whole path again
    return text[:200] or type(exc).__name__


def _read_sheets(path: Path, workbook: Any, progress: Progress | None, cancelled: Callable[[], bool] | None) -> WorkbookData:
    theme = theme_colours(getattr(workbook, "loaded_theme", None))
    sheets = []
    total_rows = 0
    worksheets = [ws for ws in workbook.worksheets if hasattr(ws, "_worksheet_path")]  # not chartsheets
    for index, ws in enumerate(worksheets):
        if progress is not None:
            progress(100 * index / max(len(worksheets), 1), f"Reading sheet {ws.title!r}…")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sheet = _read_sheet(workbook, ws, theme, MAX_ROWS - total_rows, cancelled)
        except ImportRefused:
            raise
        except Exception as exc:  # noqa: BLE001
            raise ImportRefused(f"{path.name}: sheet {ws.title!r} is damaged ({_reason(exc)})") from None
        total_rows += len(sheet.rows)
        sheets.append(sheet)
    if not sheets:
        raise ImportRefused(f"{path.name} has no worksheets")
    active = getattr(workbook.active, "title", "") if workbook.active is not None else ""
    return WorkbookData(path.name, "xlsx", tuple(sheets), active)


def _read_sheet(workbook: Any, ws: Any, theme: tuple[str, ...], rows_left: int,
                cancelled: Callable[[], bool] | None) -> SheetData:
    parser_type = _parser_class()
    styles = workbook._cell_styles
    fills = workbook._fills
    style_fill: dict[int, str | None] = {}
    style_format: dict[int, str] = {}
    date_formats = workbook._date_formats
    rows: dict[int, tuple[Any, ...]] = {}
    formulas: set[tuple[int, int]] = set()
    cell_fills: dict[tuple[int, int], str] = {}
    number_formats: dict[tuple[int, int], str] = {}
    with workbook._archive.open(ws._worksheet_path) as source:
        parser = parser_type(source, workbook.shared_strings, data_only=True, epoch=workbook.epoch,
                             date_formats=date_formats, timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            values: list[Any] = []
            for cell in cells:
                col, value, style_id = cell["column"], cell["value"], cell["style_id"] or 0
                if cell.get("formula"):
                    formulas.add((number, col))
                if style_id:
                    if style_id not in style_fill:
                        style_fill[style_id] = fill_rgb(fills[styles[style_id].fillId], theme) if style_id < len(styles) else None
                    if (rgb := style_fill[style_id]) is not None:
                        cell_fills[(number, col)] = rgb
                if value is None:
                    continue
                if cell["data_type"] == "e":
                    value = None  # #REF!, #N/A: a formula error, no value
                    continue
                if isinstance(value, (int, float)) and not isinstance(value, bool) and style_id:
                    if style_id not in style_format:
                        style_format[style_id] = _number_format(workbook, styles, style_id)
                    if style_format[style_id] != "General":
                        number_formats[(number, col)] = style_format[style_id]
                if len(values) < col:
                    values.extend([None] * (col - len(values)))
                values[col - 1] = value
            if any(v is not None and v != "" for v in values) or any(c.get("formula") for c in cells):
                rows[number] = tuple(values)
                if len(rows) > rows_left:
                    raise ImportRefused(f"sheet {ws.title!r} has more than {MAX_ROWS:,} rows; the importer takes up to {MAX_ROWS:,}")
            if cancelled is not None and number % 2000 == 0 and cancelled():
                raise ImportCancelled()
        merged = tuple(_merged(parser))
        hidden = frozenset(_hidden_columns(parser))
    return SheetData(
        name=ws.title, rows=rows, formulas=frozenset(formulas), fills=cell_fills, number_formats=number_formats,
        merged=merged, hidden_columns=hidden, hidden=getattr(ws, "sheet_state", "visible") != "visible",
    )


def _number_format(workbook: Any, styles: Any, style_id: int) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    if style_id >= len(styles):
        return "General"
    fmt_id = styles[style_id].numFmtId
    if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
        return BUILTIN_FORMATS.get(fmt_id, "General")
    custom = workbook._number_formats
    index = fmt_id - BUILTIN_FORMATS_MAX_SIZE
    return custom[index] if 0 <= index < len(custom) else "General"


def _merged(parser: Any) -> list[MergedRange]:
    from openpyxl.utils.cell import range_boundaries

    found = []
    cells = getattr(parser, "merged_cells", None)
    for merge in getattr(cells, "mergeCell", None) or ():
        try:
            min_col, min_row, max_col, max_row = range_boundaries(merge.ref)
        except (TypeError, ValueError):
            continue
        found.append(MergedRange(min_row, min_col, max_row, max_col))
    return found


def _hidden_columns(parser: Any) -> set[int]:
    hidden: set[int] = set()
    for attrs in parser.column_dimensions.values():
        if str(attrs.get("hidden", "0")).lower() in ("1", "true"):
            try:
                low, high = int(attrs["min"]), int(attrs["max"])
            except (KeyError, ValueError):
                continue
            hidden.update(range(low, min(high, low + 200) + 1))  # a hidden block to XFD is not 16k columns
    return hidden
