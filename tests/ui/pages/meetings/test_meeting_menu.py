"""The menu bar's Meeting menu: the Meetings page's commands with their keys, shown while the page is."""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction


def _entries(window: Any) -> dict[str, QAction]:
    return {a.text().split("\t")[0].replace("&", ""): a for a in window.meeting_menu.actions() if not a.isSeparator()}


def test_the_meeting_menu_lists_the_commands_with_their_keys_only_on_the_meetings_page(main_window: Any) -> None:
    main_window.show_page("Dashboard")
    assert not main_window.meeting_menu.menuAction().isVisible()
    main_window.show_page("Meetings")
    assert main_window.meeting_menu.menuAction().isVisible()
    texts = [a.text() for a in main_window.meeting_menu.actions() if not a.isSeparator()]
    for expected in ("&New meeting…\tCtrl+Shift+N", "&Edit meeting…\tF2", "&Cancel meeting", "De&lete meeting",
                     "&Add agenda item\tCtrl+Return", "Move item &up\tCtrl+Up", "Move item &down\tCtrl+Down",
                     "C&opy agenda from the previous meeting…", "Attach &paper…\tCtrl+Shift+A",
                     "Mark &held\tCtrl+Shift+H", "E&xport minutes…\tCtrl+Shift+X"):
        assert expected in texts
    main_window.show_page("Actions")
    assert not main_window.meeting_menu.menuAction().isVisible()


def test_add_agenda_item_from_the_menu_shows_the_agenda_with_the_new_item(main_window: Any) -> None:
    from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
    from boardapp.ui.pages.meetings.papers_tab import PapersTab

    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    page.tabs.setCurrentWidget(page.tab(PapersTab))
    agenda = page.tab(AgendaTab)
    before = agenda.model.rowCount()
    main_window.meeting_menu.aboutToShow.emit()
    entry = _entries(main_window)["Add agenda item"]
    assert entry.isEnabled()
    entry.trigger()
    assert page.tabs.currentWidget() is agenda
    assert agenda.model.rowCount() == before + 1
    main_window.ctx.undo_stack.undo()
    assert agenda.model.rowCount() == before


def test_menu_entries_follow_the_commands_enabled_state(main_window: Any) -> None:
    main_window.show_page("Meetings")
    page = main_window.pages["Meetings"]
    held = next(r for r in page.meeting_model.rows() if r.status == "HELD")
    page.select_meeting(held.id)
    main_window.meeting_menu.aboutToShow.emit()
    entries = _entries(main_window)
    assert not entries["Cancel meeting"].isEnabled()  # a held meeting cannot be cancelled
    assert not entries["Delete meeting"].isEnabled()
    assert entries["Export minutes…"].isEnabled()
