"""The Meeting menu of the menu bar: the Meetings page's commands, with their keys, from anywhere on the page.

Each entry stands for a command the page or one of its tabs already has (an action or a button):
choosing it shows that tab first, then runs the command, so "Attach paper…" from the menu lands on
the Papers tab with the file dialog open. The shortcut is shown after a tab in the entry's text
(the page's own action keeps the key itself, so the two never fight over it).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QWidget

#: The Meetings page (typed loosely: page imports this module, and the package's modules form no cycle).
MeetingsPage = Any


def _keys(target: Any) -> str:
    if isinstance(target, QAction):
        return target.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return ""


def menu_entries(page: MeetingsPage) -> list[tuple[str, Any, QWidget | None, str] | None]:
    """(menu text, the action or button it runs, the tab to show first, keys) — None is a separator."""
    from boardapp.ui.pages.meetings.agenda_tab import AgendaTab
    from boardapp.ui.pages.meetings.attendance_tab import AttendanceTab
    from boardapp.ui.pages.meetings.papers_tab import PapersTab

    agenda, papers, attendance = page.tab(AgendaTab), page.tab(PapersTab), page.tab(AttendanceTab)
    minutes = page.minuting.minutes
    return [
        ("&New meeting…", page.new_action, None, _keys(page.new_action)),
        ("&Edit meeting…", page.edit_action, None, _keys(page.edit_action)),
        ("&Cancel meeting", page.cancel_action, None, ""),
        ("De&lete meeting", page.delete_action, None, ""),
        None,
        ("&Add agenda item", agenda.add_action, agenda, _keys(agenda.add_action)),
        ("Add &sub-item", agenda.add_sub_action, agenda, _keys(agenda.add_sub_action)),
        ("Move item &up", agenda.up_action, agenda, _keys(agenda.up_action)),
        ("Move item &down", agenda.down_action, agenda, _keys(agenda.down_action)),
        ("C&opy agenda from the previous meeting…", agenda.copy_action, agenda, ""),
        ("Attach &paper…", papers.attach_action, papers, _keys(papers.attach_action)),
        ("Add &guest…", attendance.guest_action, attendance, _keys(attendance.guest_action)),
        ("Attendance &matrix…", attendance.matrix_action, attendance, _keys(attendance.matrix_action)),
        None,
        ("Mark &held", minutes.held_button, minutes, "Ctrl+Shift+H"),
        ("Appro&ve minutes…", minutes.approve_button, minutes, ""),
        ("E&xport minutes…", minutes.export_button, minutes, "Ctrl+Shift+X"),
    ]


def _enabled(page: MeetingsPage, target: Any, tab: QWidget | None) -> bool:
    if tab is not None and not page.tabs.isEnabled():
        return False
    return bool(target.isEnabled())  # a button on a tab not shown is still enabled; a disabled tab's is not


def _run(page: MeetingsPage, target: Any, tab: QWidget | None) -> None:
    if tab is not None:
        page.tabs.setCurrentWidget(tab)
    if isinstance(target, QPushButton):
        target.click()
    else:
        target.trigger()


def fill_menu(page: MeetingsPage, menu: QMenu) -> list[QAction]:
    """Put the entries into ``menu``; each is enabled as its command is whenever the menu opens."""
    made: list[tuple[QAction, Any, QWidget | None]] = []
    for entry in menu_entries(page):
        if entry is None:
            menu.addSeparator()
            continue
        text, target, tab, keys = entry
        action = menu.addAction(f"{text}\t{keys}" if keys else text)
        action.triggered.connect(lambda _=False, t=target, w=tab: _run(page, t, w))
        made.append((action, target, tab))

    def update() -> None:
        for action, target, tab in made:
            action.setEnabled(_enabled(page, target, tab))

    menu.aboutToShow.connect(update)
    update()
    return [action for action, _t, _w in made]
