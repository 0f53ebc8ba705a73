"""File › Import… and File › Export…: spreadsheets in (previewed, one undo entry) and the plan out.

Reading the file, working out the plan and writing it each run on a worker thread with
progress (10,000 rows never freeze the window). The write is one transaction through the
import use-case and one entry on the undo stack: undo takes the whole import back out.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardapp.ui.common import msgbox
from boardapp.ui.common.tasks import Task, TaskCancelled, TaskControl, run_with_progress
from boardapp.ui.common.undo import ServiceCommand

if TYPE_CHECKING:
    from sqlmodel import Session

    from boardapp.exchange.plan import ImportPlan
    from boardapp.ui.common.context import AppContext
    from boardapp.ui.shell.window_api import ShellWindow

SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"


class ImportCommand(ServiceCommand):
    """One import as one undo entry: redo writes the plan, undo takes back everything it wrote."""

    touches = ("people", "themes", "risks")

    def __init__(self, ctx: "AppContext", plan: "ImportPlan", *, skip_invalid: bool) -> None:
        what = "actions" if plan.kind == "actions" else "risks"
        super().__init__(ctx, f"Import {plan.count('create')} new and {plan.count('update')} changed {what} "
                              f"from {plan.file_name}")
        self.plan = plan
        self.skip_invalid = skip_invalid
        self.result: Any = None

    def _do(self, session: "Session") -> list[int]:
        from boardapp.exchange.importer import apply_plan

        self.result = apply_plan(self.plan, session=session, who=self.ctx.who, skip_invalid=self.skip_invalid)
        return []

    def _undo(self, session: "Session") -> list[int]:
        if self.plan.kind == "actions":
            from boardapp.services.plan.import_actions import undo_action_import

            undo_action_import(self.result, session=session, who=self.ctx.who)
        else:
            from boardapp.services.risks.import_risks import undo_risk_import

            undo_risk_import(self.result, session=session, who=self.ctx.who)
        return []

    def _announce(self, ids: list[int]) -> None:
        self.ctx.actions_changed.emit([])  # many rows: the register reads them all again
        for kind in self.touches:
            self.ctx.changed.emit(kind)

    def first_run_off_thread(self) -> None:
        """The first write, on a worker thread (no signals there); ``finish_first_run`` on the UI thread."""
        with self.ctx.session() as session:
            self._do(session)

    def finish_first_run(self) -> None:
        self._skip_next_redo = True
        self._announce([])
        self.ctx.undo_stack.push(self)


def import_spreadsheet(window: "ShellWindow", path: Path | None = None) -> Task | None:
    """Choose a file, read it and work out the plan off the UI thread, then show the preview."""
    ctx = window.ctx
    if ctx is None:
        return None
    if path is None:
        start = ctx.db_path.parent if ctx.db_path else Path.home()
        path = msgbox.open_file(window, "Import a tracker or risk register", start, SPREADSHEET_FILTER)
        if path is None:
            return None

    def work(control: TaskControl) -> Any:
        from boardapp.exchange.headers import layout_at
        from boardapp.exchange.importer import find_table, read_workbook
        from boardapp.exchange.plan import NoTableFound
        from boardapp.exchange.safety import ImportCancelled
        from boardapp.ui.shell.import_dialog import work_out_plan

        control.progress(2, f"Reading {path.name}…")
        try:
            workbook = read_workbook(path, progress=lambda pct, msg: control.progress(2 + pct * 0.5, msg),
                                     cancelled=control.is_cancelled)
        except ImportCancelled:
            raise TaskCancelled() from None
        control.check()
        note = ""
        try:
            layout = find_table(workbook)
        except NoTableFound as exc:
            note = str(exc)
            first = workbook.sheets[0]
            layout = layout_at(first, "actions", min(first.rows, default=1))
        control.progress(55, "Checking the rows…")
        plan = work_out_plan(ctx, workbook, layout, control) if not note else None
        return workbook, layout, plan, note

    def done(found: Any) -> None:
        show_preview(window, *found)

    return run_with_progress(window, f"Reading {path.name}", work, on_done=done,
                             on_error=lambda message: msgbox.error(window, "Cannot import", message))


def show_preview(window: "ShellWindow", workbook: Any, layout: Any, plan: Any, note: str = "") -> Any:
    """The preview dialog; when confirmed, the import is written off the UI thread and put on the undo stack."""
    from boardapp.ui.shell.import_dialog import ImportPreviewDialog

    ctx = window.ctx
    if ctx is None:
        return None
    dialog = ImportPreviewDialog(ctx, workbook, layout, plan, window, note=note)
    window.import_dialog = dialog  # type: ignore[attr-defined]  # tests drive it
    if not dialog.exec() or dialog.plan is None:
        return None
    return write_import(window, dialog.plan, skip_invalid=dialog.skip_invalid)


def write_import(window: "ShellWindow", plan: "ImportPlan", *, skip_invalid: bool) -> Task | None:
    ctx = window.ctx
    if ctx is None:
        return None
    command = ImportCommand(ctx, plan, skip_invalid=skip_invalid)

    def work(control: TaskControl) -> None:
        control.progress(10, f"Importing {plan.count('create') + plan.count('update'):,} rows…")
        command.first_run_off_thread()

    def done(_result: Any) -> None:
        command.finish_first_run()
        window.statusBar().showMessage(
            f"Imported {plan.file_name}: {plan.count('create'):,} created, {plan.count('update'):,} updated "
            "(Edit › Undo takes it back)", 20_000)

    return run_with_progress(window, f"Importing {plan.file_name}", work, on_done=done, cancellable=False,
                             on_error=lambda message: msgbox.error(window, "The import was not written",
                                                                   f"Nothing was imported.\n\n{message}"))


# -- export ---------------------------------------------------------------------------------------
def export_data(window: "ShellWindow") -> Task | None:
    """Ask what to export (the register's view, all actions, risks, the calendar) and where; write it off thread."""
    ctx = window.ctx
    if ctx is None:
        return None
    from boardapp.ui.shell.export_dialog import ExportDialog

    page = window.actions_page() if hasattr(window, "actions_page") else None
    view_rows = page.rows_in_view() if page is not None and hasattr(page, "rows_in_view") else None
    dialog = ExportDialog(window, view_count=None if view_rows is None else len(view_rows))
    if not dialog.exec():
        return None
    what, file_format, only_view = dialog.choice()
    stem = {"actions": "actions", "risks": "risk-register", "calendar": "board-calendar"}[what]
    suggested = (ctx.db_path.parent if ctx.db_path else Path.home()) / f"{stem}.{file_format}"
    out = msgbox.save_file(window, "Export", suggested, dialog.file_filter())
    if out is None:
        return None
    if out.suffix.lower() != f".{file_format}":
        out = out.with_suffix(f".{file_format}")
    rows = view_rows if only_view else None
    today = ctx.today()

    def work(control: TaskControl) -> int:
        from boardapp.exchange.exporter import export

        control.progress(10, f"Writing {out.name}…")
        with ctx.session() as session:
            return export(what, file_format, out, session=session, today=today, rows=rows)

    def done(count: int) -> None:
        noun = "events" if what == "calendar" else what
        window.statusBar().showMessage(f"Exported {count:,} {noun} to {out}", 20_000)

    return run_with_progress(window, "Exporting", work, on_done=done, cancellable=False)
