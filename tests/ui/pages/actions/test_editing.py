"""Editing from the Actions page: create, edit, add update, bulk change, delete, each undone and redone."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from boardapp.services.plan import register_read as action_rows

from boardapp.services.plan import queries as plan_queries
from boardapp.ui.common.date_fields import to_qdate

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def fresh(ctx: Any, action_id: int) -> Any:
    with ctx.session() as session:
        return action_rows.action_row(action_id, session=session, today=ctx.today())


def live_count(ctx: Any) -> int:
    with ctx.session() as session:
        return len(action_rows.list_action_rows(session=session, today=ctx.today()))


def press(qtbot: Any, widget: Any, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, mods)


def undo_keys(qtbot: Any, host: Any, redo: bool = False) -> None:
    host.activateWindow()
    mods = Qt.KeyboardModifier.ControlModifier | (Qt.KeyboardModifier.ShiftModifier if redo else Qt.KeyboardModifier.NoModifier)
    press(qtbot, host.page.table, Qt.Key.Key_Z, mods)


def open_row(qtbot: Any, page: Any, action_id: int) -> Any:
    assert page.select_action(action_id)
    page.table.setFocus()
    press(qtbot, page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=2000)
    return page.editor


def test_create_action_with_the_editor(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    page.table.setFocus()
    press(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    editor.theme_combo.setCurrentIndex(1)
    assert editor.ref_edit.text().startswith("T1.")
    qtbot.keyClicks(editor.title_edit, "Publish the revised threshold guidance")
    qtbot.keyClicks(editor.description_edit, "Partners sign off the document")
    editor.owner_combo.setCurrentIndex(2)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible() and editor.error_text() == ""
    assert live_count(actions_ctx) == 121 and page.counts()[1] == 121
    created = page.selected_rows()[0]
    assert created.title == "Publish the revised threshold guidance" and created.ref == editor.ref_edit.text()
    assert actions_ctx.undo_stack.undoText() == f"Create {created.ref}"
    undo_keys(qtbot, actions_host)
    assert live_count(actions_ctx) == 120 and page.model.position_of(created.id) is None
    undo_keys(qtbot, actions_host, redo=True)
    assert live_count(actions_ctx) == 121 and page.model.position_of(created.id) is not None


def test_edit_then_undo_and_redo_with_the_keyboard(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    row = page.model.row_at(3)
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    editor = open_row(qtbot, page, row.id)
    assert editor.title_edit.text() == row.title
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Reshaped title")
    press(qtbot, editor.title_edit, Qt.Key.Key_Return)  # Enter saves (the default button)
    assert not editor.isVisible()
    pos = page.model.position_of(row.id)
    assert page.model.row_at(pos).title == "Reshaped title" and not resets  # updated in place
    assert actions_ctx.undo_stack.undoText() == f"Edit {row.ref}"
    undo_keys(qtbot, actions_host)
    assert fresh(actions_ctx, row.id).title == row.title
    assert page.model.row_at(page.model.position_of(row.id)).title == row.title
    undo_keys(qtbot, actions_host, redo=True)
    assert fresh(actions_ctx, row.id).title == "Reshaped title"


def test_validation_names_the_field_and_saves_nothing(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    page.new_action()
    editor = page.editor
    qtbot.keyClicks(editor.title_edit, "Dates the wrong way round")
    editor.start_edit.set_value(date(2027, 3, 1))
    editor.due_edit.setDate(to_qdate(date(2027, 2, 1)))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.error_text().startswith("Due date:") and "before the start" in editor.error_text()
    assert editor.focusWidget() is editor.due_edit or editor.due_edit.isAncestorOf(editor.focusWidget())
    assert live_count(actions_ctx) == 120 and actions_ctx.undo_stack.count() == 0
    editor.brag_combo.setCurrentIndex(editor.brag_combo.findData("BLUE"))
    editor.due_edit.setDate(to_qdate(date(2027, 4, 1)))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error_text().startswith("BRAG:") and editor.isVisible()
    editor.discard()


def test_add_progress_update_shows_in_history_and_undoes(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    row = next(r for r in page.model.rows() if r.brag == "GREEN" and r.status == "IN_PROGRESS")
    editor = open_row(qtbot, page, row.id)
    editor.tabs.setCurrentIndex(1)
    before = len(editor.history_model.rows())
    qtbot.keyClicks(editor.update_narrative_edit, "Audit found drift in two teams")
    editor.update_brag_combo.setCurrentIndex(editor.update_brag_combo.findData("AMBER"))
    editor.update_progress_spin.setValue(55)
    qtbot.mouseClick(editor.add_update_button, Qt.MouseButton.LeftButton)
    history = editor.history_model.rows()
    assert len(history) > before
    assert any(h.kind == "update" and h.text == "Audit found drift in two teams" for h in history)
    assert any(h.kind == "change" and h.field == "brag" and h.new == "Amber" for h in history)
    assert history == sorted(history, key=lambda h: h.when, reverse=True)
    assert editor.brag_combo.currentData() == "AMBER" and editor.progress_spin.value() == 55
    editor.discard()
    assert fresh(actions_ctx, row.id).brag == "AMBER"
    assert page.model.row_at(page.model.position_of(row.id)).latest_update == "Audit found drift in two teams"
    assert actions_ctx.undo_stack.undoText() == f"Add update to {row.ref}"
    undo_keys(qtbot, actions_host)
    after = fresh(actions_ctx, row.id)
    assert (after.brag, after.progress, after.status) == (row.brag, row.progress, row.status)
    with actions_ctx.session() as session:
        texts = [h.text for h in plan_queries.action_history(row.id, session=session) if h.kind == "update"]
    assert "Audit found drift in two teams" not in texts
    undo_keys(qtbot, actions_host, redo=True)
    assert fresh(actions_ctx, row.id).latest_update == "Audit found drift in two teams"


def test_bulk_change_brag_of_three_rows_is_one_undo(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    page = actions_host.page
    picks = [r for r in page.model.rows() if r.brag in ("GREEN", "AMBER") and r.status != "COMPLETE"][:3]
    selection = page.table.selectionModel()
    selection.clearSelection()
    for r in picks:
        selection.select(page.model.index(page.model.position_of(r.id), 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert len(page.selected_rows()) == 3
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    dialog = page.bulk_dialog
    assert not dialog.ok_button.isEnabled()
    dialog.brag_combo.setCurrentIndex(dialog.brag_combo.findData("RED"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [fresh(actions_ctx, r.id).brag for r in picks] == ["RED"] * 3
    assert actions_ctx.undo_stack.undoText() == "Bulk change BRAG of 3 actions"
    assert all(page.model.row_at(page.model.position_of(r.id)).brag == "RED" for r in picks)
    undo_keys(qtbot, actions_host)
    assert [fresh(actions_ctx, r.id).brag for r in picks] == [r.brag for r in picks]
    undo_keys(qtbot, actions_host, redo=True)
    assert [fresh(actions_ctx, r.id).brag for r in picks] == ["RED"] * 3


def test_delete_with_confirmation_undo_and_restore(actions_host: Any, actions_ctx: Any, qtbot: Any,
                                                   dialogs: Any) -> None:
    page = actions_host.page
    row = page.model.row_at(0)
    page.select_action(row.id)
    page.table.setFocus()
    press(qtbot, page.table, Qt.Key.Key_Delete)  # the question is answered No by default
    assert dialogs.names() == ["question"] and page.model.position_of(row.id) is not None
    dialogs.answer("question", True)
    press(qtbot, page.table, Qt.Key.Key_Delete)
    assert page.model.position_of(row.id) is None and fresh(actions_ctx, row.id).deleted
    assert page.counts()[1] == 119
    qtbot.mouseClick(page.bar.deleted_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in page.model.rows()] == [row.id] and page.restore_button.isVisible()
    undo_keys(qtbot, actions_host)  # undo the delete: it leaves the Deleted view
    assert page.model.rowCount() == 0 and not fresh(actions_ctx, row.id).deleted
    undo_keys(qtbot, actions_host, redo=True)
    assert [r.id for r in page.model.rows()] == [row.id]
    page.select_action(row.id)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and not fresh(actions_ctx, row.id).deleted
    assert actions_ctx.undo_stack.undoText() == f"Restore {row.ref}"
    qtbot.mouseClick(page.bar.deleted_button, Qt.MouseButton.LeftButton)
    assert page.model.position_of(row.id) is not None and page.counts()[1] == 120


def test_a_failed_undo_reports_and_keeps_the_stack_usable(actions_host: Any, actions_ctx: Any, qtbot: Any,
                                                          dialogs: Any) -> None:
    from boardapp.services.plan import commands as plan

    page = actions_host.page
    row = page.model.row_at(5)
    editor = open_row(qtbot, page, row.id)
    editor.title_edit.setText("Changed here")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with actions_ctx.session() as session:  # someone else edits the same action meanwhile
        plan.update_action(row.id, {"title": "Changed elsewhere"}, session=session, who="Other user")
    actions_ctx.undo_stack.undo()
    assert dialogs.names() == ["warning"] and "could not be undone" in dialogs.calls[0][1][2]
    assert fresh(actions_ctx, row.id).title == "Changed elsewhere"
    assert actions_ctx.undo_stack.count() == 0  # the obsolete command was dropped
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def test_editor_reports_a_version_conflict_and_reloads(actions_host: Any, actions_ctx: Any, qtbot: Any,
                                                       dialogs: Any) -> None:
    from boardapp.services.plan import commands as plan

    page = actions_host.page
    row = page.model.row_at(6)
    editor = open_row(qtbot, page, row.id)
    with actions_ctx.session() as session:
        plan.update_action(row.id, {"title": "Saved first elsewhere"}, session=session, who="Other user")
    editor.title_edit.setText("Mine")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and dialogs.names() == ["warning"]
    assert editor.title_edit.text() == "Saved first elsewhere"
    editor.discard()


def test_closing_the_editor_with_unsaved_changes_asks_first(actions_host: Any, actions_ctx: Any, qtbot: Any,
                                                            dialogs: Any) -> None:
    page = actions_host.page
    row = page.model.row_at(0)
    editor = open_row(qtbot, page, row.id)
    editor.reject()  # nothing typed: closes without a question
    assert not editor.isVisible() and dialogs.names() == []
    editor = open_row(qtbot, page, row.id)
    qtbot.keyClicks(editor.title_edit, " (revised)")
    press(qtbot, editor, Qt.Key.Key_Escape)  # the question is answered No by default: the work stays
    assert dialogs.names() == ["question"] and editor.isVisible()
    assert editor.title_edit.text() == row.title + " (revised)"
    dialogs.answer("question", True)
    press(qtbot, editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and fresh(actions_ctx, row.id).title == row.title


def test_history_model_passes_the_model_tester(actions_host: Any, qtbot: Any, qtmodeltester: Any) -> None:
    page = actions_host.page
    row = next(r for r in page.model.rows() if r.latest_update)
    editor = open_row(qtbot, page, row.id)
    assert editor.history_model.rowCount() > 0
    qtmodeltester.check(editor.history_model)
    editor.discard()
