"""File › Import comparators…: choose the files, map columns, preview, import as one undo entry."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from dfe_files import write_ees, write_neighbours
from PySide6.QtCore import QSettings


def _k08(db: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as con:
        return con.execute("SELECT c.period, c.england, c.neighbours_used, c.own FROM comparator c JOIN kpi k "
                           "ON k.id = c.kpi_id WHERE k.code = 'K08' ORDER BY c.period").fetchall()


@pytest.fixture
def dialog(qtbot: Any, actions_ctx: Any, tmp_path: Path, isolated_settings: Path) -> Any:
    from boardapp.ui.shell.comparators_dialog import ComparatorsDialog

    settings = QSettings(str(isolated_settings / "comparators.ini"), QSettings.Format.IniFormat)
    dlg = ComparatorsDialog(actions_ctx, la_code="999", settings=settings)
    qtbot.addWidget(dlg)
    dlg.csv_edit.setText(str(write_ees(tmp_path / "ees.csv", bom=True)))
    dlg.neighbours_edit.setText(str(write_neighbours(tmp_path / "sn.csv")))
    task = dlg.load_files()
    assert task is not None
    qtbot.waitUntil(lambda: dlg.table is not None, timeout=10_000)
    return dlg


def test_columns_come_from_the_csv_and_the_preview_shows_what_will_be_set(dialog: Any, qtmodeltester: Any) -> None:
    combo = dialog.combos["K08"]
    assert [combo.itemText(i) for i in range(combo.count())][1:] == ["agency_rate_fte", "caseload_fte"]
    assert not dialog.import_button.isEnabled()
    combo.setCurrentText("agency_rate_fte")
    assert dialog.council_label.text() == "Northshire"
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    cells = [model.index(1, c).data() for c in range(model.columnCount())]
    assert cells == ["K08", "agency_rate_fte", "2023", "—", "17.9", "15.2", "17", "8"]
    assert "2 of 10 neighbours" in dialog.warnings_text.toPlainText()
    dialog.own_check.setChecked(True)
    assert dialog.model.index(1, 3).data() == "18.4"
    assert dialog.import_button.isEnabled()


def test_an_unknown_la_code_is_named_and_blocks_the_import(dialog: Any) -> None:
    dialog.combos["K08"].setCurrentText("agency_rate_fte")
    dialog.la_edit.setText("123")
    dialog.la_edit.editingFinished.emit()
    assert "unknown LA code '123'" in dialog.error_label.text() and not dialog.error_label.isHidden()
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0


def test_a_file_that_is_not_ees_is_refused(qtbot: Any, actions_ctx: Any, tmp_path: Path) -> None:
    from boardapp.ui.shell.comparators_dialog import ComparatorsDialog

    dlg = ComparatorsDialog(actions_ctx, la_code="999")
    qtbot.addWidget(dlg)
    path = tmp_path / "tracker.csv"
    path.write_text("Ref,Title\nA1,Do it\n", encoding="utf-8")
    dlg.csv_edit.setText(str(path))
    dlg.load_files()
    qtbot.waitUntil(lambda: not dlg.error_label.isHidden(), timeout=10_000)
    assert "not an Explore Education Statistics data file" in dlg.error_label.text()
    assert not dlg.combos["K08"].isEnabled() and not dlg.import_button.isEnabled()


def test_import_is_one_undo_entry(dialog: Any, actions_ctx: Any, demo_path: Path, qtbot: Any) -> None:
    before = _k08(demo_path)
    dialog.combos["K08"].setCurrentText("agency_rate_fte")
    dialog.combos["K07"].setCurrentText("caseload_fte")
    with qtbot.waitSignal(actions_ctx.changed, check_params_cb=lambda kind: kind == "performance"):
        dialog.import_button.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    after = _k08(demo_path)
    assert ("2023", 17.9, 8, None) in after
    stack = actions_ctx.undo_stack
    assert stack.count() == 1 and "K07, K08" in stack.undoText()
    stack.undo()
    assert _k08(demo_path) == before
    stack.redo()
    assert _k08(demo_path) == after
    assert dialog.settings.value("comparators/column/K08") == "agency_rate_fte"  # offered again next time


def test_the_file_menu_opens_it(main_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.ui.shell import comparators_dialog

    seen: list[str] = []
    monkeypatch.setattr(comparators_dialog.ComparatorsDialog, "exec",
                        lambda self: seen.append(self.la_edit.text()) or 0)
    assert main_window.import_comparators_action.isEnabled()
    main_window.import_comparators_action.trigger()
    assert seen == ["999"]  # the board's LA code
