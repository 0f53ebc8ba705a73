"""The Risks page: the heat map filters the register (mouse and keyboard); add, edit, close, reopen, each undone."""
from __future__ import annotations

from typing import Any

import pytest
from mnemonics import mnemonic_clashes
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from boardapp.services.risks.queries import list_risks
from boardapp.ui.common.row_table_model import ROW_ROLE
from boardapp.ui.pages.risks.models import OVERDUE_INK, RiskTableModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def host(qtbot: Any, actions_ctx: Any) -> Any:
    """A window with the Risks page and Edit › Undo/Redo on Ctrl+Z / Ctrl+Shift+Z, as the shell has."""
    from boardapp.ui.pages.risks.page import RisksPage

    window = QMainWindow()
    qtbot.addWidget(window)
    undo = actions_ctx.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = actions_ctx.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    window.addActions([undo, redo])
    page = RisksPage(actions_ctx)
    window.setCentralWidget(page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.page = page  # type: ignore[attr-defined]
    return window


def refs(page: Any) -> list[str]:
    return [page.model.row_at(i).ref for i in range(page.model.rowCount())]


def stored(ctx: Any) -> dict[str, Any]:
    with ctx.session() as session:
        return {r.ref: r for r in list_risks(session=session)}


def undo(qtbot: Any, host: Any, redo: bool = False) -> None:
    host.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(host.page.table, Qt.Key.Key_Z, mods)


def click_cell(qtbot: Any, heat_map: Any, cell: tuple[int, int]) -> None:
    qtbot.mouseClick(heat_map, Qt.MouseButton.LeftButton, pos=heat_map.cell_rect(cell).center().toPoint())


def test_heat_map_counts_live_risks_and_a_click_filters_the_list(host: Any, qtbot: Any) -> None:
    page = host.page
    assert page.model.rowCount() == 11 and "R10" not in refs(page)  # the closed one is hidden
    heat = page.heat_map
    assert heat.count((4, 4)) == 2 and heat.count((3, 4)) == 3 and heat.count((1, 5)) == 0
    assert sum(heat.count((l, i)) for l in range(1, 6) for i in range(1, 6)) == 11
    click_cell(qtbot, heat, (4, 4))
    assert refs(page) == ["R01", "R04"] and heat.chosen() == (4, 4)
    assert "likelihood 4 × impact 4 = 16" in page.cell_label.text() and "2 of 11" in page.cell_label.text()
    click_cell(qtbot, heat, (3, 4))
    assert refs(page) == ["R02", "R03", "R12"]
    click_cell(qtbot, heat, (3, 4))  # the same cell again: every cell
    assert page.model.rowCount() == 11 and heat.chosen() is None
    click_cell(qtbot, heat, (1, 1))  # an empty cell: an empty list, said so
    assert page.model.rowCount() == 0 and "0 of 11" in page.cell_label.text()
    assert page.filter_switch.is_empty()
    assert "No risk sits in likelihood 1 × impact 1 = 1" in page.no_match.text_label.text()
    qtbot.mouseClick(page.all_cells_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 11 and not page.filter_switch.is_empty()
    qtbot.keyClicks(page.search, "nothing like this")
    assert page.filter_switch.is_empty() and "matches “nothing like this”" in page.no_match.text_label.text()
    page.no_match.button("Show all risks").click()
    assert page.model.rowCount() == 11 and page.search.text() == ""


def test_heat_map_works_from_the_keyboard(host: Any, qtbot: Any) -> None:
    page = host.page
    heat = page.heat_map
    heat.setFocus()
    assert heat.cursor() == (3, 3)
    qtbot.keyClick(heat, Qt.Key.Key_Right)
    assert heat.cursor() == (3, 4) and "impact 4" in heat.accessibleDescription()
    qtbot.keyClick(heat, Qt.Key.Key_Space)
    assert refs(page) == ["R02", "R03", "R12"]
    for _ in range(3):
        qtbot.keyClick(heat, Qt.Key.Key_Up)
    assert heat.cursor() == (5, 4)  # stops at the edge
    qtbot.keyClick(heat, Qt.Key.Key_Down)
    qtbot.keyClick(heat, Qt.Key.Key_Return)
    assert refs(page) == ["R01", "R04"] and "Filtering the list by likelihood 4" in heat.accessibleDescription()
    qtbot.keyClick(heat, Qt.Key.Key_Escape)
    assert page.model.rowCount() == 11 and heat.chosen() is None


def test_inherent_switch_and_show_closed(host: Any, qtbot: Any) -> None:
    page = host.page
    heat = page.heat_map
    click_cell(qtbot, heat, (4, 4))
    page.inherent_radio.setChecked(True)
    assert heat.chosen() is None  # a cell of the other map means something else
    assert heat.count((4, 4)) == 6 and heat.count((5, 5)) == 1
    click_cell(qtbot, heat, (4, 4))
    assert sorted(refs(page)) == ["R02", "R03", "R05", "R07", "R11", "R12"]
    page.residual_radio.setChecked(True)
    page.show_closed.setChecked(True)
    assert page.model.rowCount() == 12 and refs(page)[-1] == "R10" and heat.count((1, 5)) == 1
    qtbot.keyClicks(page.search, "sufficiency")
    assert refs(page) == ["R04"]


def test_overdue_reviews_are_flagged_against_today(host: Any, actions_ctx: Any) -> None:
    page = host.page
    today = actions_ctx.today()
    assert page.overdue_label.isVisible()
    assert "2 reviews are overdue" in page.overdue_label.text() and today.strftime("%d/%m/%Y") in page.overdue_label.text()
    assert "R06" in page.overdue_label.text() and "R02" in page.overdue_label.text()
    model = page.model
    for row in range(model.rowCount()):
        risk = model.data(model.index(row, 0), ROW_ROLE)
        review = model.index(row, RiskTableModel.REVIEW_COLUMN)
        overdue = risk.ref in ("R06", "R02")
        assert ("overdue" in model.data(review)) is overdue
        assert (model.data(review, Qt.ItemDataRole.ForegroundRole) == OVERDUE_INK) is overdue
    page.select_risk(stored(actions_ctx)["R06"].id)
    assert "overdue" in page.details.text() and "Cause:" in page.details.text()


def test_add_a_risk_from_the_keyboard_then_undo_and_redo(host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = host.page
    page.new_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible() and dialog.review_edit.value() is None
    qtbot.keyClicks(dialog.title_edit, "Loss of data in the migration")
    qtbot.keyClicks(dialog.cause_edit, "Legacy records are incomplete")
    dialog.inherent_likelihood.setValue(4)
    dialog.inherent_impact.setValue(5)
    dialog.residual_likelihood.setFocus()
    qtbot.keyClick(dialog.residual_likelihood, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.residual_likelihood, "2")
    dialog.residual_impact.setValue(5)
    assert dialog.residual_score.text() == "10 (Amber)" and dialog.inherent_score.text() == "20 (Red)"
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter saves
    assert not dialog.isVisible()
    risks = stored(actions_ctx)
    assert "R13" in risks and risks["R13"].score == 10 and risks["R13"].cause == "Legacy records are incomplete"
    assert page.selected_risk().ref == "R13" and actions_ctx.undo_stack.undoText() == "Add risk R13"
    undo(qtbot, host)
    assert "R13" not in stored(actions_ctx) and "R13" not in refs(page)
    undo(qtbot, host, redo=True)
    assert stored(actions_ctx)["R13"].id == risks["R13"].id and "R13" in refs(page)


def test_bad_input_is_named_and_nothing_is_written(host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = host.page
    page.new_button.click()
    dialog = page.dialog
    dialog.residual_impact.setValue(5)
    dialog.save()
    assert dialog.isVisible() and dialog.error_label.text() == "Title: a risk needs a title"
    assert dialog.title_edit.hasFocus() or dialog.title_edit.styleSheet()
    qtbot.keyClicks(dialog.title_edit, "Duplicate")
    qtbot.keyClicks(dialog.ref_edit, "R01")
    dialog.save()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Ref: reference R01 is already used")
    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.review_edit.line_edit, "31/02/2025")
    dialog.save()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Review date:")
    assert len(stored(actions_ctx)) == 12 and actions_ctx.undo_stack.count() == 0
    assert dialog.residual_impact.maximum() == 5 and dialog.residual_impact.minimum() == 1
    dialog.reject()


def test_edit_close_and_reopen_are_each_undone(host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = host.page
    before = stored(actions_ctx)["R04"]
    page.select_risk(before.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a row edits it
    dialog = page.dialog
    assert dialog.title_edit.text() == "Placement sufficiency" and dialog.residual_likelihood.value() == 4
    dialog.residual_likelihood.setValue(2)
    dialog.controls_edit.setPlainText("Weekly placement panel; new framework")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    after = stored(actions_ctx)["R04"]
    assert after.score == 8 and after.controls.endswith("new framework") and after.version == before.version + 1
    assert page.selected_risk().ref == "R04"
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert stored(actions_ctx)["R04"].status == "CLOSED" and "R04" not in refs(page)
    assert actions_ctx.undo_stack.undoText() == "Close risk R04"
    undo(qtbot, host)
    assert stored(actions_ctx)["R04"].status == "OPEN" and "R04" in refs(page)
    undo(qtbot, host)
    assert stored(actions_ctx)["R04"].score == 16 and stored(actions_ctx)["R04"].controls == before.controls
    undo(qtbot, host, redo=True)
    undo(qtbot, host, redo=True)
    assert stored(actions_ctx)["R04"].status == "CLOSED"
    page.show_closed.setChecked(True)
    page.select_risk(stored(actions_ctx)["R04"].id)
    assert page.reopen_button.isEnabled() and not page.close_button.isEnabled()
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert stored(actions_ctx)["R04"].status == "OPEN"
    undo(qtbot, host)
    assert stored(actions_ctx)["R04"].status == "CLOSED"
    undo(qtbot, host, redo=True)
    assert stored(actions_ctx)["R04"].status == "OPEN" and stored(actions_ctx)["R04"].score == 8


def test_undo_of_an_edit_changed_elsewhere_is_refused_and_kept(host: Any, actions_ctx: Any, dialogs: Any) -> None:
    from boardapp.services.risks import commands as risks
    from boardapp.ui.common.undo import run_command
    from boardapp.ui.pages.risks.commands import EditRiskCommand

    before = stored(actions_ctx)["R01"]
    run_command(actions_ctx, EditRiskCommand(actions_ctx, before, {"title": "Workforce"}))
    with actions_ctx.session() as session:  # someone else renames it meanwhile
        risks.update_risk(before.id, {"title": "Workforce stability"}, session=session, who="other")
    actions_ctx.undo_stack.undo()
    assert stored(actions_ctx)["R01"].title == "Workforce stability"
    assert dialogs.names() == ["warning"] and "changed since" in dialogs.calls[0][1][2]


def test_the_register_model_passes_the_model_tester(host: Any, qtmodeltester: Any) -> None:
    qtmodeltester.check(host.page.model)
    host.page.show_closed.setChecked(True)
    host.page.model.sort(RiskTableModel.RATING_COLUMN, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(host.page.model)


MENU_BAR = ["&File", "&Edit", "&View", "&Help"]  # the menu bar takes these keys first


def test_alt_keys_are_unique_and_leave_the_menus_alone(host: Any) -> None:
    assert mnemonic_clashes(host.page, reserved=MENU_BAR, visible_only=False) == {}
    host.page.new_button.click()
    assert mnemonic_clashes(host.page.dialog, visible_only=False) == {}
    assert host.page.dialog.focusWidget() is host.page.dialog.title_edit
    host.page.dialog.reject()
