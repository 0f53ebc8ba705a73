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


def test_an_action_raised_at_an_agenda_item_shows_in_the_register_and_its_filter(
    qtbot: Any, main_window: Any, dialogs: Any,
) -> None:
    """Raise an action from the last held meeting's fourth item; the register shows "20/08/2024 · 4"
    in its Raised at column, and its "Raised at" filter narrows the register to that meeting's actions."""
    from boardapp.ui.pages.actions.table_model import COLUMN_KEYS

    window = main_window
    ctx = window.ctx
    window.show_page("Meetings")
    meetings = window.pages["Meetings"]
    held = max((m for m in meetings.meeting_model.rows() if m.status == "HELD"), key=lambda m: m.meeting_date)
    meetings.select_meeting(held.id)
    minuting = meetings.minuting
    meetings.tabs.setCurrentWidget(minuting.minutes)
    minuting.minutes.table.selectRow(3)  # item 4
    arising = minuting.arising
    meetings.tabs.setCurrentWidget(arising)
    arising.title.setFocus()
    qtbot.keyClicks(arising.title, "Publish the agency conversion offers")
    with qtbot.waitSignal(ctx.actions_changed):
        qtbot.keyClick(arising.title, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    raised = next(arising.model.row_at(r) for r in range(arising.model.rowCount())
                  if arising.model.row_at(r).title == "Publish the agency conversion offers")

    window.show_page("Actions")
    register = window.pages["Actions"]
    column = COLUMN_KEYS.index("raised_at")
    assert register.table.isColumnHidden(column)  # an optional column, offered in the header's menu
    entry = next(a for a in register.column_menu().actions() if a.text() == "Raised at")
    entry.setChecked(True)
    assert not register.table.isColumnHidden(column)
    expected = f"{held.meeting_date:%d/%m/%Y} · 4"
    assert register.select_action(raised.id)
    row = register.model.position_of(raised.id)
    assert register.model.index(row, column).data() == expected
    assert "agenda item 4" in register.model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)

    combo = register.bar.raised_combo
    combo.setCurrentIndex(combo.findText(f"At {held.meeting_date:%d/%m/%Y}"))
    shown = register.model.rows()
    assert raised.id in {r.id for r in shown}
    assert shown and all(r.raised_at.startswith(f"{held.meeting_date:%d/%m/%Y}") for r in shown)
    combo.setCurrentIndex(combo.findText("At a meeting"))
    every = register.model.rows()
    assert len(every) > len(shown) and all(r.raised_at for r in every)
    combo.setCurrentIndex(0)
    assert register.model.rowCount() == len([r for r in register.all_rows() if not r.deleted])
