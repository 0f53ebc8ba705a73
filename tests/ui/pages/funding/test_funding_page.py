"""The Funding page: totals and warnings, money typed UK style, add / edit / delete / restore, each undone."""
from __future__ import annotations

from typing import Any

import pytest
from mnemonics import mnemonic_clashes
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from boardapp.domain.money import format_pence
from boardapp.services.funding.queries import list_grants
from boardapp.ui.pages.funding.models import WARNING_INK

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def host(qtbot: Any, actions_ctx: Any) -> Any:
    from boardapp.ui.pages.funding.page import FundingPage

    window = QMainWindow()
    qtbot.addWidget(window)
    undo = actions_ctx.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo = actions_ctx.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    window.addActions([undo, redo])
    page = FundingPage(actions_ctx)
    window.setCentralWidget(page)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.page = page  # type: ignore[attr-defined]
    return window


def grants(ctx: Any, deleted: bool = False) -> list[Any]:
    with ctx.session() as session:
        return list_grants(session=session, include_deleted=deleted)


def undo(qtbot: Any, host: Any, redo: bool = False) -> None:
    host.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(host.page.lines, Qt.Key.Key_Z, mods)


def cell(model: Any, row: int, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


def test_the_demo_grant_its_lines_totals_and_the_over_allocation_warning(host: Any) -> None:
    page = host.page
    (grant,) = grants(page.ctx)
    assert page.grant_model.rowCount() == 1 and page.line_model.rowCount() == 4
    assert [cell(page.grant_model, 0, c) for c in (0, 1, 2, 3, 4)] == [
        "DfE children's social care improvement grant", "Department for Education", "01/04/2023 – 31/03/2025",
        "£342,752", "£343,000"]
    assert cell(page.grant_model, 0, 4, Qt.ItemDataRole.ForegroundRole) == WARNING_INK
    assert cell(page.grant_model, 0, 8) == "Lines £248 over"
    assert "Pays for:</b> T" in page.line_details.text() and "Improvement specialist" in page.line_details.text()
    assert page.warning.isVisible() and page.warning.text() == (
        "Warning: The lines of DfE children's social care improvement grant add up to £343,000: £248 more than "
        "the grant of £342,752.")
    assert [cell(page.line_model, r, 0) for r in range(4)] == [
        "Improvement specialist", "Case-management IT system", "Quality-assurance learning programme", "Training"]
    assert [cell(page.line_model, r, 2) for r in range(4)] == ["£86,000", "£130,000", "£92,000", "£35,000"]
    first = grant.lines[0]
    assert cell(page.line_model, 0, 3) == format_pence(first.spent_pence)
    assert cell(page.line_model, 0, 5) == first.spent_share and cell(page.line_model, 0, 6) == first.action_refs
    totals = page.totals.text()
    assert "total £342,752" in totals and "given to lines £343,000" in totals and "lines over the grant by £248" in totals
    assert f"({grant.spent_share})" in totals and "remaining" in totals
    assert page.all_totals.text().startswith("All funding: 1 grant, £342,752 in total")


def test_a_line_typed_uk_style_warns_while_typing_and_undoes(host: Any, qtbot: Any) -> None:
    page = host.page
    page.new_line_button.click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.purpose_edit, "Practice weeks")
    qtbot.keyClicks(dialog.allocated_edit, "£1,234.50")
    assert "£344,234.50, £1,482.50 more than the grant" in dialog.hint.text()
    qtbot.keyClicks(dialog.actions_search, "thematic audits")
    picker = dialog.actions_model
    shown = [picker.data(picker.index(r, 0)) for r in range(picker.rowCount())]
    assert shown and all("thematic audits" in text.casefold() for text in shown)
    dialog.actions_view.setFocus()
    dialog.actions_view.setCurrentIndex(picker.index(0, 0))
    qtbot.keyClick(dialog.actions_view, Qt.Key.Key_Space)  # Space ticks it
    assert dialog.linked_label.text() == "Linked actions (1):"
    chosen = picker.action_id(0)
    dialog.actions_search.clear()
    assert picker.rowCount() > 100 and dialog.action_ids() == {chosen}
    qtbot.keyClick(dialog.purpose_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    (grant,) = grants(page.ctx)
    added = grant.lines[-1]
    assert (added.purpose, added.allocated_pence, added.spent_pence) == ("Practice weeks", 123_450, 0)
    assert len(added.actions) == 1 and page.line_model.rowCount() == 5
    assert page.selected_line().id == added.id and "£1,482.50 more than the grant" in page.warning.text()
    undo(qtbot, host)
    assert len(grants(page.ctx)[0].lines) == 4 and page.line_model.rowCount() == 4
    assert "£248 more" in page.warning.text()
    undo(qtbot, host, redo=True)
    assert grants(page.ctx)[0].lines[-1].id == added.id


@pytest.mark.parametrize(("typed", "message"), [
    ("1.234,50", "is not an amount in pounds"), ("-20", "cannot be negative"), ("", "enter an amount"),
    ("12.345", "is not an amount in pounds"),
])
def test_money_that_does_not_read_is_refused_by_field(host: Any, qtbot: Any, typed: str, message: str) -> None:
    page = host.page
    page.edit_line_button.click()
    dialog = page.dialog
    dialog.spent_edit.clear()
    qtbot.keyClicks(dialog.spent_edit, typed)
    dialog.save()
    assert dialog.isVisible() and dialog.error_label.text().startswith("Spent to date:")
    assert message in dialog.error_label.text() and dialog.spent_edit.styleSheet()
    assert page.ctx.undo_stack.count() == 0
    dialog.reject()


def test_overspent_line_is_flagged_and_an_edit_undoes(host: Any, qtbot: Any) -> None:
    page = host.page
    page.lines.selectRow(3)
    qtbot.keyClick(page.lines, Qt.Key.Key_Return)  # Enter edits the line
    dialog = page.dialog
    assert dialog.purpose_edit.text() == "Training"
    dialog.spent_edit.setText("£36,200")
    assert "£1,200 above the allocation" in dialog.hint.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert cell(page.line_model, 3, 4) == "Overspent by £1,200"
    assert cell(page.line_model, 3, 4, Qt.ItemDataRole.ForegroundRole) == WARNING_INK
    assert "Overspent line — Training: spent £36,200, £1,200 more than its allocation of £35,000." in page.warning.text()
    undo(qtbot, host)
    assert cell(page.line_model, 3, 4) != "Overspent by £1,200" and "Overspent" not in page.warning.text()


def test_add_edit_delete_and_restore_a_grant_each_undone(host: Any, qtbot: Any, dialogs: Any) -> None:
    page = host.page
    page.new_grant_button.click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.name_edit, "Partnership improvement fund")
    qtbot.keyClicks(dialog.funder_edit, "Northshire Safeguarding Children Partnership")
    qtbot.keyClicks(dialog.total_edit, "50,000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    names = [g.name for g in grants(page.ctx)]
    assert "Partnership improvement fund" in names and page.selected_grant().name == "Partnership improvement fund"
    assert page.line_model.rowCount() == 0 and not page.warning.isVisible()
    assert page.lines_switch.is_empty() and page.no_lines.button("Add the first line").isEnabled()
    assert page.all_totals.text().startswith("All funding: 2 grants, £392,752 in total")
    page.edit_grant_button.click()
    page.dialog.total_edit.setText("£55,000.00")
    page.dialog.save()
    assert [g.allocated_pence for g in grants(page.ctx) if g.name.startswith("Partnership")] == [5_500_000]
    dialogs.answer("question", True)
    page.delete_grant_button.click()
    assert dialogs.names()[-1] == "question" and len(grants(page.ctx)) == 1
    undo(qtbot, host)  # the delete
    assert len(grants(page.ctx)) == 2
    undo(qtbot, host)  # the edit
    assert [g.allocated_pence for g in grants(page.ctx) if g.name.startswith("Partnership")] == [5_000_000]
    undo(qtbot, host)  # the add
    assert len(grants(page.ctx)) == 1 and len(grants(page.ctx, deleted=True)) == 2
    undo(qtbot, host, redo=True)
    assert len(grants(page.ctx)) == 2


def test_deleted_lines_can_be_shown_and_restored(host: Any, qtbot: Any, dialogs: Any) -> None:
    page = host.page
    page.lines.selectRow(0)
    dialogs.answer("question", True)
    page.delete_line_button.click()
    assert page.line_model.rowCount() == 3 and "£248" not in page.warning.text()
    assert not page.warning.isVisible()  # £257,000 of lines within £342,752
    page.show_deleted.setChecked(True)
    assert page.line_model.rowCount() == 4
    gone = page.line_model.row_of(grants(page.ctx, deleted=True)[0].deleted_lines[0].id)
    assert cell(page.line_model, gone, 0) == "Improvement specialist (deleted)"
    page.lines.selectRow(gone)
    assert page.restore_line_button.isEnabled() and not page.edit_line_button.isEnabled()
    page.restore_line_button.click()
    assert len(grants(page.ctx)[0].lines) == 4
    undo(qtbot, host)
    assert len(grants(page.ctx)[0].lines) == 3


def test_declining_a_delete_changes_nothing(host: Any, dialogs: Any) -> None:
    host.page.delete_grant_button.click()
    assert dialogs.names() == ["question"] and len(grants(host.page.ctx)) == 1
    assert host.page.ctx.undo_stack.count() == 0


def test_funding_models_pass_the_model_tester(host: Any, qtmodeltester: Any) -> None:
    host.page.edit_line_button.click()
    picker = host.page.dialog.actions_model
    qtmodeltester.check(picker)
    picker.set_filter("T6")
    qtmodeltester.check(picker)
    host.page.dialog.reject()
    qtmodeltester.check(host.page.grant_model)
    qtmodeltester.check(host.page.line_model)
    host.page.show_deleted.setChecked(True)
    host.page.line_model.sort(3)
    qtmodeltester.check(host.page.line_model)


MENU_BAR = ["&File", "&Edit", "&View", "&Help"]  # the menu bar takes these keys first


def test_alt_keys_are_unique_and_leave_the_menus_alone(host: Any) -> None:
    assert mnemonic_clashes(host.page, reserved=MENU_BAR, visible_only=False) == {}
    for open_dialog, first in ((host.page.new_grant, "name_edit"), (host.page.new_line, "purpose_edit")):
        open_dialog()
        dialog = host.page.dialog
        assert mnemonic_clashes(dialog, visible_only=False) == {}
        assert dialog.focusWidget() is getattr(dialog, first)
        dialog.reject()


def test_a_marked_field_loses_its_message_when_changed(host: Any, qtbot: Any) -> None:
    page = host.page
    page.new_line_button.click()
    dialog = page.dialog
    qtbot.keyClicks(dialog.purpose_edit, "Audit tool")
    qtbot.keyClicks(dialog.allocated_edit, "12k")
    dialog.save()
    assert dialog.error_label.isVisibleTo(dialog) and dialog.allocated_edit.styleSheet()
    qtbot.keyClick(dialog.allocated_edit, Qt.Key.Key_Backspace)
    assert not dialog.error_label.isVisibleTo(dialog) and not dialog.allocated_edit.styleSheet()
    dialog.reject()
