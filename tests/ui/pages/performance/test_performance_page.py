"""The Performance page: scorecard beside target and floor, figures typed and pasted (one undo), measures edited."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow

from boardapp.services.performance.measures import list_measures
from boardapp.services.performance.queries import scorecard
from boardapp.services.performance.values import Cell, values_grid
from boardapp.ui.pages.performance.scorecard_model import COLUMNS

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SEP, AUG = date(2024, 9, 1), date(2024, 8, 1)


@pytest.fixture
def host(qtbot: Any, actions_ctx: Any) -> Any:
    """A window with the Performance page and Edit › Undo/Redo on Ctrl+Z / Ctrl+Shift+Z, as the shell has."""
    from boardapp.ui.pages.performance.page import PerformancePage

    window = QMainWindow()
    qtbot.addWidget(window)
    undo = actions_ctx.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = actions_ctx.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    window.addActions([undo, redo])
    page = PerformancePage(actions_ctx)
    window.setCentralWidget(page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.page = page  # type: ignore[attr-defined]
    return window


def undo(qtbot: Any, host: Any, redo: bool = False) -> None:
    host.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(host.page.table, Qt.Key.Key_Z, mods)


def cell(ctx: Any, code: str, period: date) -> Cell:
    with ctx.session() as session:
        grid = values_grid(session=session, today=date(2024, 9, 11))
        kpi = next(m for m in grid.measures if m.code == code)
        return grid.cell(kpi.id, period)


def header(name: str) -> int:
    return [c.header for c in COLUMNS].index(name)


def test_scorecard_shows_value_target_floor_and_rag_with_its_word_and_reason(host: Any, qtmodeltester: Any) -> None:
    page = host.page
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.figures_model)
    assert page.model.rowCount() == 12 and not page.switch.is_empty()
    words = {page.model.index(r, header("RAG")).data() for r in range(12)}
    assert words == {"Green", "Amber", "Red"}
    k07 = next(r for r in range(12) if page.model.row_at(r).code == "K07")
    row = page.model.row_at(k07)
    assert page.model.index(k07, header("Target")).data() == "18"
    assert page.model.index(k07, header("Floor")).data() == "19"
    assert page.model.index(k07, header("Floor")).data(Qt.ItemDataRole.ToolTipRole) == "Floor: 19 children"
    reason = page.model.index(k07, header("RAG")).data(Qt.ItemDataRole.ToolTipRole)
    assert reason == row.rag_reason and row.rag.label in reason and "lower is better" in reason
    assert page.model.index(k07, header("Last year")).data() in ("↑ Better", "↓ Worse", "→ Same")
    assert page.model.index(k07, header("England")).data() == "16.6"
    assert "2023-24" in page.model.index(k07, header("England")).data(Qt.ItemDataRole.ToolTipRole)


def test_choosing_a_measure_charts_it_and_its_links(host: Any) -> None:
    page = host.page
    page.table.selectRow(7)
    measure = page.model.row_at(7)
    series = page.chart.series()
    assert series is not None and series.kpi_id == measure.id and len(series.points) == 24
    assert series.target == measure.target and series.floor == measure.floor and series.comparators
    assert f"target {measure.target:g}" in page.chart.describe()
    assert page.figures_model.measure_at(page.figures.currentIndex().column()).id == measure.id


def test_typing_a_figure_is_one_undoable_edit(host: Any, qtbot: Any, actions_ctx: Any) -> None:
    page = host.page
    model = page.figures_model
    column = next(c for c in range(model.columnCount()) if model.measure_at(c).code == "K01")
    row = model.rowCount() - 1
    assert model.period_at(row) == SEP
    assert model.setData(model.index(row, column), "96.5%")
    assert cell(actions_ctx, "K01", SEP) == Cell(96.5)
    k01 = next(r for r in page.model.rows() if r.code == "K01")
    assert k01.latest_period == SEP and k01.latest_value == 96.5 and k01.rag.label == "Green"
    assert not model.setData(model.index(row, column), "lots")
    assert "Sep 2024, K01 Referrals screened within 1 working day: “lots” is not a number" in page.figures_message.text()
    undo(qtbot, host)
    assert cell(actions_ctx, "K01", SEP).empty
    undo(qtbot, host, redo=True)
    assert cell(actions_ctx, "K01", SEP) == Cell(96.5)


def test_a_pasted_block_is_one_edit_and_a_bad_block_names_its_cells(host: Any, qtbot: Any, actions_ctx: Any) -> None:
    page = host.page
    model, view = page.figures_model, page.figures
    first = next(c for c in range(model.columnCount()) if model.measure_at(c).code == "K07")
    row = model.rowCount() - 2  # Aug 2024
    before = [cell(actions_ctx, code, AUG) for code in ("K07", "K08", "K09")]
    view.setCurrentIndex(model.index(row, first))
    view.selectionModel().clearSelection()
    # a bad block: nothing is applied, every bad cell named
    assert not view.paste_text("17.2\t1,2x\t9%\n16.9\t21%\t120%\n")
    message = page.figures_message.text()
    assert "Nothing was pasted" in message
    assert "Aug 2024, K08 Agency social workers: “1,2x” is not a number" in message
    assert "Sep 2024, K09 Children with 3 or more social workers in 12 months: “120%” is more than 100%" in message
    assert [cell(actions_ctx, c, AUG) for c in ("K07", "K08", "K09")] == before
    # a good block through the clipboard and Ctrl+V: marks, %, blanks kept, one undo entry
    count = actions_ctx.undo_stack.count()
    QGuiApplication.clipboard().setText("17.2\tc\t\r\n16.9\t21%\t9.5%\r\n")
    view.setCurrentIndex(model.index(row, first))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert actions_ctx.undo_stack.count() == count + 1
    assert cell(actions_ctx, "K07", AUG) == Cell(17.2) and cell(actions_ctx, "K08", AUG) == Cell(None, "c")
    assert cell(actions_ctx, "K09", AUG) == before[2]  # the blank left it as it was
    assert cell(actions_ctx, "K07", SEP) == Cell(16.9) and cell(actions_ctx, "K09", SEP) == Cell(9.5)
    assert model.index(row, first + 1).data() == "c"
    assert "not published" in model.index(row, first + 1).data(Qt.ItemDataRole.ToolTipRole)
    assert actions_ctx.undo_stack.undoText().startswith("Paste 5 figures (Aug 2024–Sep 2024)")
    undo(qtbot, host)
    assert [cell(actions_ctx, c, AUG) for c in ("K07", "K08", "K09")] == before
    assert cell(actions_ctx, "K07", SEP).empty and cell(actions_ctx, "K09", SEP).empty


def test_add_edit_retire_and_move_a_measure_each_undone(host: Any, qtbot: Any, actions_ctx: Any, dialogs: Any) -> None:
    from boardapp.ui.pages.performance.measure_dialog import MeasureDialog

    page = host.page
    page.add_measure()
    dialog: MeasureDialog = page.dialog
    assert dialog.code.placeholderText() == "K13"
    dialog.title_edit.setText("Care leavers with a pathway plan")
    dialog.target.setText("95")
    dialog.floor.setText("97")
    dialog.save()
    assert dialog.isVisible() and "Floor: the floor must be at or below the target (95)" in dialog.error_label.text()
    dialog.floor.setText("90")
    dialog.save()
    assert not dialog.isVisible()
    assert page.model.rowCount() == 13 and page.selected_measure().code == "K13"
    assert page.switch.is_empty() is False
    page.edit_selected()
    page.dialog.target.setText("96")
    page.dialog.save()
    with actions_ctx.session() as session:
        assert {m.code: m for m in list_measures(session=session)}["K13"].target == 96.0
    undo(qtbot, host)
    with actions_ctx.session() as session:
        assert {m.code: m for m in list_measures(session=session)}["K13"].target == 95.0
    undo(qtbot, host)
    assert page.model.rowCount() == 12
    # retire K12 and bring it back with undo
    page.select_measure(next(r.id for r in page.model.rows() if r.code == "K12"))
    page.retire_selected()
    assert "K12" not in [r.code for r in page.model.rows()]
    undo(qtbot, host)
    assert "K12" in [r.code for r in page.model.rows()]
    # move K02 up, then undo
    page.select_measure(next(r.id for r in page.model.rows() if r.code == "K02"))
    page.move_selected(-1)
    assert [r.code for r in page.model.rows()][:2] == ["K02", "K01"] and page.selected_measure().code == "K02"
    undo(qtbot, host)
    assert [r.code for r in page.model.rows()][:2] == ["K01", "K02"]


def test_an_empty_workspace_offers_add_a_measure(qtbot: Any, workspace_path: Any, pinned_today: Any) -> None:
    from boardapp.db.workspace import open_workspace
    from boardapp.ui.common.context import AppContext
    from boardapp.ui.pages.performance.page import PerformancePage

    engine = open_workspace(workspace_path)
    ctx = AppContext(engine, workspace_path, "Test Secretary")
    page = PerformancePage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.switch.is_empty() and page.empty.button("Add a measure")
    assert not page.figures.paste_text("1\t2\n")
    assert "add a measure first" in page.figures_message.text()
    page.empty.button("Add a measure").click()
    page.dialog.title_edit.setText("Re-referrals within 12 months")
    page.dialog.save()
    assert not page.switch.is_empty() and page.model.row_at(0).code == "K01"
    ctx.undo_stack.clear()
    engine.dispose()


def test_links_from_the_measure_to_actions_and_findings_are_one_undo(host: Any, qtbot: Any, actions_ctx: Any) -> None:
    from boardapp.services.performance.links import kpi_links

    page = host.page
    page.select_measure(next(r.id for r in page.model.rows() if r.code == "K12"))
    kpi_id = page.selected_measure().id
    with actions_ctx.session() as session:
        before = kpi_links(kpi_id, session=session)
    page.edit_links()
    dialog = page.dialog
    actions, findings = dialog.actions_model, dialog.findings_model
    unticked = next(i for i in range(actions.rowCount()) if actions.item(i).checkState() == Qt.CheckState.Unchecked)
    actions.item(unticked).setCheckState(Qt.CheckState.Checked)
    findings.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.filter.setText("no such words anywhere")
    assert all(dialog.actions_view.isRowHidden(i) for i in range(actions.rowCount()))
    dialog.filter.clear()
    dialog.save()
    assert not dialog.isVisible()
    with actions_ctx.session() as session:
        now = kpi_links(kpi_id, session=session)
    assert len(now.action_ids) == len(before.action_ids) + 1 and len(now.finding_ids) == len(before.finding_ids) + 1
    assert page.linked_panel.model.rowCount() == len(now.action_ids)
    assert "Findings this measure evidences" in page.findings_label.text()
    assert findings.item(0).text().split(" — ", 1)[1][:30] in page.findings_label.text()
    undo(qtbot, host)
    with actions_ctx.session() as session:
        assert kpi_links(kpi_id, session=session) == before
    assert page.linked_panel.model.rowCount() == len(before.action_ids)


def test_delete_clears_the_chosen_cells_as_one_undo(host: Any, qtbot: Any, actions_ctx: Any) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    page = host.page
    model, view = page.figures_model, page.figures
    first = next(c for c in range(model.columnCount()) if model.measure_at(c).code == "K01")
    row = model.rowCount() - 2  # Aug 2024
    before = [cell(actions_ctx, code, AUG) for code in ("K01", "K02")]
    assert all(not c.empty for c in before)
    view.setCurrentIndex(model.index(row, first))
    view.selectionModel().select(QItemSelection(model.index(row, first), model.index(row, first + 1)),
                                 QItemSelectionModel.SelectionFlag.ClearAndSelect)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert cell(actions_ctx, "K01", AUG).empty and cell(actions_ctx, "K02", AUG).empty
    assert actions_ctx.undo_stack.undoText() == "Clear 2 figures"
    undo(qtbot, host)
    assert [cell(actions_ctx, code, AUG) for code in ("K01", "K02")] == before
