"""File › Import…: the preview's tables, its choices, and an import written as one undo entry."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest


def _tracker(path: Path) -> Path:
    """A title, an 'Updated:' line, a merged section row, a fill for a BRAG, two owners, a bad date."""
    import openpyxl
    from openpyxl.styles import PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet["A1"], sheet["A2"] = "Improvement plan", "Updated: 1 September 2024"
    for row in (["No.", "What?", "Who?", "When?", "RAG", "Progress update"], ["Theme 9: Imported work"],
                ["9.1", "Imported action one", "Vasu/Thiru", "31/03/2025", "G", "Started"],
                ["9.2", "Imported action two", "Jo Bloggs", "March 2025", None, ""],
                ["9.3", "Broken date", "Jo Bloggs", "31/02/2025", "R", ""]):
        sheet.append(row)
    sheet.move_range("A3:F7", rows=1)
    sheet.merge_cells("A5:F5")
    sheet["E7"].fill = PatternFill("solid", fgColor="FFC000")
    workbook.save(path)
    return path


@pytest.fixture
def preview(qtbot: Any, actions_ctx: Any, tmp_path: Path) -> Any:
    from boardapp.exchange.importer import find_table, read_workbook
    from boardapp.ui.shell.import_dialog import ImportPreviewDialog, work_out_plan

    workbook = read_workbook(_tracker(tmp_path / "tracker.xlsx"))
    layout = find_table(workbook)
    dialog = ImportPreviewDialog(actions_ctx, workbook, layout, work_out_plan(actions_ctx, workbook, layout))
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_models_pass_the_model_tester(preview: Any, qtmodeltester: Any) -> None:
    for model in preview.models.all():
        qtmodeltester.check(model)
    assert preview.models.create.rowCount() == 2 and preview.models.rejected.rowCount() == 1


def test_the_preview_shows_what_would_happen_and_refuses_rejected_rows(preview: Any) -> None:
    assert [preview.tabs.tabText(i) for i in range(5)] == [
        "To create (2)", "To update (0)", "Unchanged (0)", "Rejected (1)", "Warnings (2)"]
    text = preview.summary.text()
    assert "Sheet <b>Plan</b>, headings in row 4" in text and "New owners: Vasu, Jo Bloggs" in text
    assert preview.tabs.currentIndex() == 3
    rejected = preview.models.rejected.row_at(0)
    assert (rejected.row, rejected.field) == (8, "due_date")
    assert not preview.import_button.isEnabled()
    preview.skip_check.setChecked(True)
    assert preview.import_button.isEnabled()
    assert (preview.sheet_combo.currentText(), preview.kind_combo.currentData(), preview.header_spin.value()) == (
        "Plan", "actions", 4)
    assert preview.field_combos["owner"].currentText() == "C: Who?"


def test_changing_a_column_or_the_heading_row_works_the_plan_out_again(preview: Any) -> None:
    combo = preview.field_combos["due_date"]
    combo.setCurrentIndex(0)  # not imported
    preview.wait_planned()
    assert preview.plan.layout.mapping.get("due_date") is None
    assert preview.plan.rejected == ()  # the broken date is no longer read
    preview.header_spin.setValue(1)
    preview.wait_planned()
    assert preview.plan.count("create") == 0 and "create" in preview.summary.text()


def test_an_import_is_written_off_the_ui_thread_and_undone_as_one_entry(qtbot: Any, main_window: Any,
                                                                       tmp_path: Path, monkeypatch: Any) -> None:
    from boardapp.ui.shell import exchange_ops
    from boardapp.ui.shell.import_dialog import ImportPreviewDialog

    def accept(dialog: ImportPreviewDialog) -> int:
        dialog.skip_check.setChecked(True)
        return 1

    monkeypatch.setattr(ImportPreviewDialog, "exec", accept)
    ctx = main_window.ctx
    db = ctx.db_path
    count = lambda: closing(sqlite3.connect(db))  # noqa: E731

    def actions() -> int:
        with count() as connection:
            return connection.execute("SELECT count(*) FROM action WHERE ref LIKE '9.%'").fetchone()[0]

    task = exchange_ops.import_spreadsheet(main_window, _tracker(tmp_path / "t.xlsx"))
    task.wait()
    qtbot.waitUntil(lambda: ctx.undo_stack.count() == 1, timeout=20_000)
    assert actions() == 2
    page = main_window.actions_page()
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=20_000)
    assert {"9.1", "9.2"} <= {r.ref for r in page.all_rows()}
    assert "Import 2 new and 0 changed actions from t.xlsx" == ctx.undo_stack.undoText()
    ctx.undo_stack.undo()
    assert actions() == 0
    ctx.undo_stack.redo()
    assert actions() == 2
