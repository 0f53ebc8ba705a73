"""Dates typed in the action editor are the dates saved (issue 9, item 1)."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from boardapp.services.plan import register_read as action_rows


def live_count(ctx: Any) -> int:
    with ctx.session() as session:
        return len(action_rows.list_action_rows(session=session, today=ctx.today()))


def new_editor(qtbot: Any, host: Any) -> Any:
    page = host.page
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=2000)
    qtbot.keyClicks(editor.title_edit, "Dated by typing")
    return editor


def has_focus(field: Any) -> bool:
    focused = QApplication.focusWidget()
    return focused is field or field.isAncestorOf(focused)


def tab_to(qtbot: Any, editor: Any, target: Any) -> int:
    """Press Tab from the title until ``target`` has the focus; how many Tabs it took."""
    editor.title_edit.setFocus()
    for presses in range(1, 30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if has_focus(target):
            return presses
    raise AssertionError("Tab never reached the field")


def test_typing_05_01_2027_and_tab_saves_the_fifth_of_january(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    editor = new_editor(qtbot, actions_host)
    tab_to(qtbot, editor, editor.due_edit)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "05/01/2027")
    assert editor.due_edit.text() == "05/01/2027"  # not "05/03/00001/2027"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert has_focus(editor.revised_edit)  # one Tab leaves the due date
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # Enter saves
    assert not editor.isVisible()
    created = actions_host.page.selected_rows()[0]
    assert created.due_date == date(2027, 1, 5) and created.title == "Dated by typing"


def test_an_impossible_due_date_stops_the_save_naming_the_field(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    editor = new_editor(qtbot, actions_host)
    tab_to(qtbot, editor, editor.due_edit)
    QApplication.focusWidget().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "31/02/2027")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert editor.due_edit.message().startswith("Due date:") and "no day 31" in editor.due_edit.message()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and editor.error_text().startswith("Due date:")
    assert QApplication.focusWidget() is editor.due_edit.line_edit
    assert live_count(actions_ctx) == 120 and actions_ctx.undo_stack.count() == 0
    editor.discard()


def test_optional_dates_typed_in_words_or_left_empty(actions_host: Any, actions_ctx: Any, qtbot: Any) -> None:
    editor = new_editor(qtbot, actions_host)
    editor.start_edit.line_edit.setFocus()
    editor.start_edit.line_edit.selectAll()
    qtbot.keyClicks(editor.start_edit.line_edit, "5 Jan 2027")
    editor.due_edit.line_edit.setFocus()
    editor.due_edit.line_edit.selectAll()
    qtbot.keyClicks(editor.due_edit.line_edit, "5/1/28")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible(), editor.error_text()
    created = actions_host.page.selected_rows()[0]
    assert (created.start_date, created.due_date, created.revised_due_date) == (date(2027, 1, 5), date(2028, 1, 5), None)
