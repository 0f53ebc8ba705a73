"""The import as one sequence the window and the command line share: read, find the table, plan, write.

::

    workbook = read_workbook(path)                       # refusals raise ImportRefused
    layout = find_table(workbook, kind=None, sheet=None)  # NoTableFound: "no actions found in …"
    plan = make_plan(workbook, layout, session=s, today=d)
    result = apply_plan(plan, session=s, who=w)          # one transaction; refuses if any row is rejected

Nothing is written before ``apply_plan``; with ``skip_invalid`` the valid rows are written
and the rejected ones reported.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from boardapp.exchange.fields import ACTIONS, RISKS
from boardapp.exchange.headers import TableLayout, detect_in_workbook, layout_at
from boardapp.exchange.plan import ImportPlan, NoTableFound
from boardapp.exchange.safety import ImportRefused, refuse_unsafe
from boardapp.exchange.sheet_data import SheetData, WorkbookData
from boardapp.exchange.values import clean_text, read_progress

Progress = Callable[[float, str], None]


class RowsRejected(ValueError):
    """Some rows are rejected and the import is all-or-nothing: nothing was written."""

    def __init__(self, plan: ImportPlan) -> None:
        first = plan.rejected[0]
        more = len(plan.rejected) - 1
        super().__init__(
            f"{len(plan.rejected)} row{'s' if len(plan.rejected) != 1 else ''} rejected, nothing imported "
            f"(row {first.row}, {first.field}: {first.message}"
            + (f"; and {more} more" if more else "") + ")")
        self.plan = plan


def read_workbook(path: Path, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> WorkbookData:
    """Every sheet of an .xlsx, or the one of a .csv; ImportRefused for what cannot be imported."""
    path = Path(path)
    file_format = refuse_unsafe(path)
    if file_format == "xlsx":
        from boardapp.exchange.xlsx_reader import read_xlsx

        return read_xlsx(path, progress=progress, cancelled=cancelled)
    from boardapp.exchange.csv_reader import read_csv

    return read_csv(path)


def refine_layout(sheet: SheetData, layout: TableLayout) -> TableLayout:
    """Headings that read two ways decided by the column's values: 'Progress' holding sentences is the update."""
    mapping = layout.mapping
    if layout.kind == ACTIONS and "progress" in mapping and "latest_update" not in mapping:
        col = mapping["progress"]
        values = [sheet.value(r, col) for r in sheet.row_numbers() if r >= layout.data_start][:200]
        values = [v for v in values if v is not None and clean_text(v)]
        numeric = sum(1 for v in values if read_progress(v)[0] is not None)
        if values and numeric < len(values) / 2:
            return layout.with_mapping({"latest_update": col})
    return layout


def find_table(workbook: WorkbookData, *, kind: str | None = None, sheet: str | None = None) -> TableLayout:
    """The table of ``kind`` (detected when None) on ``sheet`` (every sheet scanned when None)."""
    if kind not in (None, ACTIONS, RISKS):
        raise ValueError(f"unknown kind {kind!r} (actions or risks)")
    detection = detect_in_workbook(workbook, kind, sheet)
    if detection.layout is None:
        what = {ACTIONS: "actions", RISKS: "risks", None: "action tracker or risk register"}[kind]
        where = f"sheet {sheet!r} of {workbook.path_name}" if sheet else workbook.path_name
        raise NoTableFound(f"no {what} found in {where} (no row of headings such as Ref, Action, Owner, Due)")
    return refine_layout(workbook.sheet(detection.layout.sheet), detection.layout)


def table_at(workbook: WorkbookData, sheet: str, kind: str, header_row: int, header_rows: int = 1,
             mapping: Mapping[str, int | None] | None = None) -> TableLayout:
    """The table as the user set it in the preview: this sheet, kind, heading row(s) and column choices."""
    data = workbook.sheet(sheet)
    layout = refine_layout(data, layout_at(data, kind, header_row, header_rows))
    return layout.with_mapping(mapping) if mapping else layout


def make_plan(workbook: WorkbookData, layout: TableLayout, *, session: Any, today: date,
              progress: Progress | None = None) -> ImportPlan:
    """What the import would do (reads the workspace, writes nothing)."""
    sheet = workbook.sheet(layout.sheet)
    names = tuple(s.name for s in workbook.sheets)
    if layout.kind == ACTIONS:
        from boardapp.exchange.plan_actions import plan_actions, read_existing_actions

        existing = read_existing_actions(session=session, today=today)
        return plan_actions(sheet, layout, existing, file_name=workbook.path_name, sheets=names, progress=progress)
    from boardapp.exchange.plan_risks import plan_risks, read_existing_risks

    risks = read_existing_risks(session=session, today=today)
    return plan_risks(sheet, layout, risks, file_name=workbook.path_name, sheets=names, progress=progress)


def apply_plan(plan: ImportPlan, *, session: Any, who: str, skip_invalid: bool = False) -> Any:
    """Write the plan in one transaction (ImportedActions / ImportedRisks); RowsRejected if rows were
    rejected and ``skip_invalid`` is not set (nothing is written then)."""
    if plan.rejected and not skip_invalid:
        raise RowsRejected(plan)
    from boardapp.db.backup_store import backup_before_change

    backup_before_change(session, "before-import")
    if plan.kind == ACTIONS:
        from boardapp.services.plan.import_actions import import_actions

        return import_actions(plan.batch, session=session, who=who)
    from boardapp.services.risks.import_risks import import_risks

    return import_risks(plan.batch, session=session, who=who)


__all__ = ["ImportPlan", "ImportRefused", "NoTableFound", "RowsRejected", "apply_plan", "find_table", "make_plan",
           "read_workbook", "table_at"]
