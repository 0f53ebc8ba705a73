"""An action arising shows where it was raised, and its editor takes the user back to that meeting and item."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


def _an_action_arising(window: Any) -> Any:
    from boardapp.services.connection import dbapi
    from boardapp.services.meetings.arising import raised_at

    with window.ctx.session() as session:
        ids = [i for (i,) in dbapi(session).execute(
            "SELECT id FROM action WHERE raised_at_meeting_id IS NOT NULL AND raised_at_item_id IS NOT NULL"
            " AND deleted_at IS NULL ORDER BY id").fetchall()]
        assert ids, "the demo raises actions at its meetings"
        return raised_at(ids[0], session=session)


def test_editor_shows_raised_at_and_goes_to_the_meeting_and_item(qtbot: Any, main_window: Any) -> None:
    arising = _an_action_arising(main_window)
    main_window.show_page("Actions")
    page = main_window.pages["Actions"]
    page.select_action(arising.id)
    page.edit_selected()
    editor = page.editor
    assert editor is not None
    shown = editor.raised_at_row
    assert shown is not None
    text = shown.label.text()
    assert text.startswith(f"Board meeting of {arising.meeting_date:%d/%m/%Y}, item ")
    qtbot.mouseClick(shown.go_button, Qt.MouseButton.LeftButton)
    meetings = main_window.pages["Meetings"]
    assert main_window.stack.currentWidget() is meetings
    assert not editor.isVisible()
    assert meetings.current_meeting().id == arising.meeting_id
    from boardapp.ui.pages.meetings.agenda_tab import AgendaTab

    agenda = meetings.tab(AgendaTab)
    assert meetings.tabs.currentWidget() is agenda
    item = agenda.current_row()
    assert item.id == arising.item_id
    assert text.endswith(f", item {item.number} {item.title}")  # the number the agenda shows, not its place


def test_an_action_not_raised_at_a_meeting_has_no_raised_at_row(qtbot: Any, main_window: Any) -> None:
    from boardapp.services.connection import dbapi

    with main_window.ctx.session() as session:
        (plain,) = dbapi(session).execute(
            "SELECT min(id) FROM action WHERE raised_at_meeting_id IS NULL AND deleted_at IS NULL").fetchone()
    main_window.show_page("Actions")
    page = main_window.pages["Actions"]
    page.select_action(plain)
    page.edit_selected()
    assert page.editor.raised_at_row is None
