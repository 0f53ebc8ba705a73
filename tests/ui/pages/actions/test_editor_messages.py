"""A validation message goes as soon as its field is right (issue 9, item 16)."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt


def new_editor(host: Any) -> Any:
    host.page.new_action()
    editor = host.page.editor
    assert editor is not None and editor.isVisible()
    return editor


def save(qtbot: Any, editor: Any) -> None:
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)


def test_the_title_message_goes_when_a_title_is_typed(actions_host: Any, qtbot: Any) -> None:
    editor = new_editor(actions_host)
    save(qtbot, editor)
    assert editor.error_text() == "Title: an action needs a title" and editor.error_label.isVisible()
    assert "border" in editor.title_edit.styleSheet()
    qtbot.keyClicks(editor.title_edit, "R")
    assert editor.error_text() == "" and not editor.error_label.isVisible()
    assert editor.title_edit.styleSheet() == "" and editor.title_edit.accessibleDescription() == ""
    editor.discard()


def test_dates_the_wrong_way_round_clear_when_either_date_is_moved(actions_host: Any, qtbot: Any) -> None:
    editor = new_editor(actions_host)
    qtbot.keyClicks(editor.title_edit, "Dates the wrong way round")
    editor.start_edit.set_value(date(2027, 3, 1))
    editor.due_edit.set_value(date(2027, 2, 1))
    save(qtbot, editor)
    assert editor.error_text().startswith("Due date:") and editor.due_edit.message()
    qtbot.keyClicks(editor.title_edit, " still")  # another field, and the dates still clash: it stays
    assert editor.error_text().startswith("Due date:")
    editor.start_edit.line_edit.selectAll()
    qtbot.keyClicks(editor.start_edit.line_edit, "01/01/2027")  # fixed by moving the start
    assert editor.error_text() == "" and editor.due_edit.message() == ""
    editor.discard()


def test_a_ref_already_used_goes_when_the_ref_is_edited_not_before(actions_host: Any, qtbot: Any) -> None:
    editor = new_editor(actions_host)
    qtbot.keyClicks(editor.title_edit, "A second T1.1")
    editor.ref_edit.setText("T1.1")
    save(qtbot, editor)
    assert editor.error_text().startswith("Ref:") and "already used" in editor.error_text()
    qtbot.keyClicks(editor.title_edit, "!")
    assert editor.error_text().startswith("Ref:")  # only the service can say whether a ref is free
    qtbot.keyClicks(editor.ref_edit, "9")
    assert editor.error_text() == ""
    editor.discard()
